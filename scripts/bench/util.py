"""Logging and reading back the logs of the runs."""
import re
import time


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def tail(text, lines=20, chars=3000):
    """The last lines of a (possibly \\r-progress-filled) log, for failure reports."""
    text = text[-chars * 4:]
    parts = [p.rstrip() for p in re.split(r"[\r\n]+", text) if p.strip()]
    return "\n".join(parts[-lines:])[-chars:]


def read_text(path):
    try:
        with open(path, "r", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def fmt(v, spec, scale=1.0, none="–"):
    return none if v is None else format(v * scale, spec)
