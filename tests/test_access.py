"""Access modes under AppTest with seeded secrets: public, password (right, wrong, rate limit), OIDC."""

import pytest
from conftest import REPO
from streamlit.testing.v1 import AppTest

from components import access

APP = str(REPO / "app.py")


def app(**secrets) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in secrets.items():
        at.secrets[key] = value
    return at


@pytest.fixture(autouse=True)
def fresh_limits():
    access._failures.clear()
    yield
    access._failures.clear()


def test_public_mode_opens_the_app():
    at = app().run()
    assert not at.exception and at.title[0].value.startswith("How many people")


def test_password_mode_asks_for_the_password():
    at = app(access_mode="password", access_password="s3cret-phrase").run()
    assert not at.exception
    assert at.text_input[0].label == "Password" and not at.metric


def test_right_password_opens_the_app():
    at = app(access_mode="password", access_password="s3cret-phrase").run()
    at.text_input[0].input("s3cret-phrase")
    at.button[0].click().run()
    assert not at.exception and at.title[0].value.startswith("How many people")


def test_wrong_password_is_refused_without_echoing_the_secret():
    at = app(access_mode="password", access_password="s3cret-phrase").run()
    at.text_input[0].input("guess")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["That password is not right."]
    shown = [getattr(e, "value", "") for e in at.main.children.values()] + [e.value for e in at.error]
    assert "s3cret" not in str(shown)


def test_attempts_are_rate_limited():
    at = app(access_mode="password", access_password="s3cret-phrase").run()
    for _ in range(access.MAX_FAILURES):
        at.text_input[0].input("guess")
        at.button[0].click().run()
    at.text_input[0].input("s3cret-phrase")
    at.button[0].click().run()
    assert any("Too many wrong passwords" in e.value for e in at.error)
    assert not at.metric


def test_reloading_does_not_reset_the_rate_limit():
    """No client address is visible here (as behind a proxy that sends none): the count is kept by the
    server, so a new session (a reload) is still refused."""
    first = app(access_mode="password", access_password="s3cret-phrase").run()
    for _ in range(access.MAX_FAILURES):
        first.text_input[0].input("guess")
        first.button[0].click().run()
    reloaded = app(access_mode="password", access_password="s3cret-phrase").run()
    reloaded.text_input[0].input("s3cret-phrase")
    reloaded.button[0].click().run()
    assert any("Too many wrong passwords" in e.value for e in reloaded.error) and not reloaded.metric


def test_the_client_key_is_the_peer_address_when_streamlit_sees_one():
    assert access.client_key("203.0.113.7", {"X-Real-IP": "198.51.100.1"}, "X-Real-IP") == "203.0.113.7"


def test_the_proxy_header_is_trusted_only_when_configured():
    headers = {"X-Real-IP": "198.51.100.1"}
    assert access.client_key(None, headers, "X-Real-IP") == "198.51.100.1"
    assert access.client_key(None, headers, None) == access.UNSEEN


def test_the_last_forwarded_address_counts_the_ones_before_it_can_be_forged():
    headers = {"X-Forwarded-For": "10.9.9.9, 198.51.100.1"}
    assert access.client_key(None, headers, "X-Forwarded-For") == "198.51.100.1"


def test_a_header_that_is_not_an_address_falls_back_to_the_shared_counter():
    assert access.client_key(None, {"X-Real-IP": "<script>"}, "X-Real-IP") == access.UNSEEN


def test_rate_limit_expires():
    for _ in range(access.MAX_FAILURES):
        access.record_failure("client", now=0.0)
    assert access.seconds_until_allowed("client", now=1.0) > 0
    assert access.seconds_until_allowed("client", now=access.WINDOW_SECONDS + 1) == 0


def test_password_comparison():
    assert access.password_matches("a", "a") and not access.password_matches("a", "b")


def test_password_mode_without_a_password_fails_closed():
    at = app(access_mode="password").run()
    assert at.error and "no password is set" in at.error[0].value and not at.metric


def test_oidc_without_auth_section_fails_closed():
    at = app(access_mode="oidc").run()
    assert at.error and "[auth]" in at.error[0].value and not at.metric


def test_oidc_with_auth_section_offers_sign_in():
    at = app(access_mode="oidc", auth={"redirect_uri": "http://localhost:8501/oauth2callback",
                                       "cookie_secret": "x" * 32, "client_id": "dashboard",
                                       "client_secret": "y", "server_metadata_url":
                                       "https://id.example.org/.well-known/openid-configuration"}).run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in"] and not at.metric


def test_unknown_mode_fails_closed():
    at = app(access_mode="everyone").run()
    assert at.error and "misconfigured" in at.error[0].value
