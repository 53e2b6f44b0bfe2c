"""Where the harness finds the repository, the shared corpora and data, and the peers."""
import os

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
SCRIPT_DIR = os.path.dirname(PACKAGE_DIR)
REPO = os.path.dirname(SCRIPT_DIR)
SHARED = os.path.join(os.path.dirname(REPO), "shared")  # ../shared beside the repo root
CORPORA_DIR = os.path.join(SHARED, "corpora")
EVAL_DIR = os.path.join(SHARED, "data", "eval")
GENSIM_DRIVER = os.path.join(SCRIPT_DIR, "bench_gensim.py")
TIME = "/usr/bin/time"
FASTTEXT = "/usr/bin/fasttext"
PYTHON = "/usr/bin/python3"


def display_path(p):
    """Paths in the reports: relative to the repo when beside it (../shared/...)."""
    rel = os.path.relpath(os.path.abspath(p), REPO)
    return rel if not rel.startswith("../../") else os.path.abspath(p)
