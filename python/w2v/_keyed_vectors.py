"""Word vectors with gensim's KeyedVectors interface, answered by w2v's library."""

import numbers
import os
import warnings

import numpy as np

from . import _w2v
from ._correlation import correlation

# gensim's defaults for its evaluations (the command line's `w2v eval` takes
# the 30000 most frequent words for analogies, as word2vec.c does).
_EVALUATION_RESTRICT = 300000

_KEY_TYPES = (str, int, np.integer)


def _as_list(value):
    """A single key or vector as a list of one, as gensim accepts them."""
    if value is None:
        return []
    if isinstance(value, _KEY_TYPES) or (isinstance(value, np.ndarray) and value.ndim == 1):
        return [value]
    return list(value)  # a list, or the rows of a matrix


class KeyedVectors:
    """Words and their vectors, shaped like gensim's ``KeyedVectors``.

    ``vectors`` is a NumPy array over the library's own memory (no copy): writing to it
    changes the vectors that ``[key]``, ``save_word2vec_format`` and the evaluations of word
    pairs see. ``most_similar``, ``most_similar_cosmul``, ``doesnt_match`` and
    ``evaluate_word_analogies`` use unit-length copies of the rows made at the first such
    query; after writing to ``vectors``, call ``fill_norms(force=True)`` (as gensim needs for
    its norms). Get one from ``w2v.train(...).wv`` or ``w2v.load(path)``.
    """

    def __init__(self, store):
        self._store = store
        self._vectors = store.array()
        self.index_to_key = store.words
        self._key_to_index = None

    @property
    def vectors(self):
        """The vectors, one row per key in ``index_to_key`` order (a view; rows may be padded, see ``strides``)."""
        return self._vectors

    @property
    def key_to_index(self):
        """key -> row."""
        if self._key_to_index is None:
            self._key_to_index = {key: row for row, key in enumerate(self.index_to_key)}
        return self._key_to_index

    @property
    def vector_size(self):
        return self._vectors.shape[1]

    def __len__(self):
        return len(self.index_to_key)

    def __repr__(self):
        return f"<w2v.KeyedVectors: {len(self)} keys, {self.vector_size} dimensions>"

    def get_index(self, key, default=None):
        """The row of `key`; an int in range is its own row. KeyError, or `default`, when absent."""
        row = self.key_to_index.get(key, -1) if isinstance(key, str) else -1
        if row >= 0:
            return row
        if isinstance(key, (int, np.integer)) and not isinstance(key, bool) and 0 <= key < len(self):
            return int(key)
        if default is not None:
            return default
        raise KeyError(f"Key '{key}' not present")

    def has_index_for(self, key):
        return self.get_index(key, -1) >= 0

    __contains__ = has_index_for

    def get_vector(self, key, norm=False):
        """The vector of `key` (a read-only view), or with ``norm=True`` a copy scaled to unit length."""
        vector = self._vectors[self.get_index(key)]
        if norm:
            length = np.linalg.norm(vector)
            vector = vector / length if length > 0 else vector.copy()
        vector.setflags(write=False)
        return vector

    def __getitem__(self, key_or_keys):
        if isinstance(key_or_keys, _KEY_TYPES):
            return self.get_vector(key_or_keys)
        return np.vstack([self.get_vector(key) for key in key_or_keys])

    def fill_norms(self, force=False):
        """Makes the unit-length rows of the similarity queries now (``force=True``: again, from ``vectors``)."""
        self._store.fill_norms(bool(force))

    def _restrict(self, restrict_vocab):
        """The number of leading rows a query or evaluation looks at (None or 0: all)."""
        return int(restrict_vocab) if restrict_vocab else len(self)

    def _query(self, positive, negative, vectors_allowed):
        rows = ([], [])
        offset = None
        for side, items in enumerate((_as_list(positive), _as_list(negative))):
            for item in items:
                if isinstance(item, np.ndarray):
                    if not vectors_allowed:
                        raise TypeError("most_similar_cosmul takes keys, not vectors")
                    vector = np.asarray(item, dtype=np.float32)
                    if vector.shape != (self.vector_size,):
                        raise ValueError(f"a query vector needs {self.vector_size} values, got shape {vector.shape}")
                    signed = vector if side == 0 else -vector
                    offset = signed if offset is None else offset + signed
                elif isinstance(item, _KEY_TYPES):
                    rows[side].append(self.get_index(item))
                else:
                    raise TypeError(f"expected a key or a vector, got {type(item).__name__} "
                                    "(weighted (key, weight) pairs are not supported)")
        if not rows[0] and not rows[1] and offset is None:
            raise ValueError("cannot compute similarity with no input")
        return rows[0], rows[1], offset

    def _similar(self, positive, negative, topn, restrict_vocab, cosmul):
        if isinstance(topn, numbers.Integral) and topn < 1:
            return []
        positive_rows, negative_rows, offset = self._query(positive, negative, vectors_allowed=not cosmul)
        restrict = self._restrict(restrict_vocab)
        if topn is None:
            return self._store.scores(positive_rows, negative_rows, offset, restrict, cosmul)
        neighbors = self._store.most_similar(positive_rows, negative_rows, offset, int(topn), restrict, cosmul)
        return [(self.index_to_key[row], score) for row, score in neighbors]

    def most_similar(self, positive=None, negative=None, topn=10, restrict_vocab=None):
        """The `topn` keys nearest by cosine to the sum of the unit vectors of `positive` minus those of `negative`.

        Keys (str, or int rows) and vectors (NumPy arrays, added as given) may be mixed, as in
        gensim; the query's keys are left out of the answer. Only the first `restrict_vocab` rows
        (the most frequent words) compete. ``topn=None`` returns the cosines of all of them, in row order.
        """
        return self._similar(positive, negative, topn, restrict_vocab, cosmul=False)

    def most_similar_cosmul(self, positive=None, negative=None, topn=10, restrict_vocab=None):
        """3CosMul (Levy & Goldberg 2014): prod((1 + cos(x, p)) / 2) / (prod((1 + cos(x, n)) / 2) + 1e-6); keys only."""
        return self._similar(positive, negative, topn, restrict_vocab, cosmul=True)

    def similar_by_word(self, word, topn=10, restrict_vocab=None):
        return self.most_similar(positive=[word], topn=topn, restrict_vocab=restrict_vocab)

    def similar_by_vector(self, vector, topn=10, restrict_vocab=None):
        return self.most_similar(positive=[vector], topn=topn, restrict_vocab=restrict_vocab)

    def similarity(self, w1, w2):
        """The cosine of the vectors of `w1` and `w2`."""
        a = self.get_vector(w1).astype(np.float64)
        b = self.get_vector(w2).astype(np.float64)
        lengths = np.linalg.norm(a) * np.linalg.norm(b)
        return float(a @ b / lengths) if lengths > 0 else 0.0

    def distance(self, w1, w2):
        """1 - similarity(w1, w2)."""
        return 1.0 - self.similarity(w1, w2)

    def doesnt_match(self, words):
        """The word of `words` farthest from the mean of their unit vectors (unknown words are ignored, with a warning)."""
        words = list(words)
        used = [word for word in words if word in self]
        if len(used) != len(words):
            missing = set(words) - set(used)
            warnings.warn(f"vectors for words {missing} are not present in the model, ignoring these words",
                          stacklevel=2)
        if not used:
            raise ValueError("cannot select a word from an empty list")
        vectors = np.vstack([self.get_vector(word, norm=True) for word in used]).astype(np.float32)
        mean = vectors.mean(axis=0)
        mean /= np.linalg.norm(mean)
        return sorted(zip(vectors @ mean, used), reverse=True)[-1][1]

    def evaluate_word_analogies(self, analogies, restrict_vocab=_EVALUATION_RESTRICT):
        """Analogy accuracy, as gensim's ``evaluate_word_analogies`` with ``case_insensitive=True``.

        `analogies` is a file in the format of questions-words.txt. Returns ``(score, sections)``:
        the total accuracy, and per section (then ``'Total accuracy'``) a dict with its name under
        ``'section'`` and the upper-cased questions answered right and wrong under ``'correct'`` and
        ``'incorrect'``; questions with a word outside the first `restrict_vocab` rows are not asked.
        """
        sections = []
        for name, questions in self._store.evaluate_word_analogies(os.fspath(analogies), self._restrict(restrict_vocab)):
            section = {"section": name, "correct": [], "incorrect": []}
            for a, b, c, expected, right in questions:
                section["correct" if right else "incorrect"].append(
                    (a.upper(), b.upper(), c.upper(), expected.upper()))
            sections.append(section)
        total = {
            "section": "Total accuracy",
            "correct": [question for section in sections for question in section["correct"]],
            "incorrect": [question for section in sections for question in section["incorrect"]],
        }
        asked = len(total["correct"]) + len(total["incorrect"])
        sections.append(total)
        return (len(total["correct"]) / asked if asked else 0.0), sections

    def evaluate_word_pairs(self, pairs, restrict_vocab=_EVALUATION_RESTRICT):
        """Correlation with human similarity scores, as gensim's ``evaluate_word_pairs`` with ``case_insensitive=True``.

        `pairs` has ``word word score`` lines (tab or space separated, ``#`` comments). Returns
        ``(pearson, spearman, oov_ratio)``: each correlation as ``(statistic, pvalue)``, and the
        percentage of pairs with a word outside the first `restrict_vocab` rows (those are skipped).
        """
        path = os.fspath(pairs)
        total, covered, pearson, spearman = self._store.evaluate_word_pairs(path, self._restrict(restrict_vocab))
        if covered == 0:
            raise ValueError(f"No valid similarity judgements found in {path}: either invalid format or "
                             f"all are out-of-vocabulary in {self}")
        return correlation(pearson, covered), correlation(spearman, covered), 100.0 * (total - covered) / total

    def save_word2vec_format(self, fname, binary=False):
        """Writes word2vec's text (or binary) format, which gensim, word2vec.c, fastText and ``w2v.load`` read."""
        self._store.save(os.fspath(fname), bool(binary))

    def to_gensim(self):
        """These vectors as a ``gensim.models.KeyedVectors``, sharing this object's ``vectors`` (no copy)."""
        from gensim.models import KeyedVectors as GensimKeyedVectors

        vectors = GensimKeyedVectors(self.vector_size, count=0, dtype=np.float32)
        vectors.index_to_key = list(self.index_to_key)
        vectors.key_to_index = dict(self.key_to_index)
        vectors.next_index = len(self)
        vectors.vectors = self._vectors
        return vectors


def load(path, limit=None):
    """Reads word vectors in word2vec's text or binary format (told apart by content; binary files are memory-mapped).

    Reads the files of ``w2v train``, word2vec.c, gensim's ``save_word2vec_format`` and fastText's
    ``.vec``. `limit` keeps only the first rows (the most frequent words). A malformed file raises
    ``w2v.Error`` naming the file and line or row.
    """
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    store = _w2v.load(os.fspath(path)) if limit is None else _w2v.load(os.fspath(path), int(limit))
    return KeyedVectors(store)
