#!/usr/bin/python3
"""Benchmark w2v against gensim Word2Vec and fastText on one corpus, with the same settings.

For every repetition, every setting (model x loss x threads) and every tool, in that order (round
robin, so that drift of the machine hits all tools alike), it trains vectors, measures the whole
process with `/usr/bin/time -v` (wall time, peak RSS), evaluates the vectors (Google analogies,
WordSim-353, SimLex-999) and deletes them. It writes results.md, results.json and
accuracy_vs_speed.svg into --out-dir; each figure is the median over --repeats runs.

Run it with Debian's Python (gensim comes from the python3-gensim package), e.g.
    scripts/bench.sh                       # wiki17m, everything (installs missing peers first)
    scripts/bench.py --corpus ../shared/corpora/wiki1m.txt.gz --models cbow --losses ns
"""
import argparse
import datetime
import gzip
import json
import math
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from xml.sax.saxutils import escape as xml_escape

SCRIPT_DIR = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(SCRIPT_DIR)
SHARED = os.path.join(os.path.dirname(REPO), "shared")  # ../shared beside the repo root
CORPORA_DIR = os.path.join(SHARED, "corpora")
EVAL_DIR = os.path.join(SHARED, "data", "eval")
GENSIM_DRIVER = os.path.join(SCRIPT_DIR, "bench_gensim.py")
TIME = "/usr/bin/time"
FASTTEXT = "/usr/bin/fasttext"
PYTHON = "/usr/bin/python3"

# The settings every tool gets (the classic word2vec defaults).
SETTINGS = dict(dim=100, window=5, negative=5, sample=1e-4, min_count=5, epochs=5)
ALPHA = {"sg": 0.025, "cbow": 0.05}  # starting learning rate; all tools decay it linearly
MIN_ALPHA_FACTOR = 1e-4  # gensim: min_alpha = alpha * 1e-4 (w2v and fastText decay to ~0)

TOOLS = ["w2v", "gensim", "fasttext"]
TOOL_LABEL = {"w2v": "w2v", "gensim": "gensim", "fasttext": "fastText"}
MODELS = ["sg", "cbow"]
LOSSES = ["ns", "hs"]
# fastText is compared with negative sampling only (its hs is a different implementation detail:
# the issue asks for hs on w2v and gensim).
TOOL_LOSSES = {"w2v": {"ns", "hs"}, "gensim": {"ns", "hs"}, "fasttext": {"ns"}}
SMALL_CORPUS_TOKENS = 5_000_000  # below this the default is 3 repeats, else 1

# Debian packages the peers come from, and how to tell that each is there.
PEERS = {
    "time": lambda: os.access(TIME, os.X_OK),
    "fasttext": lambda: os.access(FASTTEXT, os.X_OK),
    "python3-gensim": lambda: _importable("gensim"),
}
BUILD_PACKAGES = ["cmake", "g++", "libeigen3-dev", "libcxxopts-dev", "zlib1g-dev", "doctest-dev"]

QUALITY_KEYS = ["analogy_total", "analogy_semantic", "analogy_syntactic", "analogy_coverage",
                "ws353_rho", "ws353_coverage", "simlex_rho", "simlex_coverage"]


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def _importable(module):
    try:
        __import__(module)
        return True
    except ImportError:
        return False


def tail(text, lines=20, chars=3000):
    """The last lines of a (possibly \\r-progress-filled) log, for failure reports."""
    text = text[-chars * 4:]
    parts = [p.rstrip() for p in re.split(r"[\r\n]+", text) if p.strip()]
    return "\n".join(parts[-lines:])[-chars:]


