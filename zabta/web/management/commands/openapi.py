"""`zabta openapi`: print the REST API's OpenAPI schema."""

from drf_spectacular.management.commands.spectacular import Command as SpectacularCommand


class Command(SpectacularCommand):
    help = "Print the OpenAPI 3 schema of the REST API (YAML by default; --format openapi-json for JSON)."
