import re

import pytest
from django.test import Client, RequestFactory

from netlife.core.views import server_error
from netlife.networks.models import Network

BROKEN_URLS = "netlife.core.tests.broken_urls"


@pytest.fixture
def quiet_client() -> Client:
    # Let the designed 500 page answer, as it does under `netlife serve`,
    # instead of re-raising the view's exception into the test.
    return Client(raise_request_exception=False)


def test_a_missing_page_gets_the_designed_404(client, ana):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "This page is not here" in body
    assert "/no/such/page/" in body
    assert 'href="/static/netlife/css/netlife.css"' in body


def test_the_404_page_escapes_the_path(client, ana):
    response = client.get("/<script>alert(1)</script>/")
    assert response.status_code == 404
    assert "<script>alert" not in response.content.decode()


@pytest.mark.urls(BROKEN_URLS)
def test_a_view_that_raises_gets_the_designed_500_without_a_traceback(
    quiet_client, ana
):
    response = quiet_client.get("/explode/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong on our side" in body
    assert "Traceback" not in body
    assert "secret-detail-in-the-exception" not in body
    assert "ValueError" not in body


@pytest.mark.urls(BROKEN_URLS)
def test_a_database_error_gets_the_designed_500(quiet_client, ana):
    response = quiet_client.get("/lose-the-database/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "no such table" not in response.content.decode()


def test_the_500_page_renders_without_the_database(db, django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.urls(BROKEN_URLS)
def test_the_500_page_falls_back_when_its_template_breaks(
    quiet_client, ana, monkeypatch
):
    from netlife.core import views

    def broken(*args: object, **kwargs: object) -> str:
        raise OSError("template storage is gone")

    monkeypatch.setattr(views, "render_to_string", broken)
    response = quiet_client.get("/explode/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_an_expired_form_gets_the_designed_403(ana):
    response = Client(enforce_csrf_checks=True).post("/demo/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "That form has expired" in body
    assert "CSRF verification failed" not in body


def test_a_request_for_another_host_gets_the_designed_400(client, ana):
    response = client.get("/", headers={"host": "attacker.example"})
    assert response.status_code == 400
    assert "could not read that request" in response.content.decode()


@pytest.mark.parametrize("url", ["/", "/no/such/page/"])
def test_pages_carry_the_security_headers(client, ana: Network, url):
    response = client.get(url)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.urls(BROKEN_URLS)
def test_the_500_page_carries_the_security_headers(quiet_client, ana):
    response = quiet_client.get("/explode/")
    assert "Content-Security-Policy" in response
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.urls(BROKEN_URLS)
@pytest.mark.parametrize("url", ["/", "/no/such/page/", "/explode/"])
def test_pages_use_no_inline_script_or_style(quiet_client, ana, url):
    body = quiet_client.get(url).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body), "inline <script>"
    assert "<style" not in body
    assert not re.search(r"\sstyle=", body), "style attribute"
    assert not re.search(r"\son[a-z]+=", body), "inline event handler"
    assert "hx-on" not in body
