"""The participant export carries what people wrote; no cell of it can start a formula."""

import csv
import io

import pytest

from tests.conftest import login, make_group
from tests.trainings.conftest import make_registration

pytestmark = pytest.mark.django_db

FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_it_writes_no_cell_a_spreadsheet_would_run(
    client, staff_malmo, session_malmo, city_malmo, start
):
    text = f'{start}HYPERLINK("https://evil.example","klick")'
    group = make_group(f"{start}Grupp", city_malmo, slug="grupp")
    make_registration(
        session_malmo,
        name=text,
        organisation=text,
        access_needs=text,
        local_group=group,
    )
    login(client, staff_malmo)
    response = client.get(f"/en/staff/trainings/{session_malmo.pk}/participants.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    for cell in cells:
        assert cell[:1] not in FORMULA_STARTS, repr(cell)
    assert f"'{text}" in cells
