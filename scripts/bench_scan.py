#!/usr/bin/env python3
"""Measures the corpus scan of `w2v train` (the vocabulary pass: --save-vocab without --output).

  scripts/bench_scan.py speed CORPUS [--repeats 3]
      wall time of the vocabulary pass with 1 and 2 threads (a gzip corpus is decompressed to
      a temporary plain file first: gzip is always read by one thread); the vocabularies must
      be identical.
  scripts/bench_scan.py memory [--distinct 20000000] [--budget 256]
      peak RSS of the vocabulary pass on a generated corpus with DISTINCT words that occur once
      and 1000 words with known counts, under --scan-memory BUDGET; checks that the counts
      written are exactly the known ones (a word counted twice, or lost, shows).

Reports one line per run; the numbers go to docs/scaling.md.
"""
import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd):
    """Runs cmd; returns (wall seconds, CPU seconds, peak RSS MiB), failing loudly on a non-zero exit."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    err = proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench_scan: {' '.join(cmd)} failed:\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def load():
    return open("/proc/loadavg").read().split()[0]


def speed(args, w2v, work):
    corpus = args.corpus
    if open(corpus, "rb").read(2) == b"\x1f\x8b":
        plain = os.path.join(work, "corpus.txt")
        with gzip.open(corpus, "rb") as src, open(plain, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        corpus = plain
    times = {1: [], 2: []}
    for r in range(args.repeats):
        for threads in (1, 2):  # alternated, so that load changes hit both alike
            vocab = os.path.join(work, f"vocab{threads}.txt")
            wall, cpu, rss = run([w2v, "train", "--quiet", "--input", corpus, "--save-vocab", vocab,
                                  "--threads", str(threads)])
            times[threads].append(wall)
            print(f"threads {threads} run {r + 1}: {wall:.2f} s wall, {cpu:.2f} s CPU, peak RSS {rss:.0f} MiB, "
                  f"load {load()}")
    same = open(os.path.join(work, "vocab1.txt"), "rb").read() == open(os.path.join(work, "vocab2.txt"), "rb").read()
    best1, best2 = min(times[1]), min(times[2])
    med1, med2 = statistics.median(times[1]), statistics.median(times[2])
    print(f"best: 1 thread {best1:.2f} s, 2 threads {best2:.2f} s, ratio {best2 / best1:.2f}; "
          f"median: {med1:.2f} s, {med2:.2f} s, ratio {med2 / med1:.2f}; "
          f"vocabularies {'identical' if same else 'DIFFER'}")
    return 0 if same else 1


def memory(args, w2v, work):
    corpus = os.path.join(work, "distinct.txt")
    # Word u<k> once for every k (in a scrambled order), and f<j> (j < 1000) 2 + j times, spread out.
    n, prime = args.distinct, 2_147_483_647
    frequent = {f"f{j}": 2 + j for j in range(1000)}
    pending = [w for w, c in frequent.items() for _ in range(c)]
    every = max(1, n // len(pending))
    with open(corpus, "w") as out:
        line = []
        for i in range(n):
            line.append(f"u{(i * 48271) % prime % (4 * n)}_{i}")
            if i % every == 0 and pending:
                line.append(pending.pop())
            if len(line) >= 1000:
                out.write(" ".join(line) + "\n")
                line = []
        line.extend(pending)
        out.write(" ".join(line) + "\n")
    size = os.path.getsize(corpus) / 1e6
    vocab = os.path.join(work, "vocab.txt")
    wall, _, rss = run([w2v, "train", "--quiet", "--input", corpus, "--save-vocab", vocab, "--min-count", "2",
                     "--scan-memory", str(args.budget)])
    counts = {}
    with open(vocab) as f:
        next(f)  # </s> lines
        for row in f:
            word, count = row.split()
            counts[word] = int(count)
    exact = counts == frequent
    print(f"{n + sum(frequent.values())} words, {n + len(frequent)} distinct, {size:.0f} MB of text; "
          f"--scan-memory {args.budget}: {wall:.1f} s, peak RSS {rss:.0f} MiB "
          f"(budget + 64 = {args.budget + 64} MiB), load {load()}; counts {'exact' if exact else 'WRONG'}")
    return 0 if exact and rss <= args.budget + 64 else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--w2v", default=os.path.join(ROOT, "build", "w2v"))
    parser.add_argument("--tmp-dir", default=None, help="where to put the plain or generated corpus")
    sub = parser.add_subparsers(dest="what", required=True)
    s = sub.add_parser("speed")
    s.add_argument("corpus")
    s.add_argument("--repeats", type=int, default=3)
    m = sub.add_parser("memory")
    m.add_argument("--distinct", type=int, default=20_000_000)
    m.add_argument("--budget", type=int, default=256)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="w2v-bench-scan-", dir=args.tmp_dir)
    try:
        return speed(args, args.w2v, work) if args.what == "speed" else memory(args, args.w2v, work)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    sys.exit(main())
