"""Mail through the outbox: a mail server that refuses breaks no page and loses nothing, and once
it answers again every email goes out exactly once."""

import io
import logging
import smtplib
from datetime import timedelta

import pytest
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mobilisering import outbox
from mobilisering.email import send_email_on_commit
from mobilisering.models import OutgoingEmail
from tests.conftest import PASSWORD, login, make_group, make_user
from tests.trainings.conftest import make_registration, make_session, signup_data
from trainings.models import Registration

Status = OutgoingEmail.Status


class FlakyMailServer(BaseEmailBackend):
    """A delivery mailer whose server is down (every message refused) or up; while up it can
    still refuse one address. What it accepted is kept in `accepted`."""

    down = True
    refused_addresses: set[str] = set()
    accepted: list = []

    def send_messages(self, email_messages):
        for message in email_messages:
            if FlakyMailServer.down:
                raise ConnectionRefusedError(111, "Connection refused")
            if set(message.to) & FlakyMailServer.refused_addresses:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such mailbox")})
            FlakyMailServer.accepted.append(message)
        return len(email_messages)


@pytest.fixture
def mail_server(settings):
    """The portal's mail set up as in production (the outbox as default mailer), delivering
    through a server that starts out refusing every connection."""
    settings.MAILERS = {
        "default": {"BACKEND": "mobilisering.email.OutboxBackend"},
        "delivery": {"BACKEND": "tests.mobilisering.test_outbox.FlakyMailServer"},
    }
    FlakyMailServer.down = True
    FlakyMailServer.refused_addresses = set()
    FlakyMailServer.accepted = []
    return FlakyMailServer


