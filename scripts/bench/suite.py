"""The round robin: for each corpus, repetition, seed, setting and tool, one measured run, its
evaluation, and the reports rewritten as the runs come in."""
import dataclasses
import datetime
import os
import shlex
import shutil
import sys
import tempfile
import time

from . import corpus as corpora
from .cli import SMALL_CORPUS_TOKENS
from .evaluate import evaluate
from .machine import machine_info, versions
from .paths import display_path
from .peers import ensure_peers, ensure_w2v, importable, w2v_has_eval
from .plot import write_svg
from .report import write_json, write_markdown
from .runner import run_one
from .summary import compute_ratios, ratio_line, summarize
from .tools import ALPHA, KINDS_WITH_MAX_VOCAB, MIN_ALPHA_FACTOR, SETTINGS, Tool, build_command
from .util import fmt, log, tail


def _tools(args):
    """The tools in round-robin order, as --tools orders them, the w2v variants right after w2v
    (first without it). The default w2v's binary is filled in once it is built."""
    tools = []
    for kind in args.tools:
        if args.max_vocab is not None and kind not in KINDS_WITH_MAX_VOCAB:
            log(f"{Tool(kind, kind).label} cannot cap its vocabulary (--max-vocab): left out")
            continue
        tools.append(Tool(kind, kind))
    variants = []
    for label, path in args.variants:
        path = os.path.abspath(path)
        if not os.access(path, os.X_OK):
            sys.exit(f"bench: --w2v-variant {label}: {path} is not an executable file")
        variants.append(Tool(label, "w2v", path))
    at = next((i + 1 for i, t in enumerate(tools) if t.key == "w2v"), 0)
    return tools[:at] + variants + tools[at:]


def _eval_files(eval_dir):
    files = {"analogies": os.path.join(eval_dir, "questions-words.txt"),
             "ws353": os.path.join(eval_dir, "wordsim353.tsv"),
             "simlex": os.path.join(eval_dir, "simlex999.txt")}
    missing = [p for p in files.values() if not os.path.exists(p)]
    if missing:
        sys.exit(f"bench: evaluation files not found: {', '.join(missing)}")
    return files


def _svg_name(spec, several):
    return f"accuracy_vs_speed-{spec.slug}.svg" if several else "accuracy_vs_speed.svg"


