"""Unit tests of the pure parts of the harness. Run from the repo root:
    PYTHONPATH=scripts python3 -m unittest discover -s scripts/bench/tests -t scripts
"""
import copy
import io
import os
import tempfile
import unittest

from bench import corpus, evaluate, machine, summary
from bench.runner import parse_time_v

FILES = {"analogies": "q.txt", "ws353": "ws.tsv", "simlex": "sl.txt"}


def score(name, questions, covered, correct):
    return {"name": name, "questions": questions, "covered": covered, "correct": correct,
            "accuracy": correct / covered if covered else 0}


# What `w2v eval V --analogies q.txt --similarity ws.tsv sl.txt --json` prints (one section kept).
EVAL_JSON = {
    "vectors": {"path": "v.bin", "words": 14553, "dim": 100},
    "analogies": {"path": "q.txt", "restrict": 30000,
                  "sections": [score("capital-common-countries", 506, 272, 16)],
                  "semantic": score("semantic", 8869, 1455, 68),
                  "syntactic": score("syntactic", 10675, 4730, 129),
                  "total": score("total", 19544, 6185, 197)},
    "similarity": [{"path": "ws.tsv", "restrict": 300000, "pairs": 353, "covered": 274, "spearman": 0.288},
                   {"path": "sl.txt", "restrict": 300000, "pairs": 999, "covered": 708, "spearman": 0.141}],
}


class ParseW2vEval(unittest.TestCase):
    def test_reads_every_figure(self):
        r = evaluate.parse_w2v_eval(EVAL_JSON, FILES)
        self.assertAlmostEqual(r["analogy_total"], 197 / 6185)
        self.assertAlmostEqual(r["analogy_semantic"], 68 / 1455)
        self.assertAlmostEqual(r["analogy_syntactic"], 129 / 4730)
        self.assertAlmostEqual(r["analogy_coverage"], 6185 / 19544)
        self.assertEqual(r["analogy_restrict"], 30000)
        self.assertEqual(r["ws353_rho"], 0.288)
        self.assertAlmostEqual(r["ws353_coverage"], 274 / 353)
        self.assertEqual(r["simlex_rho"], 0.141)
        self.assertAlmostEqual(r["simlex_coverage"], 708 / 999)
        self.assertEqual(set(evaluate.QUALITY_KEYS) - set(r), set())

    def test_null_spearman_is_none(self):
        obj = copy.deepcopy(EVAL_JSON)
        obj["similarity"][1]["spearman"] = None
        self.assertIsNone(evaluate.parse_w2v_eval(obj, FILES)["simlex_rho"])

    def test_missing_keys_fail_loudly(self):
        for path in (("analogies", "total", "accuracy"), ("analogies", "semantic"), ("analogies", "restrict"),
                     ("analogies",), ("similarity",)):
            obj = copy.deepcopy(EVAL_JSON)
            node = obj
            for part in path[:-1]:
                node = node[part]
            del node[path[-1]]
            with self.assertRaises(evaluate.EvalFormatError, msg=path):
                evaluate.parse_w2v_eval(obj, FILES)
        obj = copy.deepcopy(EVAL_JSON)
        del obj["similarity"][0]["covered"]
        with self.assertRaisesRegex(evaluate.EvalFormatError, "similarity.0.covered"):
            evaluate.parse_w2v_eval(obj, FILES)

    def test_wrong_types_and_files_fail(self):
        obj = copy.deepcopy(EVAL_JSON)
        obj["analogies"]["total"]["covered"] = 6185.0
        with self.assertRaises(evaluate.EvalFormatError):
            evaluate.parse_w2v_eval(obj, FILES)
        obj = copy.deepcopy(EVAL_JSON)
        obj["similarity"].reverse()
        with self.assertRaisesRegex(evaluate.EvalFormatError, "not 'ws.tsv'"):
            evaluate.parse_w2v_eval(obj, FILES)
        obj = copy.deepcopy(EVAL_JSON)
        obj["similarity"].pop()
        with self.assertRaises(evaluate.EvalFormatError):
            evaluate.parse_w2v_eval(obj, FILES)