@pytest.fixture
def committing_client(client, django_capture_on_commit_callbacks):
    """The test client, with each request's on-commit work (enqueueing the emails) run as a
    real commit runs it."""

    def request(method, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return getattr(client, method)(*args, **kwargs)

    client.post_and_commit = lambda *args, **kwargs: request("post", *args, **kwargs)
    return client


LATER = timedelta(hours=6)


def deliver_when_due():
    """What the worker does over the next hours, without waiting for them."""
    return outbox.deliver_due(now=timezone.now() + LATER)


# The five requests the issue saw fail, each with what it saved --------------------------------


def sign_up(client, session):
    response = client.post_and_commit(f"/en/trainings/sessions/{session.pk}/", signup_data())
    assert Registration.objects.filter(session=session, email="amina@example.org").exists()
    return response


def cancel_with_promotion(client, session):
    seated = make_registration(session, "seated@example.org")
    make_registration(session, "next@example.org", status="waitlisted")
    response = client.post_and_commit(f"/en/trainings/registration/{seated.token}/")
    assert Registration.objects.get(email="seated@example.org").status == "cancelled"
    assert Registration.objects.get(email="next@example.org").status == "confirmed"
    return response


def staff_cancels_session(client, session, staff):
    make_registration(session, "one@example.org")
    make_registration(session, "two@example.org", language="en")
    login(client, staff)
    response = client.post_and_commit(
        f"/en/staff/trainings/{session.pk}/cancel/", {"message": "The teacher is ill."}
    )
    session.refresh_from_db()
    assert session.is_cancelled
    return response


def reset_password(client):
    make_user("forgetful@example.org")
    return client.post_and_commit(
        "/en/accounts/password/reset/", {"email": "forgetful@example.org"}
    )


def write_to_group(client, city):
    make_group("Rosengårds röster", city, slug="rosengards-roster")
    return client.post_and_commit(
        "/en/groups/rosengards-roster/contact/",
        {
            "name": "Vera",
            "email": "vera@example.net",
            "message": "Hej! Kan vi ses i höst?",
            "website_url": "",
        },
    )


FLOWS = ["sign_up", "cancel_with_promotion", "staff_cancels_session", "reset_password", "contact"]


def run_flow(name, client, city, staff):
    if name == "sign_up":
        return sign_up(client, make_session(city, capacity=3))
    if name == "cancel_with_promotion":
        return cancel_with_promotion(client, make_session(city, capacity=1))
    if name == "staff_cancels_session":
        return staff_cancels_session(client, make_session(city, capacity=3), staff)
    if name == "reset_password":
        return reset_password(client)
    return write_to_group(client, city)


@pytest.mark.django_db
@pytest.mark.parametrize("flow", FLOWS)
def test_it_saves_the_change_and_answers_while_the_mail_server_refuses(
    flow, mail_server, committing_client, city_malmo, staff_malmo
):
    """The page answers as usual (its redirect), the change is saved, and its emails wait in
    the outbox with the error noted, none of them sent."""
    response = run_flow(flow, committing_client, city_malmo, staff_malmo)

    assert response.status_code == 302
    waiting = OutgoingEmail.objects.all()
    assert waiting.count() >= 1
    for email in waiting:
        assert (email.status, email.attempts) == (Status.QUEUED, 1)
        assert "Connection refused" in email.last_error
        assert email.next_attempt_at > timezone.now()
    assert mail_server.accepted == []


@pytest.mark.django_db
def test_it_delivers_every_waiting_email_exactly_once_when_the_server_answers_again(
    mail_server, committing_client, city_malmo, staff_malmo
):
    for flow in FLOWS:
        committing_client.logout()
        run_flow(flow, committing_client, city_malmo, staff_malmo)
    # Sign-up 1, cancelled + promoted 2, session cancelled 2, password reset 1, contact 1.
    assert OutgoingEmail.objects.filter(status=Status.QUEUED).count() == 7

    mail_server.down = False
    assert deliver_when_due() == {Status.SENT: 7}
    assert deliver_when_due() == {}  # Nothing twice.
    for email in OutgoingEmail.objects.all():  # Nor a late task for one of them.
        assert outbox.deliver(email.pk) == "skipped"

    recipients = sorted(address for message in mail_server.accepted for address in message.to)
    assert recipients == sorted(
        [
            "amina@example.org",
            "seated@example.org",
            "next@example.org",
            "one@example.org",
            "two@example.org",
            "forgetful@example.org",
            "rosengards-roster@groups.example.org",
        ]
    )
    assert OutgoingEmail.objects.exclude(status=Status.SENT).count() == 0
    promoted = next(m for m in mail_server.accepted if m.to == ["next@example.org"])
    assert promoted.attachments[0][0] == "training.ics"  # Stored, then sent, with the file.
    relayed = next(m for m in mail_server.accepted if m.to[0].startswith("rosengards"))
    assert relayed.reply_to == ["vera@example.net"]
    reset = next(m for m in mail_server.accepted if m.to == ["forgetful@example.org"])
    assert "/accounts/password/reset/key/" in reset.body


@pytest.mark.django_db
def test_one_refused_address_holds_up_no_other_email(
    mail_server, committing_client, city_malmo, staff_malmo
):
    mail_server.down = False
    mail_server.refused_addresses = {"one@example.org"}

    staff_cancels_session(committing_client, make_session(city_malmo), staff_malmo)

    assert [m.to for m in mail_server.accepted] == [["two@example.org"]]
    held = OutgoingEmail.objects.get(status=Status.QUEUED)
    assert held.to == ["one@example.org"]
    assert "No such mailbox" in held.last_error


@pytest.mark.django_db
def test_a_rolled_back_change_leaves_nothing_in_the_outbox(mail_server):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_email_on_commit(EmailMessage("Subject", "Body", to=["a@example.org"]))
        raise RuntimeError("the change failed")
    assert not OutgoingEmail.objects.exists()


@pytest.mark.django_db
def test_it_gives_up_after_the_last_attempt_logs_it_and_staff_see_the_count(
    mail_server, committing_client, city_malmo, staff_malmo, caplog
):
    sign_up(committing_client, make_session(city_malmo))
    with caplog.at_level(logging.ERROR, logger="mobilisering.outbox"):
        for _attempt in range(outbox.MAX_ATTEMPTS):
            deliver_when_due()
    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts) == (Status.FAILED, outbox.MAX_ATTEMPTS)
    assert "failed for good" in caplog.text
    assert deliver_when_due() == {}  # A failed email waits for a person.

    login(committing_client, staff_malmo)
    page = committing_client.get("/en/staff/trainings/").content.decode()
    assert "1 email has not been delivered yet" in page
    assert "/staff/outbox/" not in page  # City staff see the count, not the mail.


@pytest.mark.django_db
def test_a_superuser_sends_a_failed_email_again_from_the_outbox(
    mail_server, committing_client, city_malmo
):
    sign_up(committing_client, make_session(city_malmo))
    OutgoingEmail.objects.update(status=Status.FAILED, attempts=outbox.MAX_ATTEMPTS)
    admin = make_user("root@example.org", is_superuser=True, is_staff=True)
    login(committing_client, admin)
    page = committing_client.get("/en/staff/outbox/").content.decode()
    assert "amina@example.org" in page
    assert "Send again" in page

    mail_server.down = False
    email = OutgoingEmail.objects.get()
    response = committing_client.post_and_commit(f"/en/staff/outbox/{email.pk}/resend/")

    assert response.status_code == 302
    assert [m.to for m in mail_server.accepted] == [["amina@example.org"]]
    email.refresh_from_db()
    assert email.status == Status.SENT
    again = committing_client.post_and_commit(f"/en/staff/outbox/{email.pk}/resend/", follow=True)
    assert "already on its way" in again.content.decode()
    assert len(mail_server.accepted) == 1


