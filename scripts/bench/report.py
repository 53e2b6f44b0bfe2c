"""results.md and results.json."""
import json

from .machine import caches_text
from .summary import ratio_line
from .tools import ALPHA
from .util import fmt


def write_json(path, meta, rows, ratios, runs):
    with open(path, "w") as f:
        json.dump({"meta": meta, "medians": rows, "ratios": ratios, "runs": runs}, f, indent=1)


def _cell(row, key, spec, scale=1.0):
    """The median, and its range over the runs when there are several: 13.3 (13.1–13.6)."""
    text = fmt(row[key], spec, scale)
    spread = row["spread"][key]
    if spread and row["ok"] > 1:
        text += f" ({fmt(spread[0], spec, scale)}–{fmt(spread[1], spec, scale)})"
    return text


def _table(rows):
    L = ["| tool | model | loss | threads | ok/runs | wall s | words/s/thread | CPU % | peak RSS MiB "
         "| analogy % | sem % | syn % | analogy coverage | WS-353 ρ | SimLex-999 ρ |",
         "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        L.append(f"| {r['label']} | {r['model']} | {r['loss']} | {r['threads']} | "
                 f"{r['ok']}/{r['runs']} | {_cell(r, 'wall_s', '.1f')} | "
                 f"{_cell(r, 'words_per_sec_per_thread', ',.0f')} | {fmt(r['cpu_percent'], '.0f')} | "
                 f"{fmt(r['max_rss_kb'], ',.0f', 1 / 1024)} | {_cell(r, 'analogy_total', '.1f', 100)} | "
                 f"{fmt(r['analogy_semantic'], '.1f', 100)} | {fmt(r['analogy_syntactic'], '.1f', 100)} | "
                 f"{fmt(r['analogy_coverage'], '.1%')} | {_cell(r, 'ws353_rho', '.3f')} | "
                 f"{fmt(r['simlex_rho'], '.3f')} |")
    return L


def _corpus_line(c):
    return (f"`{c['path']}`{' ' + c['half_note'] if c.get('half_note') else ''}, {c['tokens']:,} tokens "
            f"(whitespace-separated); all tools read {c['input_note']}")


def write_markdown(path, meta, rows, ratios, runs):
    m, mach = meta, meta["machine"]
    s = m["settings"]
    restricts = {r["eval"]["analogy_restrict"] for r in runs if "analogy_restrict" in r.get("eval", {})}
    evaluator_note = m["evaluator_note"] + (
        f" (analogy candidates: the {', '.join(str(x) for x in sorted(restricts))} most "
        "frequent words)" if restricts else "")
    several = len(m["corpora"]) > 1
    repeats = sorted({c["repeats"] for c in m["corpora"]})
    per_row = f"{'/'.join(map(str, repeats))} run(s)" + (
        f" × {len(m['seeds'])} seeds ({', '.join(map(str, m['seeds']))})" if m["seeds"] else "")
    builds = ", ".join(f"{label} {v['checkout'] or 'outside a git checkout'} (`{v['binary']}`)"
                       for label, v in m["versions"]["w2v"].items())
    L = ["# w2v benchmark", "",
         f"- **Date:** {m['date']}",
         f"- **Machine:** {mach.get('cpu')}{' (' + mach['cpu_id'] + ')' if mach.get('cpu_id') else ''}, "
         f"{mach.get('cores')} cores ({mach.get('cpus')} CPUs), {mach.get('memory_gib')} GiB, "
         f"{mach.get('os')}, kernel {mach.get('kernel')}; load average at start "
         f"{', '.join(f'{x:.2f}' for x in mach['load_avg_at_start'])}",
         f"- **CPU:** vector extensions {' '.join(mach['simd']) or 'none known'}; caches (per core "
         f"unless shared) {caches_text(mach['caches'])}",
         f"- **Command:** `{m['command']}`"]
    if several:
        L += ["- **Corpora:**", *(f"  - {c['name']}: {_corpus_line(c)}" for c in m["corpora"])]
    else:
        L += [f"- **Corpus:** {_corpus_line(m['corpora'][0])}"]
    L += [f"- **Settings (all tools):** dim {s['dim']}, window {s['window']}, "
          f"negative {s['negative']} (0 with hs and softmax), sample {s['sample']}, "
          f"min-count {s['min_count']}, {s['epochs']} epoch{'s' if s['epochs'] != 1 else ''}, starting alpha "
          f"{ALPHA['sg']} (sg) / {ALPHA['cbow']} (cbow); fastText with `-minn 0 -maxn 0` (no subwords)"
          + (f"; at most {s['max_vocab']:,} words (w2v `--max-vocab`, gensim `max_final_vocab`; "
             "fastText cannot cap its vocabulary and is not run)" if s["max_vocab"] is not None else "")
          + ("; seed passed to every tool (w2v `--seed`, gensim `seed`, fastText `-seed`)"
             if m["seeds"] else ""),
          f"- **Versions:** w2v builds: {builds or 'none'}; gensim "
          f"{m['versions'].get('python3-gensim')} (Debian), fastText {m['versions'].get('fasttext')} "
          f"(Debian); harness at {m['versions'].get('harness')}",
          f"- **Runs:** median of {per_row} per row, tools alternating round-robin; in parentheses the "
          f"range (min–max) over those runs; quality by {evaluator_note}",
          "",
          "Words/s/thread = corpus tokens × epochs / whole-process wall time / threads. Wall time, "
          "CPU % ((user + system) / wall) and peak RSS are of the whole process (`/usr/bin/time -v`): "
          "reading, vocabulary, training and saving the vectors. gensim runs `workers` training "
          "threads plus one thread that feeds them sentences.",
          ""]
    for c in m["corpora"]:
        if several:
            L += [f"## {c['name']}", ""]
        L += _table([r for r in rows if r["corpus"] == c["name"]])
        L += ["", f"![analogy accuracy against words/s/thread]({c['svg']})", ""]
    L += ["## w2v against the other tools", ""]
    if ratios:
        L += [f"- {ratio_line(r, several)}" for r in ratios]
    else:
        L.append("No setting has both a w2v result and another tool's.")
    L.append("")
    failed = [r for r in runs if r["status"] == "failed" or r.get("eval", {}).get("status") == "failed"]
    if failed:
        L += ["## Failures", ""]
        for r in failed:
            what = r.get("error") or "evaluation failed: " + r["eval"].get("error", "")
            L += [f"- `{r['id']}`: {what}", ""]
            detail = r.get("stderr_tail") or r.get("eval", {}).get("error", "")
            if detail:
                L += ["  ```", *("  " + x for x in detail.splitlines()[-15:]), "  ```", ""]
    L += ["Raw numbers of every run: `results.json`.", ""]
    with open(path, "w") as f:
        f.write("\n".join(L))
