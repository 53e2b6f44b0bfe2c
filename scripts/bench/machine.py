"""The record of the machine (CPU, vector extensions, caches, cores, memory, kernel) and of the
software versions that every report carries."""
import glob
import os
import platform
import subprocess

from .paths import REPO

# The vector extensions worth knowing for a SIMD trainer, in this order, as /proc/cpuinfo names
# them ("flags" on x86, "Features" on ARM).
SIMD_FLAGS = ["sse2", "ssse3", "sse4_1", "sse4_2", "avx", "avx2", "fma", "f16c", "avx_vnni",
              "avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl", "avx512ifma", "avx512vbmi",
              "avx512_vbmi2", "avx512_vnni", "avx512_bitalg", "avx512_vpopcntdq", "avx512_bf16",
              "avx512_fp16", "amx_tile", "amx_bf16", "amx_int8",
              "asimd", "asimdhp", "asimddp", "i8mm", "bf16", "sve", "sve2"]


def _lscpu():
    try:
        text = subprocess.run(["lscpu"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
    except OSError:
        return {}
    return dict((k.strip(), v.strip()) for k, _, v in (line.partition(":") for line in text.splitlines()))


def _cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key.strip() in ("flags", "Features"):
                    return set(value.split())
    except OSError:
        pass
    return set()


def _size_kib(text):
    """sysfs cache sizes: 32K, 1024K, 32M."""
    units = {"K": 1, "M": 1024, "G": 1024 * 1024}
    text = text.strip()
    return int(text[:-1]) * units[text[-1]] if text and text[-1] in units else int(text) // 1024


def _cpu_count(cpu_list):
    """0-1,4 -> 3."""
    n = 0
    for part in cpu_list.strip().split(","):
        lo, _, hi = part.partition("-")
        n += int(hi or lo) - int(lo) + 1
    return n


def _caches(lscpu):
    """{"L1d": {"kib": 32, "shared_by": 1}, ...} of the first CPU (sysfs), else lscpu's totals."""
    caches = {}
    for d in sorted(glob.glob("/sys/devices/system/cpu/cpu0/cache/index[0-9]*")):
        try:
            def read(name):
                with open(os.path.join(d, name)) as f:
                    return f.read().strip()
            kind = {"Data": "d", "Instruction": "i"}.get(read("type"), "")
            caches[f"L{read('level')}{kind}"] = {"kib": _size_kib(read("size")),
                                                 "shared_by": _cpu_count(read("shared_cpu_list"))}
        except (OSError, ValueError):
            continue
    if not caches:
        caches = {name: {"lscpu": lscpu[f"{name} cache"]} for name in ("L1d", "L1i", "L2", "L3")
                  if f"{name} cache" in lscpu}
    if not caches:  # some VMs' kernels have neither (no cache/ in sysfs, lscpu silent)
        try:
            caches = getconf_caches(subprocess.run(["getconf", "-a"], stdout=subprocess.PIPE,
                                                   stderr=subprocess.DEVNULL, text=True).stdout)
        except OSError:
            pass
    return caches


def getconf_caches(text):
    """`getconf -a` (glibc's reading of CPUID) -> {"L1d": {"getconf_kib": 48}, ...}; empty sizes skipped."""
    names = {"LEVEL1_DCACHE_SIZE": "L1d", "LEVEL1_ICACHE_SIZE": "L1i", "LEVEL2_CACHE_SIZE": "L2",
             "LEVEL3_CACHE_SIZE": "L3"}
    caches = {}
    for line in text.splitlines():
        key, _, value = line.partition(" ")
        if key in names and value.strip().isdigit() and int(value) > 0:
            caches[names[key]] = {"getconf_kib": int(value) // 1024}
    return {name: caches[name] for name in names.values() if name in caches}


def machine_info():
    lscpu = _lscpu()
    info = {"cpu": lscpu.get("Model name"), "cpu_id": None, "cpus": os.cpu_count(), "cores": None}
    ident = [lscpu.get(k) for k in ("Vendor ID", "CPU family", "Model", "Stepping")]
    if all(ident):
        info["cpu_id"] = "{} family {} model {} stepping {}".format(*ident)
    if lscpu.get("CPU(s)", "").isdigit():
        info["cpus"] = int(lscpu["CPU(s)"])
    cps, sockets = lscpu.get("Core(s) per socket", ""), lscpu.get("Socket(s)", "")
    if cps.isdigit() and sockets.isdigit():
        info["cores"] = int(cps) * int(sockets)
    flags = _cpu_flags()
    info["simd"] = [f for f in SIMD_FLAGS if f in flags]
    info["caches"] = _caches(lscpu)
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
        info["memory_gib"] = round(kb / 2**20, 1)
    except (OSError, ValueError, IndexError):
        pass
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    info["os"] = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    info["kernel"] = platform.release()
    info["load_avg_at_start"] = list(os.getloadavg())
    return info


def _kib_text(kib):
    return f"{kib // 1024} MiB" if kib >= 1024 and kib % 1024 == 0 else f"{kib} KiB"


def caches_text(caches):
    """L1d 32 KiB, L1i 32 KiB, L2 1 MiB, L3 32 MiB (shared by 2 CPUs)."""
    parts = []
    for name, c in caches.items():
        if "lscpu" in c:
            parts.append(f"{name} {c['lscpu']} (lscpu, all cores)")
        elif "getconf_kib" in c:
            parts.append(f"{name} {_kib_text(c['getconf_kib'])} (getconf)")
        else:
            shared = f" (shared by {c['shared_by']} CPUs)" if c["shared_by"] > 1 else ""
            parts.append(f"{name} {_kib_text(c['kib'])}{shared}")
    return ", ".join(parts) or "unknown"


def _git(directory, *args):
    try:
        r = subprocess.run(["git", "-C", directory, *args], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
    except OSError:
        return None
    return r.stdout.strip() if r.returncode == 0 else None


def checkout_commit(directory):
    """The short commit of the git checkout holding directory, `(modified)` when it has changes
    to tracked files; None outside a checkout. For a w2v binary, this is the commit its checkout
    is at, which is the binary's only if it was built after the last checkout."""
    commit = _git(directory, "rev-parse", "--short", "HEAD")
    if not commit:
        return None
    dirty = _git(directory, "status", "--porcelain", "--untracked-files=no")
    return commit + (" (modified)" if dirty else "")


def versions(builds):
    """The peers' Debian versions and, per w2v build (label -> binary), its binary and the
    commit of the checkout it lies in."""
    def dpkg(pkg):
        try:
            r = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
            return r.stdout.strip() or None
        except OSError:
            return None

    return {"fasttext": dpkg("fasttext"), "python3-gensim": dpkg("python3-gensim"),
            "harness": checkout_commit(REPO),
            "w2v": {label: {"binary": path, "checkout": checkout_commit(os.path.dirname(path))}
                    for label, path in builds.items()}}
