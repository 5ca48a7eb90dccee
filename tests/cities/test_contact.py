"""The contact relay: a visitor writes, the group gets an email; its address stays hidden."""

import pytest
from django.core import mail

from cities.views import CONTACT_LIMIT
from tests.conftest import make_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """The test client, with each request's on-commit work run as a real commit would: the
    relay's email leaves the outbox only then."""
    post = client.post

    def post_and_commit(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return post(*args, **kwargs)

    client.post = post_and_commit
    return client


CONTACT = "/en/groups/rosengards-roster/contact/"


def message(**overrides) -> dict:
    data = {
        "name": "Vera Besökare",
        "email": "vera@example.net",
        "message": "Hej! Vi vill samarbeta kring ett öppet möte i höst.",
        "website_url": "",
    }
    data.update(overrides)
    return data


def test_it_relays_the_message_with_the_visitor_as_reply_to(client, group):
    """The group's contact address gets the message; replies go to the visitor."""
    response = client.post(CONTACT, message(), follow=True)
    assert response.redirect_chain[-1][0] == "/en/groups/rosengards-roster/"
    assert "Your message has been sent to Rosengårds röster." in response.content.decode()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["rosengards-roster@groups.example.org"]
    assert sent.reply_to == ["vera@example.net"]
    assert sent.cc == [] and sent.bcc == []
    assert "Vera Besökare" in sent.subject
    assert "Vi vill samarbeta kring ett öppet möte i höst." in sent.body
    assert "vera@example.net" in sent.body


def test_it_never_shows_the_groups_address_to_the_visitor(client, group):
    """Neither the form, the result page, nor anything the visitor receives names it."""
    assert group.contact_email not in client.get(CONTACT).content.decode()
    response = client.post(CONTACT, message(), follow=True)
    assert group.contact_email not in response.content.decode()
    assert all("vera@example.net" not in m.to for m in mail.outbox)


def test_it_refuses_a_filled_honeypot(client, group):
    """A bot that fills the hidden field sends nothing and gets a message."""
    response = client.post(CONTACT, message(website_url="http://spam.example"))
    assert response.status_code == 200
    assert "could not be sent" in response.content.decode()
    assert mail.outbox == []


def test_it_explains_missing_fields_and_keeps_the_input(client, group):
    response = client.post(CONTACT, message(email="not-an-address"))
    html = response.content.decode()
    assert "<title>Error: " in html
    assert "Enter a valid email address." in html
    assert "Vi vill samarbeta" in html
    assert mail.outbox == []


def test_it_limits_messages_from_one_address(client, group):
    """After five messages in an hour from one address, the sixth is refused with a message."""
    for _number in range(CONTACT_LIMIT):
        assert client.post(CONTACT, message()).status_code == 302
    response = client.post(CONTACT, message())
    assert response.status_code == 200
    assert "Too many messages" in response.content.decode()
    assert len(mail.outbox) == CONTACT_LIMIT


def test_it_limits_messages_to_one_group_from_many_addresses(client, group):
    """Many senders (on many machines) together cannot flood one group either."""
    for number in range(CONTACT_LIMIT):
        response = client.post(
            CONTACT, message(email=f"sender{number}@example.net"), REMOTE_ADDR=f"10.0.0.{number}"
        )
        assert response.status_code == 302
    response = client.post(CONTACT, message(email="one.more@example.net"), REMOTE_ADDR="10.0.1.1")
    assert "Too many messages" in response.content.decode()
    assert len(mail.outbox) == CONTACT_LIMIT


def test_it_offers_no_relay_for_a_pending_group(client, city_malmo):
    make_group("Väntande", city_malmo, status="pending")
    assert client.get("/en/groups/vantande/contact/").status_code == 404
    assert client.post("/en/groups/vantande/contact/", message()).status_code == 404
