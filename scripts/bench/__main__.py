"""`python3 -m bench` (with scripts/ on PYTHONPATH), as scripts/bench.sh runs it."""
import os
import shlex
import signal
import sys

from .cli import parse_args
from .evaluate import EvalFormatError
from .paths import PYTHON, SCRIPT_DIR
from .peers import importable
from .suite import run


def main():
    # gensim is Debian's (python3-gensim): run under its Python even when started with another
    # python3 first on PATH.
    if (not importable("gensim") and os.access(PYTHON, os.X_OK)
            and os.path.realpath(sys.executable) != os.path.realpath(PYTHON)):
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [SCRIPT_DIR, os.environ.get("PYTHONPATH")]))
        os.execv(PYTHON, [PYTHON, "-m", "bench", *sys.argv[1:]])
    args = parse_args()

    def terminate(signum, _frame):  # end the running trainer and clean up, as on ^C
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGHUP, terminate)
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:  # started in the background by a script
        signal.signal(signal.SIGINT, signal.default_int_handler)

    # scripts/bench.sh names itself (as typed) in BENCH_ARGV0, for the command line in the report.
    argv0 = shlex.quote(os.environ["BENCH_ARGV0"]) if "BENCH_ARGV0" in os.environ else "python3 -m bench"
    return run(args, " ".join([argv0, shlex.join(sys.argv[1:])]).rstrip())


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit("bench: interrupted (results.json holds the runs finished so far)")
    except EvalFormatError as e:
        sys.exit(f"bench: {e}")
