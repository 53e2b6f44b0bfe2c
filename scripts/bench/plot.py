"""accuracy_vs_speed.svg: analogy accuracy against words/s/thread, the median of each setting
as a marker, the single runs as faint dots and the range (min–max) as error bars."""
import math
from xml.sax.saxutils import escape as xml_escape

from .summary import GROUP, group_key

KIND_COLOR = {"w2v": "#d62728", "gensim": "#1f77b4", "fasttext": "#2ca02c"}
VARIANT_COLORS = ["#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"]


def _colors(rows):
    """Tool key -> colour: the three tools' own, then one per w2v variant in order."""
    colors, spare = {}, iter(VARIANT_COLORS * 10)
    for r in rows:
        if r["tool"] not in colors:
            colors[r["tool"]] = KIND_COLOR[r["tool"]] if r["tool"] in KIND_COLOR else next(spare)
    return colors


def _marker(p, x, y, color):
    fill = {"ns": f'fill="{color}"', "hs": 'fill="white"'}.get(p["loss"], f'fill="{color}" fill-opacity="0.35"')
    if p["model"] == "sg":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" {fill} stroke="{color}" stroke-width="2"/>'
    return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" {fill} stroke="{color}" stroke-width="2"/>'


def write_svg(path, rows, runs, title):
    """rows: the medians of one corpus (summary.summarize); runs: that corpus's runs."""
    pts = [m for m in rows if m.get("words_per_sec_per_thread") and m.get("analogy_total") is not None]
    W, H, ml, mr, mt, mb = 960, 600, 80, 190, 50, 60
    pw, ph = W - ml - mr, H - mt - mb
    s = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
         'font-family="sans-serif" font-size="12">',
         f'<rect width="{W}" height="{H}" fill="white"/>',
         f'<text x="{ml + pw / 2}" y="24" text-anchor="middle" font-size="15">{xml_escape(title)}</text>']
    if not pts:
        s.append(f'<text x="{W / 2}" y="{H / 2}" text-anchor="middle">no run has both a speed and an '
                 'analogy accuracy</text></svg>')
        with open(path, "w") as f:
            f.write("\n".join(s))
        return
    colors = _colors(rows)
    plotted = {tuple(p[k] for k in GROUP) for p in pts}
    singles = [r for r in runs if group_key(r) in plotted and r.get("words_per_sec_per_thread")
               and r.get("eval", {}).get("analogy_total") is not None]
    xs = [p["words_per_sec_per_thread"] for p in pts] + [r["words_per_sec_per_thread"] for r in singles]
    ys = [100 * p["analogy_total"] for p in pts] + [100 * r["eval"]["analogy_total"] for r in singles]
    x0, x1 = math.log10(min(xs) / 1.5), math.log10(max(xs) * 1.5)
    pad = max(1.0, 0.1 * (max(ys) - min(ys)))
    lo, hi = max(0.0, min(ys) - pad), min(100.0, max(ys) + pad)
    step = next(st for st in (0.5, 1, 2, 5, 10, 20) if (hi - lo) / st <= 10)
    y0, y1 = math.floor(lo / step) * step, math.ceil(hi / step) * step

    def X(v):
        return ml + (math.log10(v) - x0) / (x1 - x0) * pw

    def Y(v):
        return mt + ph - (v - y0) / (y1 - y0) * ph

    s.append(f'<rect x="{ml}" y="{mt}" width="{pw}" height="{ph}" fill="none" stroke="#333"/>')
    # x ticks at 1, 2, 5 x 10^k
    for k in range(math.floor(x0), math.ceil(x1) + 1):
        for mant in (1, 2, 5):
            v = mant * 10 ** k
            if x0 <= math.log10(v) <= x1:
                x = X(v)
                label = f"{v / 1e6:g}M" if v >= 1e6 else f"{v / 1e3:g}k" if v >= 1e3 else f"{v:g}"
                s.append(f'<line x1="{x:.1f}" y1="{mt}" x2="{x:.1f}" y2="{mt + ph}" stroke="#ddd"/>')
                s.append(f'<text x="{x:.1f}" y="{mt + ph + 16}" text-anchor="middle">{label}</text>')
    v = y0
    while v <= y1 + 1e-9:
        y = Y(v)
        s.append(f'<line x1="{ml}" y1="{y:.1f}" x2="{ml + pw}" y2="{y:.1f}" stroke="#ddd"/>')
        s.append(f'<text x="{ml - 6}" y="{y + 4:.1f}" text-anchor="end">{v:g}</text>')
        v += step
    s.append(f'<text x="{ml + pw / 2}" y="{H - 18}" text-anchor="middle">training words per second '
             'per thread (log scale)</text>')
    s.append(f'<text transform="translate(22,{mt + ph / 2}) rotate(-90)" text-anchor="middle">'
             'Google analogy accuracy, %</text>')
    # The spread under the markers: single runs as faint dots, min–max as error bars.
    for r in singles:
        s.append(f'<circle cx="{X(r["words_per_sec_per_thread"]):.1f}" '
                 f'cy="{Y(100 * r["eval"]["analogy_total"]):.1f}" r="3" fill="{colors[r["tool"]]}" '
                 'fill-opacity="0.3"/>')
    # Boxes (x0, y0, x1, y1) to keep labels off: every error bar and marker, then each label once placed.
    boxes = []
    for p in pts:
        color, x, y = colors[p["tool"]], X(p["words_per_sec_per_thread"]), Y(100 * p["analogy_total"])
        sx, sy = p["spread"]["words_per_sec_per_thread"], p["spread"]["analogy_total"]
        if sx and sx[0] < sx[1]:
            boxes.append((X(sx[0]), y - 2, X(sx[1]), y + 2))
            s.append(f'<line x1="{X(sx[0]):.1f}" y1="{y:.1f}" x2="{X(sx[1]):.1f}" y2="{y:.1f}" '
                     f'stroke="{color}" stroke-width="1"/>')
        if sy and sy[0] < sy[1]:
            boxes.append((x - 2, Y(100 * sy[1]), x + 2, Y(100 * sy[0])))
            s.append(f'<line x1="{x:.1f}" y1="{Y(100 * sy[0]):.1f}" x2="{x:.1f}" y2="{Y(100 * sy[1]):.1f}" '
                     f'stroke="{color}" stroke-width="1"/>')
    has_bars = bool(boxes)
    marks = sorted(((p, X(p["words_per_sec_per_thread"]), Y(100 * p["analogy_total"])) for p in pts),
                   key=lambda t: t[2])
    boxes += [(x - 7, y - 7, x + 7, y + 7) for _, x, y in marks]

    def free(b):
        return (ml <= b[0] and b[2] <= ml + pw and mt <= b[1] and b[3] <= mt + ph
                and not any(b[0] < o[2] and o[0] < b[2] and b[1] < o[3] and o[1] < b[3] for o in boxes))

    for p, x, y in marks:
        color = colors[p["tool"]]
        s.append(_marker(p, x, y, color))
        label = f"{p['label']} {p['model']}/{p['loss']} {p['threads']}t"
        w, h = 6.8 * len(label), 13
        # right, left, above, below, the diagonals; then the same further away, with a leader line
        spots = []
        for ring in range(4):
            g = 9 + 16 * ring
            for ux, uy in ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (1, 1), (-1, -1), (-1, 1)):
                bx = x + g if ux > 0 else x - g - w if ux < 0 else x - w / 2
                by = y - h / 2 if uy == 0 else y - g - h if uy < 0 else y + g
                spots.append((ring, (bx, by, bx + w, by + h)))
        ring, b = next(((r, b) for r, b in spots if free(b)), spots[0])
        boxes.append(b)
        if ring:
            cx, cy = min(max(x, b[0]), b[2]), min(max(y, b[1]), b[3])
            s.append(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{cx:.1f}" y2="{cy:.1f}" stroke="{color}" '
                     'stroke-width="0.7"/>')
        s.append(f'<text x="{b[0]:.1f}" y="{b[3] - 3:.1f}" fill="{color}">{xml_escape(label)}</text>')
    lx, ly = ml + pw + 20, mt + 10
    labels = {}
    for p in pts:
        labels.setdefault(p["tool"], p["label"])
    for tool, label in labels.items():
        s.append(f'<rect x="{lx}" y="{ly}" width="12" height="12" fill="{colors[tool]}"/>')
        s.append(f'<text x="{lx + 18}" y="{ly + 10}">{xml_escape(label)}</text>')
        ly += 20
    ly += 10
    s.append(f'<circle cx="{lx + 6}" cy="{ly + 6}" r="5" fill="#666" stroke="#666" stroke-width="2"/>'
             f'<text x="{lx + 18}" y="{ly + 10}">skip-gram</text>')
    ly += 20
    s.append(f'<rect x="{lx + 1}" y="{ly + 1}" width="10" height="10" fill="#666" stroke="#666" stroke-width="2"/>'
             f'<text x="{lx + 18}" y="{ly + 10}">CBOW</text>')
    ly += 20
    legend = ["filled: neg. sampling", "hollow: hier. softmax"]
    if any(p["loss"] == "softmax" for p in pts):
        legend.append("pale: exact softmax")
    if singles:
        legend.append("markers: medians")
        legend.append("faint dots: single runs")
    if has_bars:
        legend.append("bars: min–max")
    for i, text in enumerate(legend):
        s.append(f'<text x="{lx}" y="{ly + 10 + 16 * i}">{text}</text>')
    s.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(s) + "\n")
