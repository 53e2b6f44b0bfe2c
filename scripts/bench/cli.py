"""Benchmark w2v against gensim Word2Vec and fastText on the same corpora, with the same settings.

For every corpus, every repetition, every seed, every setting (model x loss x threads) and every
tool, in that order (round robin, so that drift of the machine hits all tools alike), it trains
vectors, measures the whole process with `/usr/bin/time -v` (wall time, peak RSS), evaluates the
vectors (Google analogies, WordSim-353, SimLex-999) and deletes them. Several w2v builds can run
side by side as tools of their own (--w2v-variant). It writes results.md, results.json and
accuracy_vs_speed.svg (one per corpus when there are several) into --out-dir; each figure is the
median over the repeats and seeds, with its range.

Examples:
    scripts/bench.sh                        # wiki17m, everything (installs missing peers first)
    scripts/bench.sh --corpus ../shared/corpora/wiki1m.txt.gz --models cbow --losses ns
    scripts/bench.sh --corpora quality --seeds 1,2,3 --threads 2     # the quality claims
    scripts/bench.sh --tools w2v --w2v-variant base=../base/build/w2v --models cbow --losses ns
    scripts/bench.sh --tools w2v --losses softmax --max-vocab 2000 --models cbow
"""
import argparse
import os

from .corpus import QUALITY_SET, parse_specs
from .paths import EVAL_DIR, REPO
from .tools import DEFAULT_LOSSES, KINDS, LOSSES, MODELS, SETTINGS, parse_variant

SMALL_CORPUS_TOKENS = 5_000_000  # below this the default is 3 repeats, else 1


def csv_list(allowed):
    def parse(text):
        items = [x.strip() for x in text.split(",") if x.strip()]
        bad = [x for x in items if x not in allowed]
        if bad or not items:
            raise argparse.ArgumentTypeError(f"choose among {','.join(allowed)}")
        return items
    return parse


def int_list(what, minimum):
    def parse(text):
        try:
            items = [int(x) for x in text.split(",") if x.strip()]
        except ValueError:
            raise argparse.ArgumentTypeError(f"a comma-separated list of {what}") from None
        if not items or min(items) < minimum:
            raise argparse.ArgumentTypeError(f"{what} must be >= {minimum}")
        return items
    return parse


def positive_int(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be >= 1")
    return value


def _checked(parse):
    """An argparse type from a parser that raises ValueError."""
    def check(text):
        try:
            return parse(text)
        except ValueError as e:
            raise argparse.ArgumentTypeError(str(e)) from None
    return check


def parse_args(argv=None):
    ap = argparse.ArgumentParser(prog="bench", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", "--corpora", dest="corpora", type=_checked(parse_specs), metavar="SPECS",
                    help="comma list of corpora, plain or .gz; a name not found as a path is looked up "
                    "in ../shared/corpora beside the repo; PATH:half1 / PATH:half2 is the first / second "
                    "half of its tokens; `quality` stands for " + ",".join(QUALITY_SET)
                    + " (default: wiki17m.txt.gz, else wiki1m.txt.gz)")
    ap.add_argument("--tools", type=csv_list(KINDS), default=list(KINDS), help="default: w2v,gensim,fasttext")
    ap.add_argument("--w2v-variant", dest="variants", action="append", default=[], metavar="LABEL=PATH",
                    type=_checked(parse_variant),
                    help="one more w2v build to run as a tool of its own, labelled LABEL (repeatable), "
                    "e.g. base=/work/base-9a9a883/build/w2v")
    ap.add_argument("--models", type=csv_list(MODELS), default=list(MODELS), help="default: sg,cbow")
    ap.add_argument("--losses", type=csv_list(LOSSES), default=list(DEFAULT_LOSSES),
                    help="ns, hs, softmax (default: ns,hs); fastText runs ns only, softmax (the exact "
                    "one, for small vocabularies) is w2v's alone")
    ap.add_argument("--threads", type=int_list("thread counts", 1), default=[1, 2], help="default: 1,2")
    ap.add_argument("--repeats", type=positive_int, help=f"runs per figure and seed (default: 3 on "
                    f"corpora below {SMALL_CORPUS_TOKENS:,} tokens, else 1)")
    ap.add_argument("--seeds", type=int_list("seeds", 0), default=None,
                    help="comma list of random seeds; each run of each tool gets one (w2v --seed, gensim "
                    "seed, fastText -seed) and the medians are over all of them (default: each tool's own "
                    "default seed)")
    ap.add_argument("--epochs", type=positive_int, default=SETTINGS["epochs"],
                    help=f"passes over the corpus, for all tools (default: {SETTINGS['epochs']})")
    ap.add_argument("--max-vocab", type=positive_int, default=None,
                    help="keep the N most frequent words: w2v --max-vocab, gensim max_final_vocab (which "
                    "raises min_count until at most N words are left); fastText has no such option and "
                    "is left out")
    ap.add_argument("--out-dir", default=os.path.join(REPO, "bench-results"),
                    help="default: bench-results/ in the repo")
    ap.add_argument("--w2v", help="w2v binary (default: build/w2v, built with CMake when missing); it "
                    "also scores the vectors of every tool")
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
    args = ap.parse_args(argv)
    labels = [label for label, _ in args.variants]
    if len(set(labels)) < len(labels):
        ap.error("--w2v-variant: each LABEL once")
    return args
