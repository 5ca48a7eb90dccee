import pytest
from django.template import Context, Template
from django.utils import translation


@pytest.mark.parametrize(
    ("language", "expected"),
    [("sv", "28\u00a0000\u00a0kr"), ("en", "SEK\u00a028,000")],
)
def test_amounts_print_grouped_with_the_currency_readers_expect(language, expected):
    with translation.override(language):
        html = Template("{% load mobilisering %}{{ amount|kronor }}").render(
            Context({"amount": 28000})
        )
    assert html == expected


def test_no_amount_prints_nothing():
    html = Template("{% load mobilisering %}[{{ amount|kronor }}]").render(
        Context({"amount": None})
    )
    assert html == "[]"
