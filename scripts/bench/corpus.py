"""Corpus specs (a file, or the first or second half of its tokens) and the files the tools read."""
import gzip
import os
from dataclasses import dataclass

from .paths import CORPORA_DIR

HALVES = ("half1", "half2")
# Quality claims must hold on all of these (as medians over seeds): `--corpora quality`.
QUALITY_SET = ("wiki17m.txt.gz", "wiki17m-b.txt.gz", "wiki17m.txt.gz:half1", "wiki17m.txt.gz:half2")
GENSIM_SENTENCE = 10000  # LineSentence's cut: lines of at most this many tokens


@dataclass(frozen=True)
class CorpusSpec:
    path: str  # the corpus file, plain or .gz
    half: str = None  # None (all of it), "half1" (its first half of tokens) or "half2" (the rest)

    @property
    def name(self):
        """As in the reports: wiki17m.txt.gz, wiki17m.txt.gz:half1."""
        return os.path.basename(self.path) + (f":{self.half}" if self.half else "")

    @property
    def slug(self):
        """As in run ids and file names: wiki17m, wiki17m-half1."""
        base = os.path.basename(self.path)
        for ext in (".gz", ".txt"):
            base = base[:-len(ext)] if base.endswith(ext) else base
        return base + (f"-{self.half}" if self.half else "")


def parse_spec(text):
    """PATH or PATH:half1 / PATH:half2; a PATH that does not exist is looked up in the shared
    corpora directory (../shared/corpora beside the repo). Raises ValueError."""
    path, half = text, None
    head, sep, tail = text.rpartition(":")
    if sep and tail in HALVES:
        path, half = head, tail
    for candidate in (path, os.path.join(CORPORA_DIR, path)):
        if os.path.isfile(candidate):
            return CorpusSpec(os.path.abspath(candidate), half)
    raise ValueError(f"corpus not found: {path} (nor {os.path.join(CORPORA_DIR, path)})")


def parse_specs(text):
    """A comma list of specs; `quality` stands for the QUALITY_SET."""
    items = []
    for item in (x.strip() for x in text.split(",")):
        if item == "quality":
            items += QUALITY_SET
        elif item:
            items.append(item)
    specs = [parse_spec(x) for x in items]
    if not specs:
        raise ValueError("no corpus given")
    names = [s.slug for s in specs]
    dups = sorted({n for n in names if names.count(n) > 1})
    if dups:
        raise ValueError(f"corpus given twice (or two files of one name): {', '.join(dups)}")
    return specs


def default_spec():
    for name in ("wiki17m.txt.gz", "wiki1m.txt.gz"):
        p = os.path.join(CORPORA_DIR, name)
        if os.path.exists(p):
            return CorpusSpec(p)
    return None


class _LineWriter:
    """Writes tokens space-separated: a line ends where the input's line ends, and after every
    max_len-th token of a line when max_len is set (LineSentence's cut)."""

    def __init__(self, out, max_len=None):
        self.out, self.max_len, self.in_line = out, max_len, 0

    def write(self, tokens, ends_line):
        i = 0
        while i < len(tokens):
            room = len(tokens) - i if self.max_len is None else self.max_len - self.in_line
            chunk = tokens[i:i + room]
            if self.in_line:
                self.out.write(b" ")
            self.out.write(b" ".join(chunk))
            self.in_line += len(chunk)
            i += len(chunk)
            if self.in_line == self.max_len:
                self.out.write(b"\n")
                self.in_line = 0
        if ends_line:
            self.close()

    def close(self):
        if self.in_line:
            self.out.write(b"\n")
            self.in_line = 0


def _token_lines(f, on_chunk=None, chunk_bytes=16 << 20):
    """Yields (tokens, ends_line) for the pieces of the lines of a binary file, in order, reading
    it in blocks that end at a whitespace byte (no token is cut); a line open at the end of a
    block goes on in the next one. on_chunk gets every block as read."""
    carry = b""

    def pieces(block, final):
        lines = block.split(b"\n")
        for k, line in enumerate(lines):
            yield line.split(), k < len(lines) - 1 or final

    while True:
        chunk = f.read(chunk_bytes)
        if not chunk:
            break
        if on_chunk:
            on_chunk(chunk)
        data = carry + chunk
        cut = max(data.rfind(c) for c in (b" ", b"\n", b"\t", b"\r", b"\x0b", b"\x0c")) + 1
        if cut == 0:  # no whitespace at all: one (long) token so far
            carry = data
            continue
        yield from pieces(data[:cut], final=False)
        carry = data[cut:]
    yield from pieces(carry, final=True)


def _prepare_file(corpus, work_dir, need_split):
    """Counts the whitespace tokens of the corpus in one streaming pass, writing the plain text
    when it is gzipped (fastText cannot read gzip; all tools then read the same plain file) and,
    when asked, a copy cut into lines of at most 10000 tokens for gensim: exactly the sentences
    LineSentence makes of the original, without LineSentence holding a whole one-line corpus in
    memory per epoch. Returns (tokens, plain_path, split_path)."""
    is_gz = corpus.endswith(".gz")
    plain_path = os.path.join(work_dir, "corpus.txt") if is_gz else corpus
    split_path = os.path.join(work_dir, "corpus.gensim.txt") if need_split else None
    plain = open(plain_path, "wb") if is_gz else None
    split = open(split_path, "wb") if split_path else None
    sentences = _LineWriter(split, GENSIM_SENTENCE) if split else None
    tokens = 0
    try:
        with (gzip.open if is_gz else open)(corpus, "rb") as f:
            for toks, ends_line in _token_lines(f, on_chunk=plain.write if plain else None):
                tokens += len(toks)
                if sentences:
                    sentences.write(toks, ends_line)
            if sentences:
                sentences.close()
    finally:
        if plain:
            plain.close()
        if split:
            split.close()
    return tokens, plain_path, split_path


def _write_tokens(source, out_path, lo, hi):
    """Writes tokens [lo, hi) of the plain file source, in their lines."""
    pos = 0
    with open(source, "rb") as f, open(out_path, "wb") as out:
        lines = _LineWriter(out)
        for toks, ends_line in _token_lines(f):
            a, b = max(lo - pos, 0), min(hi - pos, len(toks))
            pos += len(toks)
            lines.write(toks[a:b] if a < b else [], ends_line)
            if pos >= hi:
                break
        lines.close()


def prepare(spec, work_dir, need_split):
    """The files the tools read for this spec, in work_dir: (tokens, plain_path, split_path or
    None). A half is written as a file of its own (the first half holds tokens [0, n // 2) of the
    n tokens, the second the rest, cut on a token boundary), then prepared like a corpus."""
    if not spec.half:
        return _prepare_file(spec.path, work_dir, need_split)
    total, plain, _ = _prepare_file(spec.path, work_dir, need_split=False)
    half_path = os.path.join(work_dir, f"{spec.half}.txt")
    lo, hi = (0, total // 2) if spec.half == "half1" else (total // 2, total)
    _write_tokens(plain, half_path, lo, hi)
    if plain != spec.path:
        os.remove(plain)
    return _prepare_file(half_path, work_dir, need_split)