def read_text(path):
    try:
        with open(path, "r", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


# --------------------------------------------------------------------------------------------
# Peers and the w2v binary


def ensure_peers(tools, evaluator, install):
    """Installs the missing Debian packages (as root), else prints the apt-get line and exits."""
    needed = ["time"]
    if "fasttext" in tools:
        needed.append("fasttext")
    if "gensim" in tools or evaluator in ("auto", "gensim"):
        needed.append("python3-gensim")
    missing = [p for p in needed if not PEERS[p]()]
    if not missing:
        return
    line = "apt-get update && apt-get install -y " + " ".join(missing)
    if not install or os.geteuid() != 0:
        sys.exit(f"bench: missing peers: {', '.join(missing)}. Install them with:\n  {line}")
    log(f"installing {' '.join(missing)}")
    subprocess.run(["apt-get", "update"], check=True)
    subprocess.run(["apt-get", "install", "-y", *missing], check=True,
                   env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    still = [p for p in missing if not PEERS[p]()]
    if still:
        sys.exit(f"bench: still missing after apt-get: {', '.join(still)}")


def ensure_w2v(path, build_dir, out_dir, rebuild=False):
    """Returns (path, None) when the binary exists (building it with CMake, Release, when it is
    the default one and missing, or always with rebuild), else (None, why)."""
    if os.access(path, os.X_OK) and not rebuild:
        return path, None
    default = os.path.abspath(path) == os.path.abspath(os.path.join(build_dir, "w2v"))
    if not default:
        if os.access(path, os.X_OK):
            return path, None
        return None, f"w2v binary {path} does not exist (it is only built when it is {build_dir}/w2v)"
    if not shutil.which("cmake"):
        return None, ("cmake is missing; install the build tools with: apt-get install -y "
                      + " ".join(BUILD_PACKAGES))
    log(f"building w2v in {build_dir} (cmake, Release)")
    build_log = os.path.join(out_dir, "logs", "build.log")
    with open(build_log, "w") as f:
        for cmd in (["cmake", "-S", REPO, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release"],
                    ["cmake", "--build", build_dir, "-j", str(os.cpu_count() or 2), "--target", "w2v"]):
            f.write("$ " + shlex.join(cmd) + "\n")
            f.flush()
            rc = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT).returncode
            if rc != 0:
                f.close()
                return None, f"building w2v failed ({shlex.join(cmd)} exited {rc}):\n" + tail(read_text(build_log))
    if os.access(path, os.X_OK):
        return path, None
    return None, f"the build finished but {path} is missing"


def w2v_has_eval(w2v):
    if not w2v:
        return False
    try:
        r = subprocess.run([w2v, "eval", "--help"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=60)
        return r.returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


# --------------------------------------------------------------------------------------------
# Corpus


def _flush_sentences(tokens, state, out, max_len):
    """Writes tokens of the current line in lines of at most max_len tokens (LineSentence's cut)."""
    i = 0
    while i < len(tokens):
        room = max_len - state["in_line"]
        chunk = tokens[i:i + room]
        if state["in_line"]:
            out.write(b" ")
        out.write(b" ".join(chunk))
        state["in_line"] += len(chunk)
        i += len(chunk)
        if state["in_line"] == max_len:
            out.write(b"\n")
            state["in_line"] = 0


def prepare_corpus(corpus, work_dir, need_plain, need_split, max_sentence=10000, chunk_bytes=16 << 20):
    """Counts the whitespace tokens of the corpus in one streaming pass. When asked, also writes
    the plain text (fastText cannot read gzip; all tools then read the same plain file) and a copy
    cut into lines of at most 10000 tokens for gensim: exactly the sentences LineSentence makes of
    the original, without LineSentence holding a whole one-line corpus in memory per epoch.
    Returns (tokens, plain_path, split_path)."""
    is_gz = corpus.endswith(".gz")
    opener = gzip.open if is_gz else open
    plain_path = os.path.join(work_dir, "corpus.txt") if (need_plain and is_gz) else (corpus if need_plain else None)
    split_path = os.path.join(work_dir, "corpus.gensim.txt") if need_split else None
    plain = open(plain_path, "wb") if (need_plain and is_gz) else None
    split = open(split_path, "wb") if split_path else None
    state = {"in_line": 0}
    tokens = 0
    carry = b""

    def consume(block, final):
        """A block ends at a whitespace byte (no token is cut); the line open at its end goes on
        in the next block unless this is the last one."""
        nonlocal tokens
        lines = block.split(b"\n")
        for k, line in enumerate(lines):
            toks = line.split()
            tokens += len(toks)
            if split:
                _flush_sentences(toks, state, split, max_sentence)
                if (k < len(lines) - 1 or final) and state["in_line"]:
                    split.write(b"\n")
                    state["in_line"] = 0

    try:
        with opener(corpus, "rb") as f:
            while True:
                chunk = f.read(chunk_bytes)
                if not chunk:
                    break
                if plain:
                    plain.write(chunk)
                data = carry + chunk
                cut = max(data.rfind(c) for c in (b" ", b"\n", b"\t", b"\r", b"\x0b", b"\x0c")) + 1
                if cut == 0:  # no whitespace at all: one (long) token so far
                    carry = data
                    continue
                consume(data[:cut], final=False)
                carry = data[cut:]
            consume(carry, final=True)
    finally:
        if plain:
            plain.close()
        if split:
            split.close()
    return tokens, plain_path, split_path


# --------------------------------------------------------------------------------------------
# Commands


def build_command(tool, model, loss, threads, inputs, vec_prefix, w2v):
    """(argv, vectors file, binary?, extra files to delete) of one training run."""
    s, alpha = SETTINGS, ALPHA[model]
    if tool == "w2v":
        out = vec_prefix + ".bin"
        cmd = [w2v or "w2v", "train", "--input", inputs["w2v"], "--output", out, "--binary",
               "--model", model, "--loss", loss, "--dim", str(s["dim"]), "--window", str(s["window"])]
        if loss == "ns":
            cmd += ["--negative", str(s["negative"])]
        cmd += ["--sample", repr(s["sample"]), "--min-count", str(s["min_count"]),
                "--epochs", str(s["epochs"]), "--alpha", repr(alpha), "--threads", str(threads),
                "--quiet"]
        return cmd, out, True, []
    if tool == "gensim":
        out = vec_prefix + ".bin"
        cmd = [PYTHON, GENSIM_DRIVER, "--input", inputs["gensim"], "--output", out,
               "--model", model, "--loss", loss, "--dim", str(s["dim"]), "--window", str(s["window"]),
               "--negative", str(s["negative"]), "--sample", repr(s["sample"]),
               "--min-count", str(s["min_count"]), "--epochs", str(s["epochs"]),
               "--alpha", repr(alpha), "--threads", str(threads)]
        return cmd, out, True, []
    if tool == "fasttext":
        cmd = [FASTTEXT, "skipgram" if model == "sg" else "cbow", "-input", inputs["fasttext"],
               "-output", vec_prefix, "-minn", "0", "-maxn", "0", "-dim", str(s["dim"]),
               "-ws", str(s["window"]), "-neg", str(s["negative"]), "-t", repr(s["sample"]),
               "-minCount", str(s["min_count"]), "-epoch", str(s["epochs"]), "-lr", repr(alpha),
               "-thread", str(threads), "-loss", loss, "-verbose", "1"]
        return cmd, vec_prefix + ".vec", False, [vec_prefix + ".bin"]
    raise ValueError(tool)


def parse_time_v(text):
    """The figures of `/usr/bin/time -v`."""
    r = {}
    for line in text.splitlines():
        key, _, val = line.strip().rpartition(": ")
        if key.startswith("Elapsed (wall clock) time"):
            secs = 0.0
            for part in val.strip().split(":"):
                secs = secs * 60 + float(part)
            r["wall_s"] = secs
        elif key == "Maximum resident set size (kbytes)":
            r["max_rss_kb"] = int(val)
        elif key == "User time (seconds)":
            r["user_s"] = float(val)
        elif key == "System time (seconds)":
            r["sys_s"] = float(val)
        elif key == "Percent of CPU this job got":
            r["cpu_percent"] = int(val.rstrip("%")) if val.rstrip("%").isdigit() else None
    return r


def _kill_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def run_one(run, cmd, vec_path, extra_files, logs_dir, env, timeout):
    """Runs one training under /usr/bin/time -v; fills `run` with its numbers or its failure."""
    base = os.path.join(logs_dir, run["id"])
    time_file, out_file, err_file = base + ".time", base + ".stdout", base + ".stderr"
    run.update(cmd=cmd, log=os.path.relpath(err_file, os.path.dirname(logs_dir)))
    for p in [vec_path, *extra_files]:
        if os.path.exists(p):
            os.remove(p)
    t0 = time.monotonic()
    timed_out = False
    try:
        with open(out_file, "wb") as out, open(err_file, "wb") as err:
            # A session of its own, so that a timeout or ^C ends the trainer, not only `time`.
            proc = subprocess.Popen([TIME, "-v", "-o", time_file, *cmd], stdout=out, stderr=err,
                                    env=env, start_new_session=True)
            try:
                rc = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill_group(proc)
                rc, timed_out = None, True
            except BaseException:
                _kill_group(proc)
                raise
    except OSError as e:
        rc = None
        with open(err_file, "a") as err:
            err.write(f"\nbench: cannot start: {e}\n")
    run["wall_s_harness"] = round(time.monotonic() - t0, 3)
    run["returncode"] = rc
    run.update(parse_time_v(read_text(time_file)))
    run.setdefault("wall_s", run["wall_s_harness"])
    stderr_tail = tail(read_text(err_file))
    if timed_out:
        run["error"] = f"timed out after {timeout} s"
    elif rc is None:
        run["error"] = "could not start"
    elif rc != 0:
        run["error"] = f"exited with status {rc}"
    elif not os.path.exists(vec_path) or os.path.getsize(vec_path) == 0:
        run["error"] = f"no vectors file {vec_path}"
    if "error" in run:
        run["status"] = "failed"
        run["stderr_tail"] = stderr_tail or tail(read_text(out_file))
        return False
    run["status"] = "ok"
    run["vectors_bytes"] = os.path.getsize(vec_path)
    return True


# --------------------------------------------------------------------------------------------
# Evaluation


def count_analogy_questions(path):
    with open(path, encoding="utf8", errors="replace") as f:
        return sum(1 for line in f if line.strip() and not line.startswith(":"))


def eval_with_gensim(vec_path, binary, files):
    """Fallback evaluator (until `w2v eval` exists): gensim's own protocol, 30k most frequent words
    for the analogies, case-insensitive. Returns the QUALITY_KEYS figures."""
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
    for key in ("ws353", "simlex"):
        _, spearman, oov = kv.evaluate_word_pairs(files[key], delimiter="\t", case_insensitive=True)
        rho = spearman[0] if not hasattr(spearman, "correlation") else spearman.correlation
        r[f"{key}_rho"] = None if rho is None or (isinstance(rho, float) and math.isnan(rho)) else float(rho)
        r[f"{key}_coverage"] = 1 - oov / 100.0
    return r


# Where the figures are in `w2v eval --json`'s object: candidate paths (dots between keys, list
# indices as numbers), first match wins. When none matches, guess_metrics() searches all keys by
# name. Adapt this table once the format of `w2v eval --json` is settled.
W2V_EVAL_PATHS = {
    "analogy_total": ["analogies.total.accuracy", "analogy.total.accuracy", "analogies.accuracy",
                      "analogy.accuracy", "analogies.total_accuracy", "analogy_accuracy"],
    "analogy_semantic": ["analogies.semantic.accuracy", "analogy.semantic.accuracy",
                         "analogies.semantic_accuracy"],
    "analogy_syntactic": ["analogies.syntactic.accuracy", "analogy.syntactic.accuracy",
                          "analogies.syntactic_accuracy"],
    "analogy_coverage": ["analogies.coverage", "analogies.total.coverage", "analogy.coverage"],
    "ws353_rho": ["similarity.0.spearman", "similarity.0.rho", "similarities.0.spearman",
                  "similarities.0.rho"],
    "ws353_coverage": ["similarity.0.coverage", "similarities.0.coverage"],
    "simlex_rho": ["similarity.1.spearman", "similarity.1.rho", "similarities.1.spearman",
                   "similarities.1.rho"],
    "simlex_coverage": ["similarity.1.coverage", "similarities.1.coverage"],
}
# Coverages computed as a / b of two counts, when not given directly.
W2V_EVAL_RATIOS = {
    "analogy_coverage": ("analogies.total.covered", "analogies.total.questions"),
    "ws353_coverage": ("similarity.0.covered", "similarity.0.pairs"),
    "simlex_coverage": ("similarity.1.covered", "similarity.1.pairs"),
}
W2V_EVAL_PERCENT = False  # True: accuracies and coverages of `w2v eval --json` are percentages
SIM_NAMES = {"ws353": ("wordsim", "ws353", "ws-353", "353"), "simlex": ("simlex", "999")}


def _leaves(node, path=(), context=()):
    """(path, number, context strings) for every numeric leaf; context holds the keys and the
    string values met on the way down below the root (a file name next to a rho tells which set
    it is; the root's strings, e.g. the list of files, would tell nothing)."""
    if isinstance(node, dict):
        strings = tuple(str(v).lower() for v in node.values() if isinstance(v, str)) if path else ()
        for k, v in node.items():
            yield from _leaves(v, path + (str(k),), context + (str(k).lower(),) + strings)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _leaves(v, path + (str(i),), context)
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
        yield path, float(node), context


def _get_path(obj, dotted):
    for part in dotted.split("."):
        if isinstance(obj, list) and part.isdigit() and int(part) < len(obj):
            obj = obj[int(part)]
        elif isinstance(obj, dict) and part in obj:
            obj = obj[part]
        else:
            return None
    return float(obj) if isinstance(obj, (int, float)) and not isinstance(obj, bool) else None


def guess_metrics(obj):
    """Figures found by key names when no path of W2V_EVAL_PATHS matches."""
    r = {}
    for path, val, ctx in _leaves(obj):
        last = path[-1].lower()
        keys = " ".join(path).lower()
        joined = " ".join(ctx)
        if any(m in joined for m in ("analog", "questions-words")):
            if "accuracy" in last or last in ("acc", "score"):
                if "semantic" in last or "semantic" in keys:
                    r.setdefault("analogy_semantic", val)
                elif "syntactic" in last or "syntactic" in keys:
                    r.setdefault("analogy_syntactic", val)
                elif "total" in keys or not any(m in keys for m in ("section", "categor", "gram")):
                    if "total" in keys or "analogy_total" not in r:
                        r["analogy_total"] = val
            elif "coverage" in last:
                r.setdefault("analogy_coverage", val)
        for name, marks in SIM_NAMES.items():
            if any(m in joined for m in marks):
                if "spearman" in last or "rho" in last:
                    r.setdefault(f"{name}_rho", val)
                elif "coverage" in last:
                    r.setdefault(f"{name}_coverage", val)
    return r


def parse_w2v_eval(obj):
    r = {}
    for key, paths in W2V_EVAL_PATHS.items():
        for p in paths:
            v = _get_path(obj, p)
            if v is not None:
                r[key] = v
                break
    for key, (num, den) in W2V_EVAL_RATIOS.items():
        a, b = _get_path(obj, num), _get_path(obj, den)
        if key not in r and a is not None and b:
            r[key] = a / b
    for key, v in guess_metrics(obj).items():
        r.setdefault(key, v)
    # Fractions are kept as they are; a value above 1 is taken for a percentage (so a percentage
    # below 1 would be misread: set W2V_EVAL_PERCENT = True if `w2v eval` prints percentages).
    for key in ("analogy_total", "analogy_semantic", "analogy_syntactic", "analogy_coverage",
                "ws353_coverage", "simlex_coverage"):
        if r.get(key) is not None and (W2V_EVAL_PERCENT or r[key] > 1.0):
            r[key] /= 100.0
    return r


def eval_with_w2v(w2v, vec_path, files, timeout):
    cmd = [w2v, "eval", vec_path, "--analogies", files["analogies"],
           "--similarity", files["ws353"], files["simlex"], "--json"]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    out = p.stdout.decode("utf8", "replace")
    if p.returncode != 0:
        raise RuntimeError(f"{shlex.join(cmd)} exited {p.returncode}: "
                           + tail(p.stderr.decode("utf8", "replace"), 10))
    start, end = out.find("{"), out.rfind("}")
    if start < 0:
        raise RuntimeError(f"no JSON object in the output of {shlex.join(cmd)}: {out[:300]!r}")
    raw = json.loads(out[start:end + 1])
    r = parse_w2v_eval(raw)
    if r.get("analogy_total") is None:
        raise RuntimeError("w2v eval --json: cannot find the analogy accuracy; adapt W2V_EVAL_PATHS "
                           f"in scripts/bench.py to this output: {json.dumps(raw)[:600]}")
    r["raw"] = raw
    return r


def evaluate(run, evaluator, w2v, vec_path, binary, files, timeout):
    t0 = time.monotonic()
    try:
        if evaluator == "w2v":
            q = eval_with_w2v(w2v, vec_path, files, timeout)
        else:
            q = eval_with_gensim(vec_path, binary, files)
        run["eval"] = {"evaluator": evaluator, "status": "ok", **q}
    except Exception as e:  # noqa: BLE001 -- a failed evaluation is recorded, never fatal
        run["eval"] = {"evaluator": evaluator, "status": "failed", "error": f"{type(e).__name__}: {e}"[:2000]}
    run["eval"]["seconds"] = round(time.monotonic() - t0, 2)


# --------------------------------------------------------------------------------------------
# Summaries


def median_or_none(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarize(runs, settings_order):
    medians = []
    for tool, model, loss, threads in settings_order:
        group = [r for r in runs if (r["tool"], r["model"], r["loss"], r["threads"]) == (tool, model, loss, threads)
                 and r["status"] != "skipped"]
        if not group:
            continue
        ok = [r for r in group if r["status"] == "ok"]
        m = {"tool": tool, "model": model, "loss": loss, "threads": threads,
             "runs": len(group), "ok": len(ok),
             "evaluated": sum(1 for r in ok if r.get("eval", {}).get("status") == "ok")}
        for key in ("wall_s", "words_per_sec_per_thread", "max_rss_kb", "user_s", "sys_s", "cpu_percent"):
            m[key] = median_or_none([r.get(key) for r in ok])
        for key in QUALITY_KEYS:
            m[key] = median_or_none([r.get("eval", {}).get(key) for r in ok])
        medians.append(m)
    return medians


def compute_ratios(medians):
    """For each (model, loss, threads): w2v's speed over the faster peer's, and its quality minus
    the better peer's."""
    out = []
    by_setting = {}
    for m in medians:
        by_setting.setdefault((m["model"], m["loss"], m["threads"]), {})[m["tool"]] = m
    for (model, loss, threads), tools in by_setting.items():
        me = tools.get("w2v")
        peers = {t: m for t, m in tools.items() if t != "w2v"}
        if not me or not peers:
            continue
        r = {"model": model, "loss": loss, "threads": threads, "w2v_ok": me["ok"], "w2v_runs": me["runs"]}

        def best(key):
            cands = [(m[key], t) for t, m in peers.items() if m.get(key) is not None]
            return max(cands) if cands else (None, None)

        fast, fast_tool = best("words_per_sec_per_thread")
        r["faster_peer"], r["peer_words_per_sec_per_thread"] = fast_tool, fast
        mine = me.get("words_per_sec_per_thread")
        r["speed_ratio"] = mine / fast if (mine and fast) else None
        for key in ("analogy_total", "ws353_rho", "simlex_rho"):
            val, tool = best(key)
            r[f"{key}_better_peer"], r[f"{key}_peer"] = tool, val
            r[f"{key}_delta"] = me[key] - val if (me.get(key) is not None and val is not None) else None
        out.append(r)
    return out


def ratio_line(r):
    tag = f"{r['model']}/{r['loss']}/{r['threads']}t"
    parts = []
    if r["speed_ratio"] is not None:
        parts.append(f"w2v words/s/thread = {r['speed_ratio']:.2f}x {TOOL_LABEL[r['faster_peer']]}'s "
                     f"({r['peer_words_per_sec_per_thread']:,.0f}, the faster peer)")
    elif not r["w2v_ok"]:
        parts.append(f"w2v failed in all {r['w2v_runs']} run(s)")
    else:
        parts.append("speed ratio n/a (no peer timing)")
    for key, name, scale, fmt in (("analogy_total", "analogy", 100, "{:+.1f} pts"),
                                  ("ws353_rho", "WS-353", 1, "{:+.3f}"),
                                  ("simlex_rho", "SimLex", 1, "{:+.3f}")):
        d = r[f"{key}_delta"]
        if d is not None:
            parts.append(f"{name} {fmt.format(d * scale)} vs {TOOL_LABEL[r[key + '_better_peer']]}")
        else:
            parts.append(f"{name} n/a")
    return f"{tag}: " + "; ".join(parts)


# --------------------------------------------------------------------------------------------
# Report


def machine_info():
    info = {"cpu": None, "cpus": os.cpu_count(), "cores": None}
    try:
        text = subprocess.run(["lscpu"], stdout=subprocess.PIPE, text=True).stdout
        fields = dict((k.strip(), v.strip()) for k, _, v in (l.partition(":") for l in text.splitlines()))
        info["cpu"] = fields.get("Model name")
        info["cpus"] = int(fields.get("CPU(s)", info["cpus"] or 0)) or info["cpus"]
        cps, sockets = fields.get("Core(s) per socket"), fields.get("Socket(s)")
        if cps and sockets and cps.isdigit() and sockets.isdigit():
            info["cores"] = int(cps) * int(sockets)
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
        info["memory_gib"] = round(kb / 2**20, 1)
    except (OSError, ValueError, IndexError):
        pass
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    info["os"] = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    info["kernel"] = platform.release()
    info["load_avg_at_start"] = list(os.getloadavg())
    return info


def tool_versions(w2v):
    v = {}

    def dpkg(pkg):
        try:
            r = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
            return r.stdout.strip() or None
        except OSError:
            return None

    v["fasttext"] = dpkg("fasttext")
    v["python3-gensim"] = dpkg("python3-gensim")
    try:
        r = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
        commit = r.stdout.strip() or "no commit"
        dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout.strip()
        v["w2v"] = commit + (" (modified)" if dirty else "")
    except OSError:
        v["w2v"] = None
    v["w2v_binary"] = w2v
    return v


def fmt(v, spec, scale=1.0, none="–"):
    return none if v is None else format(v * scale, spec)


def write_markdown(path, meta, medians, ratios, runs):
    m = meta
    restricts = {r["eval"]["raw"]["analogies"].get("restrict") for r in runs
                 if isinstance(r.get("eval", {}).get("raw", {}).get("analogies"), dict)}
    evaluator_note = m["evaluator_note"] + (
        f" (analogy candidates: the {', '.join(str(x) for x in sorted(restricts, key=str))} most "
        "frequent words)" if restricts else "")
    L = ["# w2v benchmark", "",
         f"- **Date:** {m['date']}",
         f"- **Machine:** {m['machine'].get('cpu')}, {m['machine'].get('cores')} cores "
         f"({m['machine'].get('cpus')} CPUs), {m['machine'].get('memory_gib')} GiB, "
         f"{m['machine'].get('os')}; load average at start {', '.join(f'{x:.2f}' for x in m['machine']['load_avg_at_start'])}",
         f"- **Command:** `{m['command']}`",
         f"- **Corpus:** `{m['corpus']}`, {m['corpus_tokens']:,} tokens (whitespace-separated); "
         f"all tools read {m['input_note']}",
         f"- **Settings (all tools):** dim {SETTINGS['dim']}, window {SETTINGS['window']}, "
         f"negative {SETTINGS['negative']} (0 with hs), sample {SETTINGS['sample']}, "
         f"min-count {SETTINGS['min_count']}, {SETTINGS['epochs']} epochs, starting alpha "
         f"{ALPHA['sg']} (sg) / {ALPHA['cbow']} (cbow); fastText with `-minn 0 -maxn 0` (no subwords)",
         f"- **Versions:** w2v {m['versions'].get('w2v')}, gensim {m['versions'].get('python3-gensim')} "
         f"(Debian), fastText {m['versions'].get('fasttext')} (Debian)",
         f"- **Runs:** median of {m['repeats']} run(s) per row, tools alternating round-robin; "
         f"quality by {evaluator_note}",
         "",
         "Words/s/thread = corpus tokens × epochs / whole-process wall time / threads. Wall time, "
         "CPU % ((user + system) / wall) and peak RSS are of the whole process (`/usr/bin/time -v`): "
         "reading, vocabulary, training and saving the vectors. gensim runs `workers` training "
         "threads plus one thread that feeds them sentences.",
         "",
         "| tool | model | loss | threads | ok/runs | wall s | words/s/thread | CPU % | peak RSS MiB "
         "| analogy % | sem % | syn % | analogy coverage | WS-353 ρ | SimLex-999 ρ |",
         "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in medians:
        L.append(f"| {TOOL_LABEL[r['tool']]} | {r['model']} | {r['loss']} | {r['threads']} | "
                 f"{r['ok']}/{r['runs']} | {fmt(r['wall_s'], '.1f')} | "
                 f"{fmt(r['words_per_sec_per_thread'], ',.0f')} | {fmt(r['cpu_percent'], '.0f')} | "
                 f"{fmt(r['max_rss_kb'], ',.0f', 1 / 1024)} | {fmt(r['analogy_total'], '.1f', 100)} | "
                 f"{fmt(r['analogy_semantic'], '.1f', 100)} | {fmt(r['analogy_syntactic'], '.1f', 100)} | "
                 f"{fmt(r['analogy_coverage'], '.1%')} | {fmt(r['ws353_rho'], '.3f')} | "
                 f"{fmt(r['simlex_rho'], '.3f')} |")
    L += ["", "## w2v against the best peer", ""]
    if ratios:
        L += [f"- {ratio_line(r)}" for r in ratios]
    else:
        L.append("No setting has both a w2v and a peer result.")
    L += ["", f"![analogy accuracy against words/s/thread]({os.path.basename(m['svg'])})", ""]
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


TOOL_COLOR = {"w2v": "#d62728", "gensim": "#1f77b4", "fasttext": "#2ca02c"}


def write_svg(path, medians, title):
    pts = [m for m in medians if m.get("words_per_sec_per_thread") and m.get("analogy_total") is not None]
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
    xs = [p["words_per_sec_per_thread"] for p in pts]
    ys = [100 * p["analogy_total"] for p in pts]
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
    marks = sorted(((p, X(p["words_per_sec_per_thread"]), Y(100 * p["analogy_total"])) for p in pts),
                   key=lambda t: t[2])
    # Boxes (x0, y0, x1, y1) to keep labels off: every marker, then each label once placed.
    boxes = [(x - 7, y - 7, x + 7, y + 7) for _, x, y in marks]

    def free(b):
        return (ml <= b[0] and b[2] <= ml + pw and mt <= b[1] and b[3] <= mt + ph
                and not any(b[0] < o[2] and o[0] < b[2] and b[1] < o[3] and o[1] < b[3] for o in boxes))

    for p, x, y in marks:
        color = TOOL_COLOR[p["tool"]]
        fill = color if p["loss"] == "ns" else "white"
        if p["model"] == "sg":
            s.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{fill}" stroke="{color}" stroke-width="2"/>')
        else:
            s.append(f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{fill}" '
                     f'stroke="{color}" stroke-width="2"/>')
        label = f"{TOOL_LABEL[p['tool']]} {p['model']}/{p['loss']} {p['threads']}t"
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
    for tool in TOOLS:
        if any(p["tool"] == tool for p in pts):
            s.append(f'<rect x="{lx}" y="{ly}" width="12" height="12" fill="{TOOL_COLOR[tool]}"/>')
            s.append(f'<text x="{lx + 18}" y="{ly + 10}">{TOOL_LABEL[tool]}</text>')
            ly += 20
    ly += 10
    s.append(f'<circle cx="{lx + 6}" cy="{ly + 6}" r="5" fill="#666" stroke="#666" stroke-width="2"/>'
             f'<text x="{lx + 18}" y="{ly + 10}">skip-gram</text>')
    ly += 20
    s.append(f'<rect x="{lx + 1}" y="{ly + 1}" width="10" height="10" fill="#666" stroke="#666" stroke-width="2"/>'
             f'<text x="{lx + 18}" y="{ly + 10}">CBOW</text>')
    ly += 20
    s.append(f'<text x="{lx}" y="{ly + 10}">filled: neg. sampling</text>')
    s.append(f'<text x="{lx}" y="{ly + 26}">hollow: hier. softmax</text>')
    s.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(s) + "\n")


# --------------------------------------------------------------------------------------------


def csv_list(allowed):
    def parse(text):
        items = [x.strip() for x in text.split(",") if x.strip()]
        bad = [x for x in items if x not in allowed]
        if bad or not items:
            raise argparse.ArgumentTypeError(f"choose among {','.join(allowed)}")
        return items
    return parse


def int_list(text):
    try:
        items = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError("a comma-separated list of thread counts")
    if not items or min(items) < 1:
        raise argparse.ArgumentTypeError("thread counts must be >= 1")
    return items


def default_corpus():
    for name in ("wiki17m.txt.gz", "wiki1m.txt.gz"):
        p = os.path.join(CORPORA_DIR, name)
        if os.path.exists(p):
            return p
    return None


def display_path(p):
    """Paths in the reports: relative to the repo when beside it (../shared/...)."""
    rel = os.path.relpath(os.path.abspath(p), REPO)
    return rel if not rel.startswith("../../") else os.path.abspath(p)


def main():
    # gensim is Debian's (python3-gensim): run under its Python even when started as `python3 bench.py`
    # with another python3 first on PATH.
    if (not _importable("gensim") and os.access(PYTHON, os.X_OK)
            and os.path.realpath(sys.executable) != os.path.realpath(PYTHON)):
        os.environ.setdefault("BENCH_ARGV0", sys.argv[0])
        os.execv(PYTHON, [PYTHON, os.path.abspath(__file__), *sys.argv[1:]])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", help="corpus, plain or .gz (default: ../shared/corpora/wiki17m.txt.gz "
                    "beside the repo, else wiki1m)")
    ap.add_argument("--tools", type=csv_list(TOOLS), default=list(TOOLS), help="default: w2v,gensim,fasttext")
    ap.add_argument("--models", type=csv_list(MODELS), default=list(MODELS), help="default: sg,cbow")
    ap.add_argument("--losses", type=csv_list(LOSSES), default=list(LOSSES),
                    help="default: ns,hs (fastText runs ns only)")
    ap.add_argument("--threads", type=int_list, default=[1, 2], help="default: 1,2")
    ap.add_argument("--repeats", type=int, help=f"runs per figure, the median is reported (default: 3 "
                    f"below {SMALL_CORPUS_TOKENS:,} corpus tokens, else 1)")
    ap.add_argument("--out-dir", default=os.path.join(REPO, "bench-results"),
                    help="default: bench-results/ in the repo")
    ap.add_argument("--w2v", help="w2v binary (default: build/w2v, built with CMake when missing)")
    ap.add_argument("--build-dir", default=os.path.join(REPO, "build"),
                    help="CMake build directory for w2v (default: build/ in the repo)")
    ap.add_argument("--rebuild", action="store_true",
                    help="bring build/w2v up to date (cmake --build) even when it exists")
    ap.add_argument("--eval-dir", default=EVAL_DIR, help="directory with questions-words.txt, "
                    "wordsim353.tsv, simlex999.txt (default: ../shared/data/eval beside the repo)")
    ap.add_argument("--evaluator", choices=["auto", "w2v", "gensim"], default="auto",
                    help="who scores the vectors: auto = `w2v eval` when it exists, else gensim")
    ap.add_argument("--gensim-input", choices=["split", "original"], default="split",
                    help="split (default): gensim's LineSentence reads a copy cut into lines of 10000 "
                    "tokens, the sentences it would cut anyway, so it does not hold a one-line corpus "
                    "in memory; original: the same file as the other tools")
    ap.add_argument("--timeout", type=float, default=None, help="seconds before a run is killed")
    ap.add_argument("--tmp-dir", default=None, help="where to decompress the corpus (default: $TMPDIR or /tmp)")
    ap.add_argument("--keep-vectors", action="store_true", help="keep the vectors files in OUT/vectors")
    ap.add_argument("--no-install", action="store_true", help="never run apt-get")
    args = ap.parse_args()

    def terminate(signum, _frame):  # end the running trainer and clean up, as on ^C
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGHUP, terminate)
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:  # started in the background by a script
        signal.signal(signal.SIGINT, signal.default_int_handler)

    argv0 = os.environ.get("BENCH_ARGV0") or sys.argv[0]  # scripts/bench.sh when run through it
    command = shlex.join([argv0, *sys.argv[1:]])
    corpus = args.corpus or default_corpus()
    if not corpus or not os.path.exists(corpus):
        sys.exit(f"bench: corpus not found: {corpus or os.path.join(CORPORA_DIR, 'wiki17m.txt.gz')}")
    files = {"analogies": os.path.join(args.eval_dir, "questions-words.txt"),
             "ws353": os.path.join(args.eval_dir, "wordsim353.tsv"),
             "simlex": os.path.join(args.eval_dir, "simlex999.txt")}
    missing = [p for p in files.values() if not os.path.exists(p)]
    if missing:
        sys.exit(f"bench: evaluation files not found: {', '.join(missing)}")

    ensure_peers(args.tools, args.evaluator, install=not args.no_install)
    out_dir = os.path.abspath(args.out_dir)
    logs_dir, vec_dir = os.path.join(out_dir, "logs"), os.path.join(out_dir, "vectors")
    os.makedirs(logs_dir, exist_ok=True)
    os.makedirs(vec_dir, exist_ok=True)

    w2v_path = os.path.abspath(args.w2v or os.path.join(args.build_dir, "w2v"))
    w2v, w2v_error = (None, None)
    if "w2v" in args.tools or args.evaluator in ("auto", "w2v"):
        w2v, w2v_error = ensure_w2v(w2v_path, os.path.abspath(args.build_dir), out_dir, args.rebuild)
        if w2v_error:
            log(f"w2v unavailable: {w2v_error.splitlines()[0]}")
    evaluator = args.evaluator
    if evaluator == "auto":
        evaluator = "w2v" if w2v_has_eval(w2v) else "gensim"
    elif evaluator == "w2v" and not w2v_has_eval(w2v):
        sys.exit("bench: --evaluator w2v, but `w2v eval --help` does not work")
    if evaluator == "gensim" and not _importable("gensim"):
        sys.exit("bench: the gensim fallback evaluator needs python3-gensim (run under /usr/bin/python3)")
    log("evaluator: " + ("w2v eval" if evaluator == "w2v" else "gensim" if args.evaluator == "gensim"
                         else "gensim (fallback: `w2v eval --help` does not work)"))

    work_dir = tempfile.mkdtemp(prefix="w2v-bench-", dir=args.tmp_dir)
    try:
        log(f"reading {corpus}")
        t0 = time.monotonic()
        need_split = "gensim" in args.tools and args.gensim_input == "split"
        tokens, plain, split = prepare_corpus(corpus, work_dir, need_plain=True, need_split=need_split)
        log(f"{tokens:,} tokens ({time.monotonic() - t0:.1f} s)")
        inputs = {"w2v": plain, "fasttext": plain, "gensim": split or plain}
        repeats = args.repeats or (3 if tokens < SMALL_CORPUS_TOKENS else 1)

        settings_order = [(tool, model, loss, th) for model in args.models for loss in args.losses
                          for th in args.threads for tool in args.tools]
        meta = {
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "command": command, "cwd": os.getcwd(),
            "machine": machine_info(), "versions": tool_versions(w2v or w2v_path),
            "corpus": display_path(corpus), "corpus_tokens": tokens, "repeats": repeats,
            "input_note": ("the same decompressed plain-text copy" if corpus.endswith(".gz") else "it as is")
                          + ("; gensim reads it cut into lines of 10000 tokens (LineSentence's own cut)"
                             if need_split else ""),
            "evaluator": evaluator,
            "evaluator_note": ("`w2v eval --json`" if evaluator == "w2v" else
                               "gensim (fallback: `evaluate_word_analogies(restrict_vocab=30000, "
                               "case_insensitive=True)`, `evaluate_word_pairs`)"),
            "settings": {**SETTINGS, "alpha": ALPHA, "min_alpha_factor_gensim": MIN_ALPHA_FACTOR},
            "tools": args.tools, "models": args.models, "losses": args.losses, "threads": args.threads,
            "eval_files": {k: display_path(v) for k, v in files.items()},
            "svg": os.path.join(out_dir, "accuracy_vs_speed.svg"),
        }
        runs = []
        order = [(rep, model, loss, th, tool) for rep in range(1, repeats + 1) for model in args.models
                 for loss in args.losses for th in args.threads for tool in args.tools]
        total = sum(1 for (_, _, loss, _, tool) in order if loss in TOOL_LOSSES[tool])
        done = 0

        def save():
            medians = summarize(runs, settings_order)
            ratios = compute_ratios(medians)
            with open(os.path.join(out_dir, "results.json"), "w") as f:
                json.dump({"meta": {**meta, "svg": os.path.basename(meta["svg"])}, "medians": medians,
                           "ratios": ratios, "runs": runs}, f, indent=1)
            return medians, ratios

        for rep, model, loss, th, tool in order:
            run = {"id": f"r{rep}-{tool}-{model}-{loss}-t{th}", "rep": rep, "tool": tool,
                   "model": model, "loss": loss, "threads": th}
            if loss not in TOOL_LOSSES[tool]:
                continue
            runs.append(run)
            done += 1
            if tool == "w2v" and not w2v:
                run.update(status="failed", error="w2v binary not available", stderr_tail=tail(w2v_error))
                log(f"[{done}/{total}] {run['id']}: failed (no w2v binary)")
                save()
                continue
            vec_prefix = os.path.join(vec_dir, run["id"])
            cmd, vec_path, binary, extra = build_command(tool, model, loss, th, inputs, vec_prefix, w2v)
            env = dict(os.environ, OMP_NUM_THREADS=str(th), OPENBLAS_NUM_THREADS="1",
                       MKL_NUM_THREADS="1", PYTHONHASHSEED="0")
            log(f"[{done}/{total}] {run['id']}: {shlex.join(cmd)}")
            if run_one(run, cmd, vec_path, extra, logs_dir, env, args.timeout):
                run["words_per_sec_per_thread"] = tokens * SETTINGS["epochs"] / run["wall_s"] / th
                evaluate(run, evaluator, w2v, vec_path, binary, files, args.timeout)
                e = run["eval"]
                quality = (f"analogy {fmt(e.get('analogy_total'), '.1%')}, WS-353 {fmt(e.get('ws353_rho'), '.3f')}, "
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

        medians, ratios = save()
        write_svg(meta["svg"], medians, f"Analogy accuracy against speed — {os.path.basename(corpus)}, "
                  f"{meta['machine'].get('cpu')}, {meta['date'][:10]}")
        write_markdown(os.path.join(out_dir, "results.md"), meta, medians, ratios, runs)
        print()
        for r in ratios:
            print(ratio_line(r))
        if not ratios:
            print("no setting has both a w2v and a peer result")
        n_failed = sum(1 for r in runs if r["status"] == "failed")
        log(f"{len(runs)} runs, {n_failed} failed; wrote {display_path(os.path.join(out_dir, 'results.md'))}, "
            f"results.json, {os.path.basename(meta['svg'])}")
        return 1 if n_failed else 0
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
        if not args.keep_vectors:
            try:
                os.rmdir(vec_dir)
            except OSError:
                pass


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit("bench: interrupted (results.json holds the runs finished so far)")