def run(tool, wps, analogy, ws353=0.5, status="ok", corpus="c", kind=None, label=None):
    r = {"corpus": corpus, "tool": tool, "label": label or tool, "kind": kind or tool, "model": "cbow",
         "loss": "ns", "threads": 2, "status": status}
    if status == "ok":
        r.update(wall_s=100.0 / wps, words_per_sec_per_thread=wps,
                 eval={"status": "ok", "analogy_total": analogy, "ws353_rho": ws353, "simlex_rho": 0.3})
    return r


class MediansAndSpread(unittest.TestCase):
    def test_median_spread(self):
        self.assertEqual(summary.median_spread([3, None, 1, 2]), (2, 1, 3))
        self.assertEqual(summary.median_spread([4, 1]), (2.5, 1, 4))
        self.assertEqual(summary.median_spread([None]), (None, None, None))

    def test_summarize_groups_medians_over_ok_runs(self):
        runs = [run("w2v", 10, 0.30), run("gensim", 2, 0.31), run("w2v", 12, 0.34),
                run("gensim", 0, 0, status="failed"), run("w2v", 11, 0.32),
                run("w2v", 20, 0.40, corpus="d")]
        rows = summary.summarize(runs)
        self.assertEqual([(r["corpus"], r["tool"]) for r in rows], [("c", "w2v"), ("c", "gensim"), ("d", "w2v")])
        w2v, gensim = rows[0], rows[1]
        self.assertEqual((w2v["ok"], w2v["runs"], w2v["evaluated"]), (3, 3, 3))
        self.assertEqual(w2v["words_per_sec_per_thread"], 11)
        self.assertEqual(w2v["spread"]["words_per_sec_per_thread"], [10, 12])
        self.assertAlmostEqual(w2v["analogy_total"], 0.32)
        self.assertEqual(w2v["spread"]["analogy_total"], [0.30, 0.34])
        self.assertEqual((gensim["ok"], gensim["runs"]), (1, 2))
        self.assertEqual(gensim["spread"]["wall_s"], [50.0, 50.0])
        self.assertIsNone(gensim["spread"]["max_rss_kb"])

    def test_ratios_against_peers_and_builds(self):
        runs = [run("w2v", 10, 0.30, ws353=0.60), run("base", 5, 0.29, ws353=0.62, kind="w2v"),
                run("gensim", 2, 0.31, ws353=0.55), run("fasttext", 1, 0.28, ws353=0.58, label="fastText")]
        ratios = summary.compute_ratios(summary.summarize(runs))
        self.assertEqual([r["tool"] for r in ratios], ["w2v", "base"])
        w2v = ratios[0]
        self.assertEqual([(a["label"], a["speed_ratio"]) for a in w2v["against"]],
                         [("gensim", 5.0), ("fastText", 10.0), ("base", 2.0)])
        self.assertEqual(w2v["faster_peer"], "gensim")
        self.assertEqual(w2v["better_peer"]["ws353_rho"]["label"], "fastText")
        self.assertEqual(summary.ratio_line(w2v),
                         "cbow/ns/2t: w2v words/s/thread = 5.00x gensim's (2, the faster peer), "
                         "10.00x fastText's, 2.00x base's; analogy -1.0 pts vs gensim; WS-353 +0.020 vs "
                         "fastText; SimLex +0.000 vs gensim; vs base: analogy +1.0 pts, WS-353 -0.020, "
                         "SimLex +0.000")
        self.assertTrue(summary.ratio_line(ratios[1], with_corpus=True).startswith(
            "c cbow/ns/2t: base words/s/thread = 2.50x gensim's"))

    def test_no_ratio_without_another_tool(self):
        self.assertEqual(summary.compute_ratios(summary.summarize([run("w2v", 10, 0.3)])), [])


