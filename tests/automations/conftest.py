"""The HTTP API fixtures (a real hub + HttpServer on 127.0.0.1) for the API tests here."""

from tests.api.conftest import make_api

__all__ = ["make_api"]
