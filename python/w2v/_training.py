"""w2v.train: the command line's training run, from Python."""

import os
import sys
import time
import warnings

from . import _w2v
from ._keyed_vectors import KeyedVectors

# (name, placeholder, help, default as shown) of each training option, from the
# library's table, which the command line's parser and help are made from too.
_OPTION_SPECS = _w2v.option_specs()
_OPTIONS = {name.replace("-", "_"): name for name, _, _, _ in _OPTION_SPECS}
# gensim's names for w2v's options, for a helpful error.
_GENSIM_NAMES = {
    "vector_size": "dim", "size": "dim", "workers": "threads", "sg": "model='sg'", "hs": "loss='hs'",
    "max_vocab_size": "max_vocab", "max_final_vocab": "max_vocab", "iter": "epochs",
    "sentences": "the corpus argument", "corpus_file": "the corpus argument", "callbacks": "progress",
}


def _option_text(value):
    """An option's value as the command line would have it."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)
    return str(value)


class TrainedModel:
    """What ``w2v.train`` returns: the word vectors as ``wv`` (as gensim's ``Word2Vec`` has them),
    what the corpus pass found (``corpus``) and how training went (``summary``)."""

    def __init__(self, wv, corpus, summary):
        self.wv = wv
        self.corpus = corpus
        self.summary = summary

    def __repr__(self):
        return f"<w2v.TrainedModel: {len(self.wv)} words x {self.wv.vector_size}, {self.summary}>"


def _count(value):
    if value >= 1e6:
        return f"{value / 1e6:.2f}M"
    if value >= 1e3:
        return f"{value / 1e3:.1f}k"
    return f"{value:.0f}"


class ProgressPrinter:
    """The default progress report: the lines ``w2v train`` prints, on ``sys.stderr``.

    The corpus summary, then percent done, words/sec/thread, the learning rate, the mean loss
    since the last report and the time left: redrawn on one line every 0.25 s on a terminal,
    a line every 5 s otherwise; and a closing line.
    """

    def __init__(self, stream=None):
        self.stream = stream if stream is not None else sys.stderr
        self.terminal = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.interval = 0.25 if self.terminal else 5.0
        self._last_report = -1.0
        self._last_loss_sum = 0.0
        self._last_examples = 0

    def corpus(self, corpus):
        self.stream.write(f"corpus {corpus.path}: {corpus.tokens} words, {corpus.lines} lines; vocabulary: "
                          f"{corpus.vocabulary} words; training words per epoch: {corpus.training_tokens}\n")
        self.stream.flush()

    def __call__(self, progress):
        if progress.seconds - self._last_report < self.interval:
            return
        self._last_report = progress.seconds
        fraction = progress.fraction
        rate = progress.words_done / progress.seconds / progress.threads if progress.seconds > 0 else 0.0
        examples = progress.examples - self._last_examples
        loss = (progress.loss_sum - self._last_loss_sum) / examples if examples else 0.0
        self._last_loss_sum, self._last_examples = progress.loss_sum, progress.examples
        eta = int((progress.seconds * (1 - fraction) / fraction if fraction > 0 else 0) + 0.5)
        self.stream.write(f"{chr(13) if self.terminal else ''}progress: {100 * fraction:5.1f}%  words/sec/thread: "
                          f"{_count(rate)}  alpha: {progress.alpha:.6f}  loss: {loss:.4f}  "
                          f"eta: {eta // 3600}:{eta // 60 % 60:02d}:{eta % 60:02d}{'  ' if self.terminal else chr(10)}")
        self.stream.flush()

    def finish(self, summary):
        rate = summary.words / summary.seconds / summary.threads if summary.seconds > 0 else 0.0
        self.stream.write(f"{chr(13) + chr(10) if self.terminal else ''}trained {summary.words} words in "
                          f"{summary.seconds:.1f} s: {_count(rate)} words/sec/thread, {summary.threads} "
                          f"thread{'' if summary.threads == 1 else 's'}, final loss {summary.final_loss:.4f}\n")
        self.stream.flush()


def _warn(message):
    # stacklevel 3: this function, then train(), then its caller.
    warnings.warn(message, UserWarning, stacklevel=3)


def train(corpus, *, progress=None, read_vocab=None, **options):
    """Trains word vectors as ``w2v train`` does and returns a :class:`TrainedModel` (vectors in ``.wv``).

    `corpus` is a path (plain or gzip text, one sentence per line; ``"-"`` for stdin) or an
    iterable of sentences, each a list of str words. The iterable is read once, while the words
    are counted and stored as ids in a temporary file, so a generator will do and the text is
    not held in memory. `options` are the command line's training options, with ``_`` for ``-``
    and the same defaults (listed below). `read_vocab` takes the vocabulary from a word2vec
    ``word count`` file. `progress` is None for the command line's report on stderr, False for
    none, or a callable that gets a ``w2v.TrainingProgress`` at most every 0.1 s and at the end;
    its methods ``corpus(CorpusSummary)`` and ``finish(TrainSummary)``, when it has them, are
    called before and after training (``w2v.ProgressPrinter(stream)`` reports to another stream).

    Training runs on the library's threads without the GIL. Ctrl-C stops it within a fraction of
    a second and raises KeyboardInterrupt. Bad input or options raise ``w2v.Error`` with the
    command line's message; warnings (words cut to 100 bytes, ...) go through ``warnings``.
    """
    values = {}
    for key, value in options.items():
        if key not in _OPTIONS:
            hint = f" (w2v calls it {_GENSIM_NAMES[key]})" if key in _GENSIM_NAMES else ""
            raise TypeError(f"train() got an unexpected keyword argument '{key}'{hint}")
        if value is not None:
            values[_OPTIONS[key]] = _option_text(value)
    if isinstance(corpus, (str, bytes, os.PathLike)):
        corpus = os.fsdecode(corpus)
    if progress is None:
        progress = ProgressPrinter()
    if progress is False:
        progress = on_corpus = finish = None
    elif callable(progress):
        on_corpus, finish = getattr(progress, "corpus", None), getattr(progress, "finish", None)
    else:
        raise TypeError(f"progress must be None, False or a callable, not {type(progress).__name__}")
    store, corpus_summary, summary = _w2v.train(
        corpus, values, "" if read_vocab is None else os.fsdecode(read_vocab), _warn, on_corpus, progress)
    if finish:
        finish(summary)
    return TrainedModel(KeyedVectors(store), corpus_summary, summary)


def _options_doc():
    lines = ["    Options (the command line's, named with _ for -):", ""]
    for name, placeholder, help_text, default in _OPTION_SPECS:
        shown = f" (default: {default})" if default else ""
        lines.append(f"        {name.replace('-', '_')}={placeholder}: {help_text}{shown}")
    return "\n".join(lines) + "\n"


train.__doc__ += _options_doc()