class Corpus(unittest.TestCase):
    def test_token_lines_never_cut_a_token(self):
        data = b"alpha beta\ngamma  delta epsilon\n\nzeta eta"
        for size in range(1, 12):
            pieces = list(corpus._token_lines(io.BytesIO(data), chunk_bytes=size))
            lines, line = [], []
            for toks, ends in pieces:
                line += toks
                if ends:
                    lines.append(line)
                    line = []
            self.assertEqual([l for l in lines if l],
                             [[b"alpha", b"beta"], [b"gamma", b"delta", b"epsilon"], [b"zeta", b"eta"]], size)

    def test_line_writer_cuts_like_linesentence(self):
        out = io.BytesIO()
        w = corpus._LineWriter(out, max_len=2)
        w.write([b"a", b"b", b"c"], False)
        w.write([b"d", b"e"], True)
        w.write([b"f"], False)
        w.close()
        self.assertEqual(out.getvalue(), b"a b\nc d\ne\nf\n")

    def test_halves_split_the_tokens(self):
        with tempfile.TemporaryDirectory() as d:
            src = os.path.join(d, "c.txt")
            with open(src, "wb") as f:
                f.write(b"w1 w2 w3\nw4 w5\nw6 w7")
            got = {}
            for half in corpus.HALVES:
                work = os.path.join(d, half)
                os.makedirs(work)
                tokens, plain, split = corpus.prepare(corpus.parse_spec(f"{src}:{half}"), work, need_split=True)
                with open(plain, "rb") as f:
                    got[half] = f.read()
                self.assertEqual(tokens, len(got[half].split()))
                with open(split, "rb") as f:
                    self.assertEqual(f.read(), got[half])
            self.assertEqual(got, {"half1": b"w1 w2 w3\n", "half2": b"w4 w5\nw6 w7\n"})

    def test_specs(self):
        with tempfile.TemporaryDirectory() as d:
            src = os.path.join(d, "wiki.txt.gz")
            open(src, "wb").close()
            spec = corpus.parse_spec(src + ":half2")
            self.assertEqual((spec.path, spec.half, spec.name, spec.slug),
                             (src, "half2", "wiki.txt.gz:half2", "wiki-half2"))
            self.assertIsNone(corpus.parse_spec(src).half)
            with self.assertRaises(ValueError):
                corpus.parse_specs(f"{src},{src}")
            with self.assertRaises(ValueError):
                corpus.parse_spec(os.path.join(d, "missing.gz:half1"))


class TimeV(unittest.TestCase):
    def test_parse(self):
        r = parse_time_v("\tUser time (seconds): 3.50\n\tSystem time (seconds): 0.25\n"
                         "\tPercent of CPU this job got: 190%\n"
                         "\tElapsed (wall clock) time (h:mm:ss or m:ss): 1:02.50\n"
                         "\tMaximum resident set size (kbytes): 85000\n")
        self.assertEqual(r, {"user_s": 3.5, "sys_s": 0.25, "cpu_percent": 190, "wall_s": 62.5, "max_rss_kb": 85000})


if __name__ == "__main__":
    unittest.main()


class Caches(unittest.TestCase):
    def test_getconf_fallback(self):
        text = ("LEVEL1_ICACHE_SIZE                 32768\nLEVEL1_ICACHE_ASSOC                \n"
                "LEVEL1_DCACHE_SIZE                 49152\nLEVEL2_CACHE_SIZE                  1048576\n"
                "LEVEL3_CACHE_SIZE                  0\nLEVEL4_CACHE_SIZE                  \n")
        caches = machine.getconf_caches(text)
        self.assertEqual(caches, {"L1d": {"getconf_kib": 48}, "L1i": {"getconf_kib": 32},
                                  "L2": {"getconf_kib": 1024}})
        self.assertEqual(machine.caches_text(caches), "L1d 48 KiB (getconf), L1i 32 KiB (getconf), L2 1 MiB (getconf)")
