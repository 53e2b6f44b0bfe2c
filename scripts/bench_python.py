#!/usr/bin/python3
"""Trains the same vectors with the w2v command, the Python module and gensim, and compares them.

Each run trains on CORPUS with the same settings and threads (skip-gram by default, with the
settings of scripts/bench.py: dim 100, window 5, negative 5, sample 1e-4, min-count 5, 5 epochs,
alpha 0.025). Reported per tool, as the median of --repeats runs:

- end-to-end seconds: reading the corpus, training and writing the binary vectors (the command:
  its whole process; the module and gensim: the calls, in this process), in wall-clock time and
  in CPU time (all threads; on a busy machine the CPU time is the steadier measure);
- words/sec: corpus words x epochs / end-to-end wall seconds, words per CPU second, and for w2v
  the training phase's own rate (the command's closing line; the module's TrainSummary);
- quality by w2v's library: analogy accuracy (questions-words.txt, the 30000 most frequent
  words, as `w2v eval`) and Spearman's rho on WordSim-353.

Then the ratios: module / command (the issue asks for at least 0.95) and module / gensim.

Usage: scripts/bench_python.py [--corpus ../shared/corpora/wiki1m.txt.gz] [--threads 2] [--repeats 3]
"""

import argparse
import gzip
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SETTINGS = dict(dim=100, window=5, negative=5, sample=1e-4, min_count=5, epochs=5)
ALPHA = {"sg": 0.025, "cbow": 0.05}


def parse_arguments():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpora", "wiki1m.txt.gz"))
    p.add_argument("--model", choices=["sg", "cbow"], default="sg")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--repeats", type=int, default=3, help="runs of the command and the module, alternating")
    p.add_argument("--gensim-repeats", type=int, default=1, help="gensim runs (0: none)")
    p.add_argument("--build", default=os.path.join(ROOT, "build"),
                   help="a build with -DW2V_PYTHON=ON: its w2v and python/ are used")
    p.add_argument("--eval-dir", default=os.path.join(ROOT, "..", "shared", "data", "eval"))
    p.add_argument("--json", help="also write the results here")
    return p.parse_args()


