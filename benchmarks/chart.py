"""Draw the latest run in benchmarks/RESULTS.md as an SVG, for the README: how long
each measurement took at each corpus size against issue 7's targets (log scale,
where 0.4 s and 100 s both stay readable), and peak memory as the corpus grows.

    uv run python benchmarks/chart.py                 # RESULTS.md -> results.svg
    uv run python benchmarks/chart.py --results R.md --out chart.svg

No plotting library: the picture is a few rectangles and labels.
"""

from __future__ import annotations

import argparse
import math
import sys
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
# issue 7's targets for the 200 MB corpus, in seconds (extraction: 300 MB/s)
TARGETS = {
    "extraction alone": 200 / 300,
    "run from Parquet": 10.0,
    "run from folder": 20.0,
    "re-run, nothing new": 2.0,
    "re-run from folder, nothing new": 2.0,
    "re-run, 1 % new": 3.0,
}
MEMORY_LIMIT_MB = 1536
SHADES = ["#9ecae1", "#4292c6", "#08519c", "#08306b"]
LABEL_W, PLOT_W, ROW_H, BAR_H, TOP = 230, 440, 46, 9, 52
LOG_MIN, LOG_MAX = -1, 3  # 0.1 s to 1000 s


def latest(markdown: str) -> tuple[str, list[dict]]:
    """The heading and table rows of the last run of benchmarks/run.py in RESULTS.md
    (sections from other scripts, such as ceilings.py, have no such table)."""
    for section in reversed(markdown.split("\n## ")[1:]):
        heading, _, body = section.partition("\n")
        rows = [_row(cells) for line in body.splitlines()
                if _is_run(cells := [c.strip() for c in line.strip().strip("|").split("|")])]
        if rows:
            return heading.strip(), rows
    raise ValueError("no benchmark table in the results")


def _is_run(cells: list[str]) -> bool:
    return len(cells) >= 6 and cells[0].endswith(" MB") and cells[3][:1].isdigit()


def _row(cells: list[str]) -> dict:
    return {"size": cells[0], "mb": float(cells[0].removesuffix(" MB")), "what": cells[2],
            "seconds": float(cells[3]), "peak_mb": float(cells[5])}


def _x(seconds: float) -> float:
    share = (math.log10(max(seconds, 10**LOG_MIN)) - LOG_MIN) / (LOG_MAX - LOG_MIN)
    return LABEL_W + min(share, 1.0) * PLOT_W


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = 11,
          color: str = "#222") -> str:
    # a white halo keeps a label readable where it crosses a grid or target line
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="{color}" stroke="white" stroke-width="3" paint-order="stroke">'
            f'{escape(text)}</text>')


def svg(heading: str, rows: list[dict]) -> str:
    """Time panel (one group of bars per measurement) above a memory panel."""
    sizes = sorted({r["mb"] for r in rows})
    shade = {mb: SHADES[min(i, len(SHADES) - 1)] for i, mb in enumerate(sizes)}
    timed = [w for w in TARGETS if any(r["what"] == w for r in rows)]
    title = "tidy-indicators benchmark: wall time per measurement (log scale)"
    parts = [_text(10, 20, title, size=14), _text(10, 38, heading, size=10, color="#555")]
    bottom = TOP + ROW_H * len(timed)
    for p in range(LOG_MIN, LOG_MAX + 1):
        x = _x(10**p)
        parts.append(f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{bottom}" '
                     'stroke="#ddd"/>')
        parts.append(_text(x, bottom + 14, f"{10**p:g} s", "middle", 10, "#555"))
    for i, what in enumerate(timed):
        y = TOP + i * ROW_H
        parts.append(_text(LABEL_W - 8, y + ROW_H / 2, what, "end"))
        labels = []
        for j, r in enumerate(r for r in rows if r["what"] == what):
            bar_y = y + 4 + j * (BAR_H + 2)
            end = _x(r["seconds"])
            parts.append(f'<rect x="{LABEL_W}" y="{bar_y}" width="{end - LABEL_W:.1f}" '
                         f'height="{BAR_H}" fill="{shade[r["mb"]]}"/>')
            labels.append(_text(end + 4, bar_y + BAR_H - 1, f'{r["seconds"]:.2f} s', size=9))
        x = _x(TARGETS[what])  # over the bars, under their labels
        parts.append(f'<line x1="{x:.1f}" y1="{y + 1}" x2="{x:.1f}" y2="{y + ROW_H - 6}" '
                     'stroke="#d62728" stroke-width="2"/>')
        parts += labels
    legend_y = bottom + 32
    for k, mb in enumerate(sizes):
        parts.append(f'<rect x="{LABEL_W + k * 90}" y="{legend_y - 9}" width="12" height="10" '
                     f'fill="{shade[mb]}"/>')
        parts.append(_text(LABEL_W + k * 90 + 16, legend_y, f"{mb:g} MB", size=10))
    target_x = LABEL_W + len(sizes) * 90
    parts.append(f'<line x1="{target_x}" y1="{legend_y - 9}" x2="{target_x}" '
                 f'y2="{legend_y + 1}" stroke="#d62728" stroke-width="2"/>')
    parts.append(_text(LABEL_W + len(sizes) * 90 + 6, legend_y, "target at 200 MB", size=10))
    memory = sorted((r["mb"], r["peak_mb"]) for r in rows if r["what"] == "run from Parquet")
    y0 = legend_y + 40
    parts.append(_text(10, y0, "peak memory of a run from Parquet (whole process tree)", size=14))
    scale = PLOT_W / max(MEMORY_LIMIT_MB, *(m for _, m in memory))
    for i, (mb, peak) in enumerate(memory):
        y = y0 + 14 + i * 18
        parts.append(_text(LABEL_W - 8, y + 10, f"{mb:g} MB corpus", "end"))
        parts.append(f'<rect x="{LABEL_W}" y="{y}" width="{peak * scale:.1f}" height="12" '
                     f'fill="{shade[mb]}"/>')
        parts.append(_text(LABEL_W + peak * scale + 4, y + 10, f"{peak / 1024:.2f} GB", size=9))
    limit_x, end_y = LABEL_W + MEMORY_LIMIT_MB * scale, y0 + 14 + len(memory) * 18
    parts.append(f'<line x1="{limit_x:.1f}" y1="{y0 + 8}" x2="{limit_x:.1f}" y2="{end_y}" '
                 'stroke="#d62728" stroke-width="2"/>')
    parts.append(_text(limit_x, end_y + 12, "1.5 GB target", "middle", 10, "#d62728"))
    height = end_y + 24
    width = LABEL_W + PLOT_W + 70
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="sans-serif">'
            f'<rect width="{width}" height="{height}" fill="white"/>' + "".join(parts) + "</svg>\n")


def write(results: Path = HERE / "RESULTS.md", out: Path = HERE / "results.svg") -> Path:
    out.write_text(svg(*latest(results.read_text(encoding="utf-8"))), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md",
                        help="benchmark results (Markdown)")
    parser.add_argument("--out", type=Path, default=HERE / "results.svg",
                        help="where the SVG is written")
    args = parser.parse_args()
    try:
        print(write(args.results, args.out))
    except (OSError, ValueError) as error:
        print(f"chart: {args.results}: {error}. Run benchmarks/run.py first, or pass --results.",
              file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
