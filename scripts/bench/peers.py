"""The peers (Debian packages) and the w2v binary: finding them, installing or building them."""
import importlib
import os
import shlex
import shutil
import subprocess
import sys

from .paths import FASTTEXT, REPO, TIME
from .util import log, read_text, tail

# Debian packages the peers come from, and how to tell that each is there.
PEERS = {
    "time": lambda: os.access(TIME, os.X_OK),
    "fasttext": lambda: os.access(FASTTEXT, os.X_OK),
    "python3-gensim": lambda: importable("gensim"),
}
BUILD_PACKAGES = ["cmake", "g++", "libeigen3-dev", "libcxxopts-dev", "zlib1g-dev", "doctest-dev"]


def importable(module):
    importlib.invalidate_caches()  # a package apt-get has just installed
    try:
        __import__(module)
        return True
    except ImportError:
        return False


def ensure_peers(kinds, evaluator, install):
    """Installs the missing Debian packages that the tools of these kinds and the evaluator need
    (as root), else prints the apt-get line and exits."""
    needed = ["time"]
    if "fasttext" in kinds:
        needed.append("fasttext")
    if "gensim" in kinds or evaluator in ("auto", "gensim"):
        needed.append("python3-gensim")
    missing = [p for p in needed if not PEERS[p]()]
    if not missing:
        return
    line = "apt-get update && apt-get install -y " + " ".join(missing)
    if not install or os.geteuid() != 0:
        sys.exit(f"bench: missing peers: {', '.join(missing)}. Install them (as root) with:\n  {line}")
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
