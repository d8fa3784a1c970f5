"""The `zabta` command line and the REST API's authentication and schema."""

import json
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.conftest import Cast


def test_zabta_help_lists_project_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "zabta.cli", "--help"], capture_output=True, text=True, check=True, timeout=60
    )
    for command in ("audit", "directive", "serve", "worker", "openapi", "import_personnel", "demo"):
        assert command in result.stdout


def test_hyphenated_command_names_reach_the_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "zabta.cli", "import-personnel", "--help"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "usage: zabta import_personnel" in result.stdout


@pytest.mark.django_db
def test_openapi_schema_describes_the_api() -> None:
    out = StringIO()
    call_command("openapi", "--format", "openapi-json", stdout=out)
    schema = json.loads(out.getvalue())
    assert schema["openapi"].startswith("3.")
    for path in ("/api/v1/personnel/", "/api/v1/units/", "/api/v1/directive-versions/", "/api/v1/me/"):
        assert path in schema["paths"]


def test_token_authentication_for_integrations(cast: Cast) -> None:
    token = Token.objects.create(user=cast.ssp)
    client = APIClient()
    assert client.get("/api/v1/personnel/").status_code in {401, 403}
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.get("/api/v1/personnel/")
    assert response.status_code == 200
    ids = {row["personnel_id"] for row in response.json()["results"]}
    assert ids == {"P-1001", "P-1002", "P-1003", "P-1005", "P-1007"}  # Korangi district only
    assert all("*******" in row["cnic"] or row["cnic"] == "" for row in response.json()["results"])


def test_bad_token_is_refused(cast: Cast) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get("/api/v1/me/").status_code == 401