@pytest.mark.django_db
def test_only_superusers_reach_the_outbox(client, staff_malmo, mail_server, city_malmo):
    assert client.get("/en/staff/outbox/").status_code == 302  # to the login
    email = outbox_email()
    login(client, staff_malmo)
    assert client.get("/en/staff/outbox/").status_code == 403
    assert client.post(f"/en/staff/outbox/{email.pk}/resend/").status_code == 403
    email.refresh_from_db()
    assert email.status == Status.FAILED


def outbox_email(**fields) -> OutgoingEmail:
    return OutgoingEmail.objects.create(
        from_email="portal@example.org",
        to=["x@example.org"],
        subject="Hej",
        body="Text",
        **{"status": Status.FAILED, "attempts": outbox.MAX_ATTEMPTS, **fields},
    )


@pytest.mark.django_db
def test_allauths_own_mail_goes_through_the_outbox(mail_server, committing_client):
    response = committing_client.post_and_commit(
        "/en/accounts/signup/",
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    email = OutgoingEmail.objects.get()
    assert email.to == ["new@example.org"]
    assert "/accounts/confirm-email/" in email.body


# The database queue and its worker, as `make run` starts them ---------------------------------


def run_worker():
    call_command(
        "db_worker", batch=True, reload=False, startup_delay=False, interval=0, stdout=io.StringIO()
    )


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_retries_and_delivers_once(settings, mail_server, city_malmo):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    session = make_session(city_malmo, capacity=1)
    seated = make_registration(session, "seated@example.org")
    make_registration(session, "next@example.org", status="waitlisted")
    from trainings import services

    services.cancel_registration(token=seated.token)
    # The two emails and their tasks were committed with the cancellation.
    assert OutgoingEmail.objects.count() == 2
    assert DBTaskResult.objects.ready().count() == 2

    run_worker()  # The server refuses: each email gets a retry, later.
    assert set(OutgoingEmail.objects.values_list("status", "attempts")) == {(Status.QUEUED, 1)}
    retries = DBTaskResult.objects.filter(status="READY")
    assert DBTaskResult.objects.ready().count() == 0  # not yet due
    assert set(retries.values_list("run_after", flat=True)) == set(
        OutgoingEmail.objects.values_list("next_attempt_at", flat=True)
    )

    mail_server.down = False
    # The backoff's minute passes (the retry task is due when its email is).
    past = timezone.now() - timedelta(seconds=1)
    DBTaskResult.objects.filter(status="READY").update(run_after=past)
    OutgoingEmail.objects.update(next_attempt_at=past)
    run_worker()
    run_worker()
    assert sorted(m.to[0] for m in mail_server.accepted) == [
        "next@example.org",
        "seated@example.org",
    ]
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {Status.SENT}


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_takes_the_task_in_the_same_transaction(settings, mail_server):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox_email_id = OutgoingEmail.objects.create(
            from_email="p@example.org", to=["x@example.org"], subject="S", body="B"
        ).pk
        outbox.schedule_delivery(outbox_email_id)
        assert DBTaskResult.objects.count() == 1
        raise RuntimeError("rolled back")
    assert DBTaskResult.objects.count() == 0


@pytest.mark.django_db
def test_the_daily_purge_deletes_old_sent_and_failed_emails_only(settings):
    settings.OUTBOX_RETENTION_DAYS = 30
    old = timezone.now() - timedelta(days=31)
    sent = outbox_email(status=Status.SENT)
    failed = outbox_email(status=Status.FAILED)
    waiting = outbox_email(status=Status.QUEUED, attempts=1)
    recent = outbox_email(status=Status.SENT)
    OutgoingEmail.objects.filter(pk__in=[sent.pk, failed.pk, waiting.pk]).update(created_at=old)
    out = io.StringIO()

    call_command("purge_personal_data", stdout=out)

    assert "outbox_emails: 2" in out.getvalue()
    assert set(OutgoingEmail.objects.values_list("pk", flat=True)) == {waiting.pk, recent.pk}
