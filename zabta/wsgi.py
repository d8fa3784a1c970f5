"""WSGI entry point for Zabta."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zabta.settings")
application = get_wsgi_application()
