"""What a developer meets on the first `make run`: links in the mail that lead to the running
portal, mail printed readably, and each log line once."""

import io

from django.core.mail import EmailMultiAlternatives

from mobilisering.console_mail import EmailBackend
from tests.mobilisering.test_settings import run_settings

SITE_URL = "from django.conf import settings; print(settings.SITE_URL)"


def test_it_takes_the_site_address_from_the_port_make_run_serves_on():
    result = run_settings({"DEBUG": "true", "PORT": "8101"}, SITE_URL)
    assert result.stdout.strip() == "http://127.0.0.1:8101"
    result = run_settings({"DEBUG": "true", "HOST": "0.0.0.0", "PORT": "8102"}, SITE_URL)
    assert result.stdout.strip() == "http://0.0.0.0:8102"


def test_a_site_address_that_is_set_wins_over_the_port():
    env = {"DEBUG": "true", "PORT": "8101", "SITE_URL": "https://mobilisering.example.org/"}
    assert run_settings(env, SITE_URL).stdout.strip() == "https://mobilisering.example.org"


def test_it_defaults_to_port_8000():
    assert run_settings({"DEBUG": "true"}, SITE_URL).stdout.strip() == "http://127.0.0.1:8000"


def test_it_prints_each_log_line_once_in_development():
    code = "import logging; logging.getLogger('django.request').warning('Not Found: /sv/nowhere/')"
    for debug in ["true", "false"]:
        result = run_settings({"DEBUG": debug, "SECRET_KEY": "x"}, code)
        assert result.stderr.count("Not Found: /sv/nowhere/") == 1, result.stderr


def test_it_prints_development_mail_readably():
    link = "http://127.0.0.1:8101/sv/trainings/registration/" + "a" * 60 + "/"
    message = EmailMultiAlternatives(
        subject="Välkommen till utbildningen",
        body=f"Hej Åsa!\n\nDu kan avboka här: {link}\n",
        from_email="Mobilisering <noreply@localhost>",
        to=["asa@example.org"],
    )
    message.attach_alternative("<p>Hej</p>", "text/html")
    message.attach("kalender.ics", "BEGIN:VCALENDAR", "text/calendar")
    stream = io.StringIO()
    EmailBackend(stream=stream).send_messages([message])
    printed = stream.getvalue()
    assert "Subject: Välkommen till utbildningen" in printed
    assert "To: asa@example.org" in printed
    assert "Hej Åsa!" in printed
    # The whole link on one line, as a terminal makes it clickable.
    assert f"Du kan avboka här: {link}\n" in printed
    assert "=\n" not in printed and "=C3" not in printed
    assert "(also sent as text/html)" in printed
    assert "(attached: kalender.ics)" in printed
