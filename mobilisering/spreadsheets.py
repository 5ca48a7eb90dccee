"""CSV downloads that spreadsheet programs open safely: UTF-8 with a byte-order mark (so Excel
reads å, ä and ö), and no cell that a spreadsheet would run as a formula."""

import csv
from collections.abc import Iterable

from django.http import HttpResponse

FORMULA_STARTS = frozenset({"=", "+", "-", "@", "\t", "\r"})


def safe_cell(value) -> str | int:
    """The value as a cell: integers stay numbers; text that starts like a formula (=, +, -, @)
    gets a leading apostrophe, so the spreadsheet shows it as text instead of running it."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def csv_response(filename: str, header: Iterable, rows: Iterable[Iterable]) -> HttpResponse:
    """A CSV attachment of `header` and `rows`, every cell made safe by `safe_cell`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # spreadsheet programs then read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response
