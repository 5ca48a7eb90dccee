"""Horizontal bar charts as inline SVG, drawn on the server: no script and nothing from another
host. Each bar carries its own label and figure as text, so the colour means nothing by itself,
and the chart's <title> and <desc> give screen readers its name and its figures.

The chart is as wide as its column: bar lengths and the figures' positions are percentages, and
the text keeps its size (set in site.css) whatever the width, so it stays readable on a phone.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

ROW_HEIGHT = 46
LABEL_BASELINE = 16
BAR_TOP = 22
BAR_HEIGHT = 18
# The longest bar leaves room after it for its figure.
LONGEST_BAR = 70
# Written as presentation attributes too, for where site.css is not applied (a saved page).
BAR_COLOUR = "#7a1f48"
TEXT_COLOUR = "#1f2328"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    text: str


def bar_length(value: int, largest: int) -> float:
    """The bar's length as a percentage of the chart's width (0 for nothing)."""
    if largest <= 0 or value <= 0:
        return 0.0
    return round(LONGEST_BAR * value / largest, 2)


def bar_chart(*, chart_id: str, title: str, description: str, bars: list[Bar]) -> SafeString:
    """An <svg role="img"> with one labelled bar per row, largest value the longest bar."""
    largest = max((bar.value for bar in bars), default=0)
    rows = []
    for index, bar in enumerate(bars):
        top = index * ROW_HEIGHT
        length = bar_length(bar.value, largest)
        rows.append(
            (
                top + LABEL_BASELINE,
                TEXT_COLOUR,
                bar.label,
                top + BAR_TOP,
                length,
                BAR_HEIGHT,
                BAR_COLOUR,
                length,
                top + BAR_TOP + BAR_HEIGHT - 4,
                TEXT_COLOUR,
                bar.text,
            )
        )
    body = format_html_join(
        "\n",
        '<g class="bar-chart__row">'
        '<text class="bar-chart__label" x="0" y="{}" fill="{}">{}</text>'
        '<rect class="bar-chart__bar" x="0" y="{}" width="{}%" height="{}" fill="{}"></rect>'
        '<text class="bar-chart__value" x="{}%" dx="6" y="{}" fill="{}">{}</text>'
        "</g>",
        rows,
    )
    return format_html(
        '<svg class="bar-chart" xmlns="http://www.w3.org/2000/svg" width="100%" height="{}" '
        'role="img" aria-labelledby="{}-title" aria-describedby="{}-desc">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>\n{}\n</svg>',
        max(len(bars), 1) * ROW_HEIGHT,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        body,
    )
