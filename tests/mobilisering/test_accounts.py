import io
import re

import pytest
from django.core import mail
from django.core.management import call_command

from mobilisering.demo import ACCOUNTS, DEMO_PASSWORD
from tests.conftest import PASSWORD, login, make_group, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("email", ACCOUNTS)
def test_each_demo_account_logs_in(client, demo, email):
    response = client.post(
        "/en/accounts/login/", {"login": email, "password": DEMO_PASSWORD}, follow=True
    )
    assert response.context["user"].email == email
    assert response.context["user"].is_authenticated


def test_seed_demo_can_run_twice(demo, django_user_model):
    call_command("seed_demo", stdout=io.StringIO())
    assert django_user_model.objects.filter(email__in=ACCOUNTS).count() == len(ACCOUNTS)


def test_seed_demo_refuses_to_run_with_debug_off(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")


def test_the_demo_staff_work_for_their_own_city(demo, django_user_model):
    user = django_user_model.objects.get(email="staff.malmo@example.org")
    assert list(user.city_staff.values_list("city__slug", flat=True)) == ["malmo"]


def test_a_wrong_password_is_refused_with_a_summary_and_the_email_kept(client):
    make_user("maria@example.org")
    response = client.post(
        "/sv/accounts/login/", {"login": "maria@example.org", "password": "wrong"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Fel: " in html
    assert 'id="error-summary"' in html
    assert 'value="maria@example.org"' in html


def test_a_new_person_must_verify_their_email_before_logging_in(client):
    response = client.post(
        "/en/accounts/signup/",
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    login = client.post("/en/accounts/login/", {"login": "new@example.org", "password": PASSWORD})
    assert login["Location"] == "/en/accounts/confirm-email/"  # not logged in yet
    path = link.split("testserver", 1)[-1] if "testserver" in link else "/" + link.split("/", 3)[3]
    client.post(path)
    assert client.get("/en/my/").status_code == 200


def test_signup_errors_are_shown_and_input_kept(client):
    response = client.post(
        "/en/accounts/signup/",
        {"email": "not-an-email", "password1": "short", "password2": "other"},
    )
    html = response.content.decode()
    assert "<title>Error: " in html
    assert 'value="not-an-email"' in html
    assert 'aria-describedby="id_email_error"' in html


@pytest.mark.parametrize(
    ("path", "words", "not_words"),
    [
        ("/sv/accounts/login/", ["Logga in", "Har du inget konto än?", "Skapa ett konto"], []),
        ("/en/accounts/login/", ["Log in", "No account yet?"], ["Sign In"]),
        ("/sv/accounts/signup/", ["Skapa konto", "Har du redan ett konto?", "Logga in"], []),
        ("/en/accounts/signup/", ["Create account", "Already have an account?"], ["Sign Up"]),
        ("/sv/accounts/password/reset/", ["Glömt lösenord", "E-postadress"], []),
        ("/sv/accounts/confirm-email/wrong-key/", ["Begär en ny bekräftelselänk."], []),
    ],
)
def test_the_account_pages_speak_the_portals_words(client, path, words, not_words):
    html = client.get(path).content.decode()
    for word in words:
        assert word in html
    for word in [*not_words, "epost", "Epost", "Vänligen"]:
        assert word not in html
    assert not re.search(r"\b[Mm]ail(et)?\b", html)


def test_the_login_page_links_to_sign_up_and_says_so(client):
    html = client.get("/sv/accounts/login/").content.decode()
    assert re.search(r'<a href="/sv/accounts/signup/">Skapa ett konto</a>', html)


def test_logging_in_names_the_person_never_the_username(client):
    user = make_user("nina.ny@example.net")
    user.username = "nina.ny"
    user.save(update_fields=["username"])
    response = client.post(
        "/sv/accounts/login/",
        {"login": "nina.ny@example.net", "password": PASSWORD},
        follow=True,
    )
    html = response.content.decode()
    assert "Du är inloggad som nina.ny@example.net." in html
    assert "som nina.ny." not in html


def test_the_confirmation_email_greets_from_the_portal(client):
    client.post(
        "/sv/accounts/signup/",
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    (message,) = mail.outbox
    assert message.subject == "[Mobilisering] Bekräfta din e-postadress"
    assert message.body.startswith("Hej från Mobilisering")
    assert "Följ länken för att bekräfta din e-postadress: http" in message.body
    assert "testserver" not in message.body.splitlines()[0]


def test_the_password_reset_email_is_in_plain_words_and_names_no_username(client):
    make_user("nina.ny@example.net")
    client.post("/sv/accounts/password/reset/", {"email": "nina.ny@example.net"})
    (message,) = mail.outbox
    assert message.subject == "[Mobilisering] Välj ett nytt lösenord"
    assert "Följ länken för att välja ett:" in message.body
    assert "/sv/accounts/password/reset/key/" in message.body
    assert "användarnamn" not in message.body.lower()


def test_the_email_page_speaks_of_confirmed_addresses_and_a_main_address(client):
    make_user("maria@example.org")
    client.login(username="maria@example.org", password=PASSWORD)
    html = client.get("/sv/accounts/email/").content.decode()
    assert "maria@example.org" in html
    assert "Bekräftad" in html
    assert "Huvudadress" in html
    assert "Verifierad" not in html
    assert "Primär" not in html


def test_staff_see_a_group_admin_by_address_once_when_there_is_no_name(
    client, city_malmo, staff_malmo
):
    admin = make_user("nina.ny@example.net")
    make_group("Grannar i Sofielund", city_malmo, status="pending", admins=[admin])
    login(client, staff_malmo)
    html = client.get("/sv/staff/groups/grannar-i-sofielund/").content.decode()
    assert html.count("nina.ny@example.net") == 2  # the link's text and its mailto: address
    assert "nina.ny@example.net (" not in html
