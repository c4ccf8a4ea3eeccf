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