def cpu_seconds(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


class Clock:
    """Wall and CPU seconds of what runs in its `with` block, in this process or (children=True) its children."""

    def __init__(self, children=False):
        self.who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF

    def __enter__(self):
        self.wall, self.cpu = time.monotonic(), cpu_seconds(self.who)
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.monotonic() - self.wall, cpu_seconds(self.who) - self.cpu


def corpus_words(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rb") as text:
        return sum(len(line.split()) for line in text)


def run_command(w2v_binary, args, output):
    command = [w2v_binary, "train", "--input", args.corpus, "--output", output, "--binary", "--model", args.model,
               "--alpha", repr(ALPHA[args.model]), "--threads", str(args.threads)]
    for name, value in SETTINGS.items():
        command += [f"--{name.replace('_', '-')}", repr(value) if isinstance(value, float) else str(value)]
    with Clock(children=True) as clock:
        result = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        sys.exit(f"bench_python: w2v train failed: {result.stderr}")
    # "trained N words in S s: ..." is the training phase alone.
    trained = re.search(r"trained (\d+) words in ([\d.]+) s", result.stderr)
    return clock, int(trained.group(1)) / float(trained.group(2))


def run_module(w2v, args, output):
    with Clock() as clock:
        model = w2v.train(args.corpus, model=args.model, alpha=ALPHA[args.model], threads=args.threads,
                          progress=False, **SETTINGS)
        model.wv.save_word2vec_format(output, binary=True)
    return clock, model.summary.words / model.summary.seconds


def run_gensim(args, output):
    from gensim.models import Word2Vec
    from gensim.models.word2vec import LineSentence

    plain = args.corpus
    if open(plain, "rb").read(2) == b"\x1f\x8b":  # LineSentence reads .gz by name; give it a name it knows
        plain = os.path.join(os.path.dirname(output), "corpus.txt.gz")
        if not os.path.exists(plain):
            os.symlink(os.path.abspath(args.corpus), plain)
    with Clock() as clock:
        model = Word2Vec(LineSentence(plain), sg=1 if args.model == "sg" else 0, vector_size=SETTINGS["dim"],
                         window=SETTINGS["window"], negative=SETTINGS["negative"], sample=SETTINGS["sample"],
                         min_count=SETTINGS["min_count"], epochs=SETTINGS["epochs"], alpha=ALPHA[args.model],
                         min_alpha=ALPHA[args.model] * 1e-4, workers=args.threads)
        model.wv.save_word2vec_format(output, binary=True)
    return clock, None


def quality(w2v, path, eval_dir):
    wv = w2v.load(path)
    analogy, _ = wv.evaluate_word_analogies(os.path.join(eval_dir, "questions-words.txt"), restrict_vocab=30000)
    _, spearman, _ = wv.evaluate_word_pairs(os.path.join(eval_dir, "wordsim353.tsv"))
    return analogy, spearman.correlation


def main():
    args = parse_arguments()
    sys.path.insert(0, os.path.join(args.build, "python"))
    import w2v

    words = corpus_words(args.corpus) * SETTINGS["epochs"]
    runs = {"command": [], "module": [], "gensim": []}
    with tempfile.TemporaryDirectory() as scratch:
        for repeat in range(args.repeats):
            for tool in ("command", "module"):
                output = os.path.join(scratch, f"{tool}{repeat}.bin")
                clock, training_rate = (run_command(os.path.join(args.build, "w2v"), args, output) if tool == "command"
                                        else run_module(w2v, args, output))
                runs[tool].append(dict(seconds=clock.wall, cpu=clock.cpu, training_rate=training_rate,
                                       quality=quality(w2v, output, args.eval_dir)))
                print(f"{tool} run {repeat + 1}: {clock.wall:.2f} s, {clock.cpu:.2f} CPU s", file=sys.stderr)
        for repeat in range(args.gensim_repeats):
            output = os.path.join(scratch, f"gensim{repeat}.bin")
            clock, _ = run_gensim(args, output)
            runs["gensim"].append(dict(seconds=clock.wall, cpu=clock.cpu, training_rate=None,
                                       quality=quality(w2v, output, args.eval_dir)))
            print(f"gensim run {repeat + 1}: {clock.wall:.2f} s, {clock.cpu:.2f} CPU s", file=sys.stderr)

    summary = {}
    print(f"corpus {args.corpus}: {words // SETTINGS['epochs']} words; {args.model}, {args.threads} threads, "
          f"settings {SETTINGS}, alpha {ALPHA[args.model]}")
    print(f"{'':8} {'runs':>4} {'seconds':>8} {'CPU s':>8} {'words/sec':>10} {'words/CPU s':>11} "
          f"{'training words/sec':>19} {'analogy':>8} {'WS-353':>7}")
    for tool, results in runs.items():
        if not results:
            continue
        seconds = statistics.median(r["seconds"] for r in results)
        cpu = statistics.median(r["cpu"] for r in results)
        rates = [r["training_rate"] for r in results if r["training_rate"]]
        training = statistics.median(rates) if rates else None
        analogy = statistics.median(r["quality"][0] for r in results)
        rho = statistics.median(r["quality"][1] for r in results)
        summary[tool] = dict(runs=len(results), seconds=seconds, cpu_seconds=cpu, words_per_sec=words / seconds,
                             words_per_cpu_sec=words / cpu, training_words_per_sec=training, analogy=analogy,
                             wordsim353=rho)
        print(f"{tool:8} {len(results):4} {seconds:8.2f} {cpu:8.2f} {words / seconds:10.0f} {words / cpu:11.0f} "
              f"{f'{training:.0f}' if training else '–':>19} {100 * analogy:7.2f}% {rho:7.4f}")

    def ratios(a, b):
        return (f"{a['words_per_sec'] / b['words_per_sec']:.3f} words/sec, "
                f"{a['words_per_cpu_sec'] / b['words_per_cpu_sec']:.3f} words/CPU s")

    module, command = summary["module"], summary["command"]
    print(f"module / command: {ratios(module, command)}, "
          f"{module['training_words_per_sec'] / command['training_words_per_sec']:.3f} training phase")
    if "gensim" in summary:
        print(f"module / gensim: {ratios(module, summary['gensim'])}")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(dict(corpus=args.corpus, model=args.model, threads=args.threads, settings=SETTINGS,
                           alpha=ALPHA[args.model], results=summary), out, indent=2)


if __name__ == "__main__":
    main()
