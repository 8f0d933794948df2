"""Dashboard charts as inline SVG, drawn on the server: no chart library, no CDN, no script.

Colours are SVG presentation attributes, not ``style``, so the console's strict
Content-Security-Policy (no inline styles) holds. Every chart has a ``<title>`` and
text labels, so it reads without colour and in a screen reader.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Final

PALETTE: Final = (
    "#2563eb",
    "#16a34a",
    "#dc2626",
    "#9333ea",
    "#ea580c",
    "#0891b2",
    "#ca8a04",
    "#db2777",
    "#4b5563",
    "#65a30d",
)


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def stacked_bars(
    title: str,
    labels: Sequence[str],
    series: Mapping[str, Sequence[int]],
    names: Mapping[str, str],
    width: int = 720,
    height: int = 260,
) -> str:
    """Bars per label (day), stacked by series (field), with a legend of ``names``."""
    pad_left, pad_bottom, pad_top, legend_w = 32, 34, 12, 120
    plot_w, plot_h = width - pad_left - legend_w, height - pad_bottom - pad_top
    totals = [sum(s[i] for s in series.values()) for i in range(len(labels))]
    top = max([*totals, 1])
    step = plot_w / max(len(labels), 1)
    bar_w = max(step * 0.7, 2)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{pad_left}" y1="{pad_top + plot_h}" x2="{pad_left + plot_w}" '
        f'y2="{pad_top + plot_h}" stroke="#9ca3af"/>',
        f'<text x="{pad_left - 6}" y="{pad_top + 8}" text-anchor="end" font-size="11" '
        f'fill="#374151">{top}</text>',
        f'<text x="{pad_left - 6}" y="{pad_top + plot_h}" text-anchor="end" '
        f'font-size="11" fill="#374151">0</text>',
    ]
    colours = {key: PALETTE[i % len(PALETTE)] for i, key in enumerate(series)}
    for i, label in enumerate(labels):
        x = pad_left + i * step + (step - bar_w) / 2
        y: float = pad_top + plot_h
        for key, values in series.items():
            if not values[i]:
                continue
            h = plot_h * values[i] / top
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{colours[key]}"><title>{_attr(label)} {_attr(names[key])}: '
                f"{values[i]}</title></rect>"
            )
        if totals[i]:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" '
                f'font-size="10" fill="#111827">{totals[i]}</text>'
            )
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{height - pad_bottom + 14}" '
            f'text-anchor="middle" font-size="10" fill="#374151">'
            f"{_attr(label[5:])}</text>"
        )
    for i, key in enumerate(series):
        y = pad_top + i * 18
        parts.append(
            f'<rect x="{width - legend_w + 10}" y="{y}" width="12" height="12" '
            f'fill="{colours[key]}"/><text x="{width - legend_w + 28}" y="{y + 10}" '
            f'font-size="12" fill="#111827">{_attr(names[key])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def share_bar(
    title: str, parts_: Sequence[tuple[str, int]], width: int = 720, height: int = 56
) -> str:
    """One horizontal 100% bar split into labelled shares (label: count, percent)."""
    total = sum(n for _, n in parts_) or 1
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f"<title>{escape(title)}</title>",
    ]
    x = 0.0
    for i, (label, count) in enumerate(parts_):
        w = width * count / total
        if w > 0:
            out.append(
                f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="28" '
                f'fill="{PALETTE[i % len(PALETTE)]}"><title>{_attr(label)}: {count}'
                f"</title></rect>"
            )
        out.append(
            f'<rect x="{i * 240}" y="38" width="10" height="10" '
            f'fill="{PALETTE[i % len(PALETTE)]}"/><text x="{i * 240 + 14}" y="47" '
            f'font-size="12" fill="#111827">{_attr(label)} {count} '
            f"({100 * count / total:.0f}%)</text>"
        )
        x += w
    out.append("</svg>")
    return "".join(out)
