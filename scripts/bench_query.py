#!/usr/bin/python3
"""Times w2v's query commands against gensim on one vectors file.

Measures, each as the median of --repeats runs:
  - load: `w2v neighbors VECTORS WORD -k 1` as a whole process (load + one query),
  - query: the time per query of 1000 neighbour queries piped to one `w2v neighbors` process,
    after subtracting the single-query run (so: matrix work per query, not loading),
  - eval: `w2v eval` on the Google analogies, WordSim-353 and SimLex-999 (whole process),
  - gensim: load_word2vec_format, then evaluate_word_analogies(restrict_vocab=30000,
    case_insensitive=True) and evaluate_word_pairs on both similarity files, timed in-process.
Prints a Markdown table. Usage:
  scripts/bench_query.py VECTORS.bin [--w2v build/w2v] [--eval-dir ../shared/data/eval]
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(command, stdin=None, repeats=3):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=True, text=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def gensim_eval(vectors, binary, eval_dir):
    from gensim.models import KeyedVectors
    start = time.perf_counter()
    kv = KeyedVectors.load_word2vec_format(vectors, binary=binary)
    loaded = time.perf_counter()
    kv.evaluate_word_analogies(os.path.join(eval_dir, "questions-words.txt"), restrict_vocab=30000,
                               case_insensitive=True)
    for name in ("wordsim353.tsv", "simlex999.txt"):
        kv.evaluate_word_pairs(os.path.join(eval_dir, name), restrict_vocab=300000, case_insensitive=True)
    done = time.perf_counter()
    return loaded - start, done - loaded, kv.index_to_key


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("vectors")
    parser.add_argument("--w2v", default=os.path.join(REPO, "build", "w2v"))
    parser.add_argument("--eval-dir", default=os.path.join(os.path.dirname(REPO), "shared", "data", "eval"))
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with open(args.vectors, "rb") as f:
        header = f.readline()
        first = f.read(200)
    # word2vec binary rows hold raw float32 bytes after the word: control and non-ASCII bytes.
    sample = first.split(b" ", 1)[-1][:40]
    binary = any((b < 32 and b not in (9, 10, 13)) or b > 126 for b in sample)

    gensim_load, gensim_eval_s, words = gensim_eval(args.vectors, binary, args.eval_dir)
    probe = words[100]
    queries = "\n".join(words[i % 5000] for i in range(1000)) + "\n"
    load = timed([args.w2v, "neighbors", args.vectors, probe, "-k", "1"], repeats=args.repeats)
    batch = timed([args.w2v, "neighbors", args.vectors, "-k", "10"], stdin=queries, repeats=args.repeats)
    per_query = max(batch - load, 0) / 1000
    eval_files = ["--analogies", os.path.join(args.eval_dir, "questions-words.txt"), "--similarity",
                  os.path.join(args.eval_dir, "wordsim353.tsv"), os.path.join(args.eval_dir, "simlex999.txt")]
    evaluation = timed([args.w2v, "eval", args.vectors] + eval_files, repeats=args.repeats)

    print(f"vectors: {args.vectors} ({header.decode().strip()}, {'binary' if binary else 'text'})\n")
    print("| step | w2v | gensim 4.2 |")
    print("|---|---:|---:|")
    print(f"| load (w2v: whole `neighbors` process with one query) | {load:.3f} s | {gensim_load:.3f} s |")
    print(f"| one `neighbors` query, k=10 (1000 piped queries) | {per_query * 1000:.2f} ms | |")
    print(f"| eval: 19,544 analogies + WordSim-353 + SimLex-999 (w2v: whole process) "
          f"| {evaluation:.2f} s | {gensim_eval_s:.2f} s (+ load) |")
    print(f"\ncommand: {' '.join(sys.argv)}")


if __name__ == "__main__":
    main()
