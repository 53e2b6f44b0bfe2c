#!/usr/bin/env python3
"""The work of one trained word in each mode, from a vocabulary's counts.

Usage: scripts/bounds-model.py VOCAB [--sample 1e-4] [--window 5] [--negative 5]
       [--dim 100] [--max-sentence 1000]

VOCAB is `w2v train --save-vocab` output ("</s> N" then "word count" lines,
most frequent first). Prints, per trained word (a corpus word kept by
subsampling and used as a center): the FLOPs of the step as
include/w2v/train/row_kernels.h computes it, the rows it touches, and which
share of those touches falls outside the hottest rows that fit in a cache of a
given size (an ideal cache that keeps the most used rows). docs/bounds.md
explains the model and uses the numbers.
"""
import argparse
import math

ROW_BYTES = 448  # a row of 100 floats padded to 112 (64-byte lines): 7 lines


def read_counts(path):
    counts = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            word, count = line.rsplit(" ", 1)
            if n == 0 and word == "</s>":
                continue
            counts.append(int(count))
    return counts


def huffman(counts):
    """Inner-node paths as src/train/huffman_tree.cpp builds them (two cursors)."""
    n = len(counts)
    weight = [max(c, 1) for c in counts] + [0] * (n - 1)
    parent = [0] * (2 * n - 1)
    leaf, inner = n - 1, n

    def take(created):
        nonlocal leaf, inner
        if leaf >= 0 and (inner >= created or weight[leaf] < weight[inner]):
            leaf -= 1
            return leaf + 1
        inner += 1
        return inner - 1

    for a in range(n - 1):
        created = n + a
        first, second = take(created), take(created)
        weight[created] = weight[first] + weight[second]
        parent[first] = parent[second] = created
    root = 2 * n - 2
    depth = [0] * (2 * n - 1)
    for node in range(root - 1, -1, -1):  # parents are created after children
        depth[node] = depth[parent[node]] + 1
    return parent, depth[:n], root


def miss_share(rates, capacity_rows):
    """Share of row touches outside the `capacity_rows` most touched rows."""
    ordered = sorted(rates, reverse=True)
    total = sum(ordered)
    return sum(ordered[capacity_rows:]) / total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("vocab")
    ap.add_argument("--sample", type=float, default=1e-4)
    ap.add_argument("--window", type=int, default=5)
    ap.add_argument("--negative", type=int, default=5)
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--max-sentence", type=int, default=1000)
    args = ap.parse_args()

    counts = read_counts(args.vocab)
    V, total = len(counts), sum(counts)
    threshold = args.sample * total
    keep = [min(1.0, (math.sqrt(c / threshold) + 1) * threshold / c) if args.sample > 0 else 1.0 for c in counts]
    kept = sum(c * k for c, k in zip(counts, keep))
    q = [c * k / kept for c, k in zip(counts, keep)]  # distribution of trained words
    noise_w = [c**0.75 for c in counts]
    noise_total = sum(noise_w)
    noise = [w / noise_total for w in noise_w]

    # Context size: reach uniform in 1..window on each side, cut at the ends
    # of a sentence of L kept words: sum over positions of E[max(0, r - i)] =
    # E[r (r + 1) / 2] per end.
    L = args.max_sentence * kept / total
    reaches = range(1, args.window + 1)
    mean_reach = sum(reaches) / args.window
    lost_per_end = sum(r * (r + 1) / 2 for r in reaches) / args.window
    ctx = 2 * mean_reach - 2 * lost_per_end / L

    parent, depth, root = huffman(counts)
    path_q = sum(qi * d for qi, d in zip(q, depth))
    path_counts = sum(c * d for c, d in zip(counts, depth)) / total
    # How often each inner node is on a trained word's path.
    node_rate = [0.0] * (2 * V - 1)
    for w in range(V):
        node_rate[w] = q[w]
    for node in range(0, 2 * V - 2):  # children before parents: accumulate upwards
        node_rate[parent[node]] += node_rate[node]
    inner_rate = node_rate[V:]

    d, m_ns = args.dim, args.negative + 1
    print(f"vocabulary {V:,} words, {total:,} tokens; sample {args.sample:g} keeps {kept:,.0f} "
          f"({100 * kept / total:.1f}%) per epoch")
    print(f"kept sentence length {L:.0f}; mean context size {ctx:.4f} (2 x {mean_reach:g} minus sentence ends)")
    print(f"hs path length: {path_q:.3f} inner nodes per trained word (counts-weighted: {path_counts:.3f}); "
          f"max {max(depth)}")

    # FLOPs (a multiply-add = 2) per trained word, from row_kernels.h:
    # scores n m d FMAs; update 2 n m d (dh, do) + m d (output rows) + n d
    # (hidden rows, sg). CBOW adds the mean (ctx d adds + d multiplies) and
    # the spread (d multiplies + ctx d subtractions).
    def sg(m):
        return 2 * (3 * ctx * m * d + (ctx + m) * d)

    def cbow(m):
        return 2 * (3 * m * d + m * d) + (ctx * d + d) + (d + ctx * d)

    modes = {
        "sg ns": (sg(m_ns), ctx, m_ns),
        "sg hs": (sg(path_q), ctx, path_q),
        "cbow ns": (cbow(m_ns), ctx, m_ns),
        "cbow hs": (cbow(path_q), ctx, path_q),
    }
    caches = [("L2 1 MiB", 1 << 20), ("16 MiB (half L3)", 16 << 20), ("L3 32 MiB", 32 << 20)]
    print()
    print("mode     FLOPs/word  input rows  output rows  row bytes r+w  | share of row touches outside the hottest rows that fit in:")
    print("                                                              | " + "  ".join(f"{name:>16}" for name, _ in caches))
    for mode, (flops, n_in, n_out) in modes.items():
        # Touch rates per row, per trained word: input rows are the context
        # words (drawn from q); output rows are the target (q) and the noise
        # words, or the target's path nodes.
        inputs = [n_in * qi for qi in q]
        if mode.endswith("ns"):
            outputs = [qi + args.negative * p for qi, p in zip(q, noise)]
        else:
            outputs = inner_rate
        rates = inputs + outputs
        touches = n_in + n_out
        shares = [miss_share(rates, size // ROW_BYTES) for _, size in caches]
        print(f"{mode:8} {flops:10,.0f}  {n_in:10.2f}  {n_out:11.2f}  {touches * 2 * 4 * d:13,.0f}  | "
              + "  ".join(f"{100 * s:15.1f}%" for s in shares))
        print(f"         rows touched outside {caches[0][0]}: {touches * shares[0]:.2f}, outside {caches[1][0]}: "
              f"{touches * shares[1]:.2f}, outside {caches[2][0]}: {touches * shares[2]:.2f} per trained word")


if __name__ == "__main__":
    main()
