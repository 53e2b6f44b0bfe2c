#!/usr/bin/env python3
"""Distributed against threaded training on one machine: for each model, 1 process × 2 threads
(`w2v train --threads 2`) and 2 processes × 1 thread (`mpirun -np 2 w2v train --threads 1`), with
the benchmark settings of docs/benchmarks.md, evaluated with `w2v eval --json` (analogies,
WordSim-353). Needs a build with -DW2V_MPI=ON.

  scripts/bench_mpi.py CORPUS [--models sg,cbow] [--seeds 1,2,3] [--repeats 1] [--sync-every N]
                       [--sync-all-every N] [--mpirun-args "ARGS" ...] [--eval-dir ../shared/data/eval]

The 2-process runs use `mpirun --allow-run-as-root --oversubscribe -np 2` with Open MPI's own
defaults otherwise (with 2 ranks: each bound to a core, busy-polling while it waits), as a user
would type it. Each --mpirun-args value adds a 2-process configuration with those extra mpirun
arguments, run in the same rotation (e.g. --mpirun-args "" --mpirun-args "--bind-to none --mca
mpi_yield_when_idle 1", which shared, loaded machines may need).

A gzip corpus is decompressed to a temporary plain file first (MPI ranks read a plain file), and
both configurations read that file. The two configurations alternate (1 × 2, 2 × 1, 1 × 2, ...),
so that a change of load on a shared machine hits both alike; each run's time is given with the
load average (/proc/loadavg) before and after it, and the ratio of the median times. With one
thread a rank is deterministic, so the 2-process scores of a seed repeat exactly: compare
medians over seeds (--seeds), not repeats. Prints a Markdown table for docs/scaling.md.
"""
import argparse
import gzip
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from bench.machine import caches_text, machine_info

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SETTINGS = ["--dim", "100", "--window", "5", "--negative", "5", "--sample", "1e-4", "--min-count", "5",
            "--epochs", "5", "--binary", "--quiet"]
# Open MPI's defaults, as a user runs it. Until 2026-11-29 this script passed --bind-to none --mca
# mpi_yield_when_idle 1, chosen under a load of 10 (a pinned rank cannot leave a busy core). On a
# quiet machine a yielding rank gives up the core at every fragment of the shared-memory transfer
# (MPI_Allreduce of 4 MB: 1.9 ms against 1.2 ms), though side by side on wiki17m the two flag sets
# gave the same wall times within the host's noise (docs/scaling.md).
MPIRUN = ["mpirun", "--allow-run-as-root", "--oversubscribe"]


def load():
    return open("/proc/loadavg").read().split()[0]


def train(cmd):
    start = time.monotonic()
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"bench_mpi: {' '.join(cmd)} failed:\n{result.stderr}")
    return time.monotonic() - start


def evaluate(w2v, vectors, eval_dir):
    out = subprocess.run([w2v, "eval", vectors, "--analogies", os.path.join(eval_dir, "questions-words.txt"),
                          "--similarity", os.path.join(eval_dir, "wordsim353.tsv"), "--json"],
                         capture_output=True, text=True, check=True).stdout
    report = json.loads(out)
    return 100 * report["analogies"]["total"]["accuracy"], report["similarity"][0]["spearman"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus")
    parser.add_argument("--w2v", default=os.path.join(ROOT, "build", "w2v"))
    parser.add_argument("--models", default="sg,cbow")
    parser.add_argument("--seeds", default="1", help="comma-separated --seed values, each run of both configurations")
    parser.add_argument("--repeats", type=int, default=1, help="runs of each configuration and seed, alternated")
    parser.add_argument("--sync-every", default=None, help="passed to the 2-process runs")
    parser.add_argument("--sync-all-every", default=None, help="passed to the 2-process runs")
    parser.add_argument("--mpirun-args", action="append", default=None,
                        help="extra mpirun arguments for a 2-process configuration (repeatable: one configuration each)")
    parser.add_argument("--eval-dir", default=os.path.join(ROOT, "..", "shared", "data", "eval"))
    parser.add_argument("--tmp-dir", default=None)
    args = parser.parse_args()
    variants = args.mpirun_args if args.mpirun_args is not None else [""]
    info = machine_info()
    print(f"machine: {info['cpu']} ({info['cpu_id']}), {info['cpus']} CPUs, {' '.join(info['simd'])}; "
          f"{caches_text(info['caches'])}; load average at start {info['load_avg_at_start'][0]:.2f}")
    work = tempfile.mkdtemp(prefix="w2v-bench-mpi-", dir=args.tmp_dir)
    try:
        corpus = args.corpus
        if open(corpus, "rb").read(2) == b"\x1f\x8b":
            corpus = os.path.join(work, "corpus.txt")
            with gzip.open(args.corpus, "rb") as src, open(corpus, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        rows = []
        summary = []
        for model in args.models.split(","):
            sync = ((["--sync-every", args.sync_every] if args.sync_every else []) +
                    (["--sync-all-every", args.sync_all_every] if args.sync_all_every else []))
            runs = {"1 × 2": [args.w2v, "train", "--threads", "2"]}
            for extra in variants:
                label = "2 × 1" + (f" [{extra}]" if extra else "")
                runs[label] = MPIRUN + shlex.split(extra) + ["-np", "2", args.w2v, "train", "--threads", "1"] + sync
            results = {label: [] for label in runs}
            for seed in args.seeds.split(","):
                for repeat in range(args.repeats):
                    for label, cmd in runs.items():
                        vectors = os.path.join(work, f"{model}.bin")
                        before = load()
                        wall = train(cmd + ["--input", corpus, "--output", vectors, "--model", model, "--seed", seed] +
                                     SETTINGS)
                        analogy, ws353 = evaluate(args.w2v, vectors, args.eval_dir)
                        after = load()
                        results[label].append((wall, analogy, ws353))
                        rows.append((model, label, seed, repeat + 1, wall, analogy, ws353, before, after))
                        print(f"{model} {label} seed {seed} run {repeat + 1}: {wall:.1f} s, analogy {analogy:.2f}%, "
                              f"WS-353 {ws353:.3f}, load {before} -> {after}", file=sys.stderr)
            one = results["1 × 2"]
            med = lambda values: statistics.median(values)
            for label, two in results.items():
                if label == "1 × 2":
                    continue
                summary.append((f"{model}, {label}", med([r[0] for r in two]) / med([r[0] for r in one]),
                                med([r[1] for r in two]) - med([r[1] for r in one]),
                                med([r[2] for r in two]) - med([r[2] for r in one])))
        print("| model | processes × threads | seed | run | wall s | analogy % | WS-353 ρ | load avg (before, after) |")
        print("|---|---|---:|---:|---:|---:|---:|---|")
        for model, label, seed, repeat, wall, analogy, ws353, before, after in rows:
            print(f"| {model} | {label} | {seed} | {repeat} | {wall:.1f} | {analogy:.2f} | {ws353:.3f} | {before}, {after} |")
        print()
        print("| model, configuration | wall 2 × 1 / 1 × 2 (medians) | analogy Δ pts (2 × 1 − 1 × 2) | WS-353 Δ |")
        print("|---|---:|---:|---:|")
        for model, ratio, analogy, ws353 in summary:
            print(f"| {model} | {ratio:.2f} | {analogy:+.2f} | {ws353:+.3f} |")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
