"""The aging chart, drawn on the server as plain SVG: no script, no web font, nothing fetched, so it
shows offline, without JavaScript and in a screenshot alike."""
from __future__ import annotations

from decimal import Decimal
from html import escape

from ..render.formats import format_money

# One bar per bucket, laid out right to left: the label at the right edge, the bar growing leftwards
# from it, the amount at the bar's end. A viewBox lets the page scale it to a phone's width.
WIDTH, ROW, LABEL, AMOUNT = 420, 40, 110, 140
COLOURS = ("#4a8f5c", "#c9a227", "#d9822b", "#c8553d", "#8e2c48")


def aging_svg(buckets: list[dict], currency: str) -> str:
    """An SVG bar chart of `buckets` (overview.customers_page) in one currency; the caller marks it safe."""
    values = [Decimal(b["totals"].get(currency, 0)) for b in buckets]
    top = max(values, default=Decimal(0)) or Decimal(1)
    span = WIDTH - LABEL - AMOUNT - 20
    height = ROW * len(buckets) + 10
    title = f"יתרות פתוחות לפי גיל החוב ({currency})"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
           f'aria-label="{escape(title)}" class="aging-chart" direction="rtl" '
           f'style="width:100%;height:auto;max-width:480px;font-family:sans-serif">',
           f"<title>{escape(title)}</title>"]
    for n, (b, value) in enumerate(zip(buckets, values)):
        y = 10 + n * ROW
        length = int(span * value / top) if value > 0 else 0
        right = WIDTH - LABEL
        out.append(f'<text x="{WIDTH - 4}" y="{y + 22}" font-size="15" text-anchor="start">{escape(b["label"])}</text>')
        if length:
            out.append(f'<rect x="{right - length}" y="{y + 4}" width="{length}" height="26" rx="3" '
                       f'fill="{COLOURS[n % len(COLOURS)]}"/>')
        amount = format_money(value, currency)
        out.append(f'<text x="{right - length - 8}" y="{y + 22}" font-size="14" text-anchor="end" '
                   f'direction="ltr" unicode-bidi="isolate" data-bucket="{escape(b["key"])}">'
                   f'{escape(amount)}</text>')
    out.append("</svg>")
    return "".join(out)
