#!/usr/bin/python3
"""Train gensim Word2Vec once, for the benchmark harness (scripts/bench.sh, scripts/bench/).

Run as its own process (under /usr/bin/time -v) so that gensim's whole-process wall time and peak
RSS are measured exactly like the w2v and fastText binaries. Reads the corpus through LineSentence
(gensim's corpus_file mode mis-trains one-line corpora in gensim 4.2) and saves the vectors in
binary word2vec format.
"""
import argparse
import logging
import sys
import time


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--input", required=True, help="plain-text corpus, read with LineSentence")
    p.add_argument("--output", required=True, help="vectors file (binary word2vec format)")
    p.add_argument("--model", choices=["sg", "cbow"], required=True)
    p.add_argument("--loss", choices=["ns", "hs"], required=True)
    p.add_argument("--dim", type=int, default=100)
    p.add_argument("--window", type=int, default=5)
    p.add_argument("--negative", type=int, default=5)
    p.add_argument("--sample", type=float, default=1e-4)
    p.add_argument("--min-count", type=int, default=5)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--alpha", type=float, required=True)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=1, help="gensim's seed (default: gensim's, 1)")
    p.add_argument("--max-final-vocab", type=int, default=None,
                   help="keep at most N words (gensim raises min_count until they fit)")
    a = p.parse_args()

    logging.basicConfig(format="%(asctime)s %(levelname)s %(message)s", level=logging.WARNING)
    import gensim
    from gensim.models import Word2Vec, word2vec
    from gensim.models.word2vec import LineSentence

    fast = getattr(word2vec, "FAST_VERSION", -1)
    if fast is None or fast < 0:
        print("bench_gensim: gensim's compiled routines are missing (FAST_VERSION < 0): "
              "its timings would be meaningless", file=sys.stderr)
        return 3

    t0 = time.monotonic()
    hs = a.loss == "hs"
    model = Word2Vec(
        LineSentence(a.input),
        vector_size=a.dim,
        window=a.window,
        negative=0 if hs else a.negative,
        hs=1 if hs else 0,
        sample=a.sample,
        min_count=a.min_count,
        epochs=a.epochs,
        alpha=a.alpha,
        min_alpha=a.alpha * 1e-4,
        workers=a.threads,
        sg=1 if a.model == "sg" else 0,
        seed=a.seed,
        max_final_vocab=a.max_final_vocab,
    )
    t1 = time.monotonic()
    model.wv.save_word2vec_format(a.output, binary=True)
    t2 = time.monotonic()
    print(f"gensim {gensim.__version__} FAST_VERSION={fast} vocab={len(model.wv)} "
          f"train_s={t1 - t0:.2f} save_s={t2 - t1:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