def run(args, command):
    specs = args.corpora or [corpora.default_spec()]
    if specs == [None]:
        sys.exit(f"bench: no corpus given and none found in {corpora.CORPORA_DIR}")
    files = _eval_files(args.eval_dir)
    tools = _tools(args)
    if not tools:
        sys.exit("bench: no tool left to run")
    ensure_peers({t.kind for t in tools}, args.evaluator, install=not args.no_install)
    out_dir = os.path.abspath(args.out_dir)
    logs_dir, vec_dir = os.path.join(out_dir, "logs"), os.path.join(out_dir, "vectors")
    os.makedirs(logs_dir, exist_ok=True)
    os.makedirs(vec_dir, exist_ok=True)

    w2v_path = os.path.abspath(args.w2v or os.path.join(args.build_dir, "w2v"))
    w2v, w2v_error = (None, None)
    if any(t.key == "w2v" for t in tools) or args.evaluator in ("auto", "w2v"):
        w2v, w2v_error = ensure_w2v(w2v_path, os.path.abspath(args.build_dir), out_dir, args.rebuild)
        if w2v_error:
            log(f"w2v unavailable: {w2v_error.splitlines()[0]}")
    tools = [dataclasses.replace(t, binary=w2v) if t.key == "w2v" else t for t in tools]
    evaluator = args.evaluator
    if evaluator == "auto":
        evaluator = "w2v" if w2v_has_eval(w2v) else "gensim"
    elif evaluator == "w2v" and not w2v_has_eval(w2v):
        sys.exit("bench: --evaluator w2v, but `w2v eval --help` does not work")
    if evaluator == "gensim" and not importable("gensim"):
        sys.exit("bench: the gensim fallback evaluator needs python3-gensim (run under /usr/bin/python3)")
    log("evaluator: " + ("w2v eval" if evaluator == "w2v" else "gensim" if args.evaluator == "gensim"
                         else "gensim (fallback: `w2v eval --help` does not work)"))

    several = len(specs) > 1
    seeds = args.seeds or [None]
    settings = {**SETTINGS, "epochs": args.epochs, "max_vocab": args.max_vocab}
    meta = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": command, "cwd": os.getcwd(),
        "machine": machine_info(),
        "versions": versions({t.label: t.binary or w2v_path for t in tools if t.kind == "w2v"}),
        "corpora": [], "seeds": args.seeds,
        "evaluator": evaluator,
        "evaluator_note": (f"`w2v eval --json` ({w2v})" if evaluator == "w2v" else
                           "gensim (fallback: `evaluate_word_analogies(restrict_vocab=30000, "
                           "case_insensitive=True)`, `evaluate_word_pairs`)"),
        "settings": {**settings, "alpha": ALPHA, "min_alpha_factor_gensim": MIN_ALPHA_FACTOR},
        "tools": [{**dataclasses.asdict(t), "label": t.label} for t in tools],
        "models": args.models, "losses": args.losses, "threads": args.threads,
        "eval_files": {k: display_path(v) for k, v in files.items()},
    }
    runs = []

    def save():
        rows = summarize(runs)
        ratios = compute_ratios(rows)
        write_json(os.path.join(out_dir, "results.json"), meta, rows, ratios, runs)
        return rows, ratios

    work_dir = tempfile.mkdtemp(prefix="w2v-bench-", dir=args.tmp_dir)
    try:
        for n, spec in enumerate(specs, 1):
            corpus_dir = os.path.join(work_dir, spec.slug)
            os.makedirs(corpus_dir)
            log(f"corpus {n}/{len(specs)}: reading {spec.name}")
            t0 = time.monotonic()
            need_split = any(t.kind == "gensim" for t in tools) and args.gensim_input == "split"
            tokens, plain, split = corpora.prepare(spec, corpus_dir, need_split)
            log(f"{tokens:,} tokens ({time.monotonic() - t0:.1f} s)")
            inputs = {"w2v": plain, "fasttext": plain, "gensim": split or plain}
            repeats = args.repeats or (3 if tokens < SMALL_CORPUS_TOKENS else 1)
            meta["corpora"].append({
                "name": spec.name, "path": display_path(spec.path), "half": spec.half,
                "half_note": {"half1": "(its first half of tokens)", "half2": "(its second half of tokens)"}
                .get(spec.half), "tokens": tokens, "repeats": repeats,
                "input_note": ("the same plain-text file of that half" if spec.half else
                               "the same decompressed plain-text copy" if spec.path.endswith(".gz") else "it as is")
                + ("; gensim reads it cut into lines of 10000 tokens (LineSentence's own cut)"
                   if need_split else ""),
                "svg": _svg_name(spec, several)})
            order = [(rep, seed, model, loss, th, tool) for rep in range(1, repeats + 1) for seed in seeds
                     for model in args.models for loss in args.losses for th in args.threads
                     for tool in tools if tool.runs(loss)]
            for done, (rep, seed, model, loss, th, tool) in enumerate(order, 1):
                run_id = "-".join([*([spec.slug] if several else []), *([f"s{seed}"] if seed is not None else []),
                                   f"r{rep}", tool.key, model, loss, f"t{th}"])
                run = {"id": run_id, "corpus": spec.name, "seed": seed, "rep": rep, "tool": tool.key,
                       "label": tool.label, "kind": tool.kind, "model": model, "loss": loss, "threads": th}
                runs.append(run)
                if tool.kind == "w2v" and not tool.binary:
                    run.update(status="failed", error="w2v binary not available", stderr_tail=tail(w2v_error))
                    log(f"[{done}/{len(order)}] {run_id}: failed (no w2v binary)")
                    save()
                    continue
                cmd, vec_path, binary, extra = build_command(tool, model, loss, th, inputs,
                                                             os.path.join(vec_dir, run_id),
                                                             {**settings, "seed": seed})
                env = dict(os.environ, OMP_NUM_THREADS=str(th), OPENBLAS_NUM_THREADS="1",
                           MKL_NUM_THREADS="1", PYTHONHASHSEED="0")
                log(f"[{done}/{len(order)}] {run_id}: {shlex.join(cmd)}")
                if run_one(run, cmd, vec_path, extra, logs_dir, env, args.timeout):
                    run["words_per_sec_per_thread"] = tokens * settings["epochs"] / run["wall_s"] / th
                    evaluate(run, evaluator, w2v, vec_path, binary, files, args.timeout)
                    e = run["eval"]
                    quality = (f"analogy {fmt(e.get('analogy_total'), '.1%')}, "
                               f"WS-353 {fmt(e.get('ws353_rho'), '.3f')}, "
                               f"SimLex {fmt(e.get('simlex_rho'), '.3f')}" if e["status"] == "ok"
                               else f"evaluation failed: {e['error'][:200]}")
                    log(f"    {run['wall_s']:.1f} s, {run['words_per_sec_per_thread']:,.0f} words/s/thread, "
                        f"{run.get('max_rss_kb', 0) / 1024:,.0f} MiB; {quality}")
                else:
                    log(f"    failed: {run['error']}\n      " + run["stderr_tail"].replace("\n", "\n      "))
                if not args.keep_vectors:
                    for p in [vec_path, *extra]:
                        if os.path.exists(p):
                            os.remove(p)
                save()
            shutil.rmtree(corpus_dir, ignore_errors=True)
            rows, ratios = save()
            write_svg(os.path.join(out_dir, meta["corpora"][-1]["svg"]),
                      [r for r in rows if r["corpus"] == spec.name], [r for r in runs if r["corpus"] == spec.name],
                      f"Analogy accuracy against speed — {spec.name}, {meta['machine'].get('cpu')}, "
                      f"{meta['date'][:10]}")
            write_markdown(os.path.join(out_dir, "results.md"), meta, rows, ratios, runs)

        print()
        for r in ratios:
            print(ratio_line(r, several))
        if not ratios:
            print("no setting has both a w2v result and another tool's")
        n_failed = sum(1 for r in runs if r["status"] == "failed")
        log(f"{len(runs)} runs, {n_failed} failed; wrote {display_path(os.path.join(out_dir, 'results.md'))}, "
            f"results.json, " + ", ".join(c["svg"] for c in meta["corpora"]))
        return 1 if n_failed else 0
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
        if not args.keep_vectors:
            try:
                os.rmdir(vec_dir)
            except OSError:
                pass
