"""One measured training process: `/usr/bin/time -v` around it, its logs, its failure."""
import os
import signal
import subprocess
import time

from .paths import TIME
from .util import read_text, tail


def parse_time_v(text):
    """The figures of `/usr/bin/time -v`."""
    r = {}
    for line in text.splitlines():
        key, _, val = line.strip().rpartition(": ")
        if key.startswith("Elapsed (wall clock) time"):
            secs = 0.0
            for part in val.strip().split(":"):
                secs = secs * 60 + float(part)
            r["wall_s"] = secs
        elif key == "Maximum resident set size (kbytes)":
            r["max_rss_kb"] = int(val)
        elif key == "User time (seconds)":
            r["user_s"] = float(val)
        elif key == "System time (seconds)":
            r["sys_s"] = float(val)
        elif key == "Percent of CPU this job got":
            r["cpu_percent"] = int(val.rstrip("%")) if val.rstrip("%").isdigit() else None
    return r


def _kill_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def run_one(run, cmd, vec_path, extra_files, logs_dir, env, timeout):
    """Runs one training under /usr/bin/time -v; fills `run` with its numbers or its failure."""
    base = os.path.join(logs_dir, run["id"])
    time_file, out_file, err_file = base + ".time", base + ".stdout", base + ".stderr"
    run.update(cmd=cmd, log=os.path.relpath(err_file, os.path.dirname(logs_dir)))
    for p in [vec_path, *extra_files]:
        if os.path.exists(p):
            os.remove(p)
    t0 = time.monotonic()
    timed_out = False
    try:
        with open(out_file, "wb") as out, open(err_file, "wb") as err:
            # A session of its own, so that a timeout or ^C ends the trainer, not only `time`.
            proc = subprocess.Popen([TIME, "-v", "-o", time_file, *cmd], stdout=out, stderr=err,
                                    env=env, start_new_session=True)
            try:
                rc = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill_group(proc)
                rc, timed_out = None, True
            except BaseException:
                _kill_group(proc)
                raise
    except OSError as e:
        rc = None
        with open(err_file, "a") as err:
            err.write(f"\nbench: cannot start: {e}\n")
    run["wall_s_harness"] = round(time.monotonic() - t0, 3)
    run["returncode"] = rc
    run.update(parse_time_v(read_text(time_file)))
    run.setdefault("wall_s", run["wall_s_harness"])
    stderr_tail = tail(read_text(err_file))
    if timed_out:
        run["error"] = f"timed out after {timeout} s"
    elif rc is None:
        run["error"] = "could not start"
    elif rc != 0:
        run["error"] = f"exited with status {rc}"
    elif not os.path.exists(vec_path) or os.path.getsize(vec_path) == 0:
        run["error"] = f"no vectors file {vec_path}"
    if "error" in run:
        run["status"] = "failed"
        run["stderr_tail"] = stderr_tail or tail(read_text(out_file))
        return False
    run["status"] = "ok"
    run["vectors_bytes"] = os.path.getsize(vec_path)
    return True
