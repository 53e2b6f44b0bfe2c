"""Medians and spreads over the runs of one setting, and the ratios between the tools."""
import statistics

from .evaluate import QUALITY_KEYS

GROUP = ("corpus", "tool", "model", "loss", "threads")  # one row of the results per value
TIMING_KEYS = ("wall_s", "words_per_sec_per_thread", "max_rss_kb", "user_s", "sys_s", "cpu_percent")
COMPARED = (("analogy_total", "analogy", 100, "{:+.1f} pts"),  # key, name, scale, delta format
            ("ws353_rho", "WS-353", 1, "{:+.3f}"),
            ("simlex_rho", "SimLex", 1, "{:+.3f}"))


def group_key(run):
    return tuple(run[k] for k in GROUP)


def median_spread(values):
    """(median, min, max) of the values that are not None; (None, None, None) when none is."""
    values = [v for v in values if v is not None]
    if not values:
        return None, None, None
    return statistics.median(values), min(values), max(values)


def summarize(runs):
    """One row per (corpus, tool, model, loss, threads), in the order of their first run: the
    median of each figure over the runs that finished (all repeats and seeds), and its range
    (spread: key -> [min, max], or None)."""
    groups = {}
    for r in runs:
        groups.setdefault(group_key(r), []).append(r)
    rows = []
    for key, group in groups.items():
        ok = [r for r in group if r["status"] == "ok"]
        m = dict(zip(GROUP, key), label=group[0]["label"], kind=group[0]["kind"], runs=len(group),
                 ok=len(ok), evaluated=sum(1 for r in ok if r.get("eval", {}).get("status") == "ok"),
                 spread={})
        figures = {k: [r.get(k) for r in ok] for k in TIMING_KEYS}
        figures.update({k: [r.get("eval", {}).get(k) for r in ok] for k in QUALITY_KEYS})
        for k, values in figures.items():
            m[k], lo, hi = median_spread(values)
            m["spread"][k] = None if lo is None else [lo, hi]
        rows.append(m)
    return rows


def _ratio(a, b):
    return a / b if (a and b) else None


def _delta(a, b):
    return a - b if (a is not None and b is not None) else None


def compute_ratios(rows):
    """For each (corpus, model, loss, threads) and each w2v build in it: its words/s/thread over
    every other tool's (`against`: the peers, fastest first, then the other builds, each with the
    quality differences too), the faster peer, and for each compared quality figure the better
    peer and the difference to it."""
    by_setting = {}
    for m in rows:
        by_setting.setdefault((m["corpus"], m["model"], m["loss"], m["threads"]), []).append(m)
    out = []
    for (corpus, model, loss, threads), ms in by_setting.items():
        peers = sorted((m for m in ms if m["kind"] != "w2v"),
                       key=lambda m: -(m["words_per_sec_per_thread"] or 0))
        builds = [m for m in ms if m["kind"] == "w2v"]
        for me in builds:
            others = peers + [b for b in builds if b is not me]
            if not others:
                continue
            r = {"corpus": corpus, "model": model, "loss": loss, "threads": threads,
                 "tool": me["tool"], "label": me["label"], "ok": me["ok"], "runs": me["runs"],
                 "words_per_sec_per_thread": me["words_per_sec_per_thread"], "against": []}
            for o in others:
                a = {"tool": o["tool"], "label": o["label"], "peer": o["kind"] != "w2v",
                     "words_per_sec_per_thread": o["words_per_sec_per_thread"],
                     "speed_ratio": _ratio(me["words_per_sec_per_thread"], o["words_per_sec_per_thread"])}
                a.update({f"{key}_delta": _delta(me[key], o[key]) for key, *_ in COMPARED})
                r["against"].append(a)
            timed = [p for p in peers if p["words_per_sec_per_thread"]]
            r["faster_peer"] = timed[0]["label"] if timed else None
            r["better_peer"] = {}
            for key, *_ in COMPARED:
                scored = [p for p in peers if p[key] is not None]
                best = max(scored, key=lambda p: p[key]) if scored else None
                r["better_peer"][key] = best and {"label": best["label"], "value": best[key],
                                                  "delta": _delta(me[key], best[key])}
            out.append(r)
    return out


def ratio_line(r, with_corpus=False):
    """e.g. `cbow/ns/2t: w2v words/s/thread = 4.99x gensim's (640,856, the faster peer), 6.71x
    fastText's, 1.62x base's; analogy +0.3 pts vs fastText; WS-353 +0.006 vs gensim; SimLex +0.001
    vs fastText; vs base: analogy +0.1 pts, WS-353 +0.002, SimLex -0.001`."""
    tag = (f"{r['corpus']} " if with_corpus else "") + f"{r['model']}/{r['loss']}/{r['threads']}t"
    speeds = [f"{a['speed_ratio']:.2f}x {a['label']}'s"
              + (f" ({a['words_per_sec_per_thread']:,.0f}, the faster peer)"
                 if a["peer"] and a["label"] == r["faster_peer"] else "")
              for a in r["against"] if a["speed_ratio"] is not None]
    if speeds:
        parts = [f"{r['label']} words/s/thread = " + ", ".join(speeds)]
    elif not r["ok"]:
        parts = [f"{r['label']} failed in all {r['runs']} run(s)"]
    else:
        parts = ["speed ratio n/a (no other timing)"]
    if any(a["peer"] for a in r["against"]):
        for key, name, scale, delta in COMPARED:
            best = r["better_peer"][key]
            if best and best["delta"] is not None:
                parts.append(f"{name} {delta.format(best['delta'] * scale)} vs {best['label']}")
            else:
                parts.append(f"{name} n/a")
    for a in r["against"]:
        if not a["peer"]:
            diffs = [f"{name} {delta.format(a[key + '_delta'] * scale)}"
                     for key, name, scale, delta in COMPARED if a[key + "_delta"] is not None]
            if diffs:
                parts.append(f"vs {a['label']}: " + ", ".join(diffs))
    return f"{tag}: " + "; ".join(parts)
