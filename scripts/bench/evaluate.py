"""Scoring the vectors of a run: `w2v eval --json` (read key by key), or gensim's own evaluation."""
import json
import math
import shlex
import subprocess
import time

from .util import tail

QUALITY_KEYS = ["analogy_total", "analogy_semantic", "analogy_syntactic", "analogy_coverage",
                "ws353_rho", "ws353_coverage", "simlex_rho", "simlex_coverage"]
SIMILARITY_SETS = ("ws353", "simlex")  # in the order they are given to --similarity


class EvalFormatError(RuntimeError):
    """`w2v eval --json` did not print what src/eval/evaluation_report.cpp writes."""


def _get(obj, path):
    node = obj
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            raise EvalFormatError(f"w2v eval --json: no {'.'.join(map(str, path))} in its output: "
                                  f"{json.dumps(obj)[:600]}") from None
    return node


def _number(obj, path, kind=float, nullable=False):
    """The number at path; null only when nullable (w2v writes null for NaN)."""
    v = _get(obj, path)
    if v is None and nullable:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)) or (kind is int and not isinstance(v, int)):
        raise EvalFormatError(f"w2v eval --json: {'.'.join(map(str, path))} is {v!r}, not a "
                              f"{kind.__name__}")
    return kind(v)


def _fraction(part, whole):
    return part / whole if whole else None


def parse_w2v_eval(obj, files):
    """The QUALITY_KEYS figures (plus analogy_restrict) of the object that
    `w2v eval VECTORS --analogies A --similarity WS353 SIMLEX --json` prints:
      {"vectors": {"path", "words", "dim"},
       "analogies": {"path", "restrict", "sections": [SCORE...], "semantic": SCORE,
                     "syntactic": SCORE, "total": SCORE},
       "similarity": [{"path", "restrict", "pairs", "covered", "spearman"}, ...]}
    with SCORE = {"name", "questions", "covered", "correct", "accuracy"}, accuracies as fractions
    (correct / covered). The similarity entries come in the order of --similarity; each must name
    its file. Raises EvalFormatError when a key is missing or of the wrong type."""
    r = {}
    for part in ("total", "semantic", "syntactic"):
        r[f"analogy_{part}"] = _number(obj, ("analogies", part, "accuracy"), nullable=True)
    r["analogy_coverage"] = _fraction(_number(obj, ("analogies", "total", "covered"), int),
                                      _number(obj, ("analogies", "total", "questions"), int))
    r["analogy_restrict"] = _number(obj, ("analogies", "restrict"), int)
    entries = _get(obj, ("similarity",))
    if not isinstance(entries, list) or len(entries) != len(SIMILARITY_SETS):
        raise EvalFormatError(f"w2v eval --json: similarity should list {len(SIMILARITY_SETS)} "
                              f"results, one per file: {json.dumps(entries)[:600]}")
    for i, name in enumerate(SIMILARITY_SETS):
        path = _get(obj, ("similarity", i, "path"))
        if path != files[name]:
            raise EvalFormatError(f"w2v eval --json: similarity.{i} is of {path!r}, not {files[name]!r}")
        r[f"{name}_rho"] = _number(obj, ("similarity", i, "spearman"), nullable=True)
        r[f"{name}_coverage"] = _fraction(_number(obj, ("similarity", i, "covered"), int),
                                          _number(obj, ("similarity", i, "pairs"), int))
    return r


def eval_with_w2v(w2v, vec_path, files, timeout):
    cmd = [w2v, "eval", vec_path, "--analogies", files["analogies"],
           "--similarity", *(files[name] for name in SIMILARITY_SETS), "--json"]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    out = p.stdout.decode("utf8", "replace")
    if p.returncode != 0:
        raise RuntimeError(f"{shlex.join(cmd)} exited {p.returncode}: "
                           + tail(p.stderr.decode("utf8", "replace"), 10))
    try:
        raw = json.loads(out)
    except ValueError as e:
        raise EvalFormatError(f"{shlex.join(cmd)} did not print one JSON object ({e}): {out[:300]!r}") from None
    return {**parse_w2v_eval(raw, files), "raw": raw}


def count_analogy_questions(path):
    with open(path, encoding="utf8", errors="replace") as f:
        return sum(1 for line in f if line.strip() and not line.startswith(":"))


def eval_with_gensim(vec_path, binary, files):
    """Fallback evaluator: gensim's own protocol, 30k most frequent words for the analogies,
    case-insensitive. Returns the QUALITY_KEYS figures."""
    import logging
    logging.getLogger("gensim").setLevel(logging.ERROR)
    from gensim.models import KeyedVectors

    kv = KeyedVectors.load_word2vec_format(vec_path, binary=binary, unicode_errors="replace")
    r = {}
    total_q = count_analogy_questions(files["analogies"])
    _, sections = kv.evaluate_word_analogies(files["analogies"], restrict_vocab=30000,
                                             case_insensitive=True)

    def acc(secs):
        c = sum(len(s["correct"]) for s in secs)
        n = c + sum(len(s["incorrect"]) for s in secs)
        return (c / n if n else None), n

    total = [s for s in sections if s["section"] == "Total accuracy"]
    parts = [s for s in sections if s["section"] != "Total accuracy"]
    r["analogy_total"], covered = acc(total)
    r["analogy_semantic"], _ = acc([s for s in parts if not s["section"].startswith("gram")])
    r["analogy_syntactic"], _ = acc([s for s in parts if s["section"].startswith("gram")])
    r["analogy_coverage"] = covered / total_q if total_q else None
    for key in SIMILARITY_SETS:
        _, spearman, oov = kv.evaluate_word_pairs(files[key], delimiter="\t", case_insensitive=True)
        rho = spearman[0] if not hasattr(spearman, "correlation") else spearman.correlation
        r[f"{key}_rho"] = None if rho is None or (isinstance(rho, float) and math.isnan(rho)) else float(rho)
        r[f"{key}_coverage"] = 1 - oov / 100.0
    return r


def evaluate(run, evaluator, w2v, vec_path, binary, files, timeout):
    """Fills run["eval"] with the figures, or with the failure of this run's evaluation. An output
    of `w2v eval --json` without the expected keys ends the benchmark (EvalFormatError)."""
    t0 = time.monotonic()
    try:
        if evaluator == "w2v":
            q = eval_with_w2v(w2v, vec_path, files, timeout)
        else:
            q = eval_with_gensim(vec_path, binary, files)
        run["eval"] = {"evaluator": evaluator, "status": "ok", **q}
    except EvalFormatError:  # the harness misreads `w2v eval`: every run would fail alike
        raise
    except Exception as e:  # noqa: BLE001 -- a failed evaluation is recorded, never fatal
        run["eval"] = {"evaluator": evaluator, "status": "failed", "error": f"{type(e).__name__}: {e}"[:2000]}
    run["eval"]["seconds"] = round(time.monotonic() - t0, 2)
