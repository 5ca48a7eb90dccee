"""Concurrency: two editors publishing at once give one publication; rendering a PDF holds no
transaction or lock, so other requests go on while a large edition is typeset."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from handbook import pdf, services
from handbook.models import Example, HandbookEvent, Status
from handbook.services import HandbookError
from tests.handbook.conftest import make_edition, make_editor, make_example

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises whole transactions, so threads cannot race there "
    "(run with scripts/with-postgres)",
)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_it_publishes_once_when_two_editors_publish_at_once(city_malmo):
    first, second = make_editor("ed1@example.org"), make_editor("ed2@example.org")
    example = make_example(actor=first, city=city_malmo, status="in_review")
    barrier = threading.Barrier(2)
    results = []

    def publish(editor):
        try:
            seen = Example.objects.get(pk=example.pk)  # both read in_review first
            barrier.wait(timeout=10)
            services.transition(example=seen, name="publish", actor=editor)
            results.append("published")
        except HandbookError as error:
            results.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(e,)) for e in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results.count("published") == 1
    assert sum(isinstance(r, HandbookError) for r in results) == 1
    assert HandbookEvent.objects.filter(example=example, transition="publish").count() == 1
    assert Example.objects.get(pk=example.pk).status == Status.PUBLISHED


@pytest.mark.django_db(transaction=True)
def test_it_renders_the_pdf_outside_any_transaction(client, city_malmo, monkeypatch):
    """No transaction is open while WeasyPrint works, so no row or table lock is held."""
    editor = make_editor("ed@example.org")
    example = make_example(actor=editor, city=city_malmo, status="published")
    make_edition(editor=editor, chapters={"Ett": [example]})
    seen = []
    real_render = pdf.render

    def render(*args, **kwargs):
        seen.append(connection.in_atomic_block)
        return real_render(*args, **kwargs)

    monkeypatch.setattr(pdf, "render", render)
    assert client.get(reverse("handbook:pdf", args=["2015"])).status_code == 200
    assert seen == [False]


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_it_serves_other_requests_while_a_pdf_renders(city_malmo, monkeypatch):
    """While one request is typesetting the book, another publishes a story and reads the
    stories list without waiting."""
    editor = make_editor("ed@example.org")
    example = make_example(actor=editor, city=city_malmo, status="published")
    make_edition(editor=editor, chapters={"Ett": [example]})
    other = make_example(actor=editor, city=city_malmo, title="Under tiden", status="in_review")
    rendering, finish = threading.Event(), threading.Event()
    real_render = pdf.render

    def slow_render(*args, **kwargs):
        rendering.set()
        finish.wait(timeout=30)
        return real_render(*args, **kwargs)

    monkeypatch.setattr(pdf, "render", slow_render)
    statuses = []

    def download():
        try:
            statuses.append(Client().get(reverse("handbook:pdf", args=["2015"])).status_code)
        finally:
            connections.close_all()

    thread = threading.Thread(target=download)
    thread.start()
    assert rendering.wait(timeout=30)
    try:
        services.transition(example=other, name="publish", actor=editor)
        assert "Under tiden" in Client().get(reverse("handbook:story_list")).text
    finally:
        finish.set()
        thread.join(timeout=60)
    assert statuses == [200]
