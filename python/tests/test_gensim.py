"""The same words and numbers as gensim's KeyedVectors on the same vectors."""

import numpy as np
import pytest

import w2v
from conftest import analogy_questions, analogy_vectors, word_pairs, write_text_vectors

gensim_models = pytest.importorskip("gensim.models")

# gensim's most_similar_cosmul calls its own deprecated init_sims.
pytestmark = pytest.mark.filterwarnings("ignore:Call to deprecated `init_sims`:DeprecationWarning")

QUERIES = [
    dict(positive=["b3"]),
    dict(positive=["r1_b2", "b4"], negative=["b2"]),
    dict(positive=["B3", "é"], negative=["r0_b7", "b9"]),
    dict(positive="r3_b11", negative="b11"),
]


@pytest.fixture(scope="module")
def vectors(tmp_path_factory):
    """(ours, gensim's, the directory), both read from one file."""
    directory = tmp_path_factory.mktemp("vectors")
    words, rows = analogy_vectors()
    path = write_text_vectors(directory / "v.txt", words, rows)
    return w2v.load(path), gensim_models.KeyedVectors.load_word2vec_format(path), directory


def same_neighbors(ours, theirs):
    assert [score for _, score in ours] == pytest.approx([score for _, score in theirs], rel=1e-5, abs=1e-6)
    # The same words in the same order, except among words whose scores are
    # equal to float precision (trained vectors can have two neighbours at
    # 0.9949398 and 0.9949397, which gensim's arithmetic may order the other way).
    for (word, score), (their_word, _) in zip(ours, theirs):
        if word != their_word:
            assert their_word in [w for w, s in ours if abs(s - score) <= 1e-6], (ours, theirs)


@pytest.mark.parametrize("query", QUERIES)
def test_most_similar(vectors, query):
    ours, theirs, _ = vectors
    same_neighbors(ours.most_similar(**query, topn=10), theirs.most_similar(**query, topn=10))
    same_neighbors(ours.most_similar(**query, topn=5, restrict_vocab=100),
                   theirs.most_similar(**query, topn=5, restrict_vocab=100))
    assert ours.most_similar(**query, topn=None) == pytest.approx(theirs.most_similar(**query, topn=None), abs=1e-6)
    same_neighbors(ours.most_similar_cosmul(**query, topn=10), theirs.most_similar_cosmul(**query, topn=10))


def test_most_similar_with_vectors(vectors):
    ours, theirs, _ = vectors
    vector = np.linspace(-1, 1, 16).astype(np.float32)
    for query in (dict(positive=[vector]), dict(positive=["b1", vector], negative=["r2_b1"]),
                  dict(positive=["b5"], negative=[vector * 0.1])):
        same_neighbors(ours.most_similar(**query, topn=8), theirs.most_similar(**query, topn=8))
    same_neighbors(ours.similar_by_vector(vector, topn=8), theirs.similar_by_vector(vector, topn=8))


def test_similarity_and_doesnt_match(vectors):
    ours, theirs, _ = vectors
    for a, b in (("b1", "r0_b1"), ("B3", "b3"), ("é", "É"), ("b1", "b1")):
        assert ours.similarity(a, b) == pytest.approx(float(theirs.similarity(a, b)), rel=1e-5, abs=1e-6)
    for words in (["b1", "b2", "b3", "r0_b4"], ["r1_b1", "r1_b2", "r1_b3", "b9", "r1_b5"], ["b1", "B3", "b3"]):
        assert ours.doesnt_match(words) == theirs.doesnt_match(words)


def test_evaluate_word_analogies(vectors):
    ours, theirs, directory = vectors
    questions = analogy_questions(directory / "q.txt")
    restrict = len(ours) * 9 // 10
    for arguments in (dict(), dict(restrict_vocab=restrict), dict(restrict_vocab=None)):
        score, sections = ours.evaluate_word_analogies(questions, **arguments)
        their_score, their_sections = theirs.evaluate_word_analogies(questions, **arguments)
        assert sections == their_sections
        assert score == their_score
    assert 0 < score < 1


def test_evaluate_word_pairs(vectors):
    ours, theirs, directory = vectors
    pairs = word_pairs(directory / "p.txt", ours.index_to_key)
    restrict = len(ours) * 9 // 10
    pearson, spearman, oov = ours.evaluate_word_pairs(pairs, restrict_vocab=restrict)
    their_pearson, their_spearman, their_oov = theirs.evaluate_word_pairs(pairs, restrict_vocab=restrict)
    assert spearman.correlation == pytest.approx(their_spearman.correlation, rel=1e-9)
    assert spearman.pvalue == pytest.approx(their_spearman.pvalue, rel=1e-6)
    assert pearson[0] == pytest.approx(their_pearson[0], rel=1e-6)
    assert pearson[1] == pytest.approx(their_pearson[1], rel=1e-5)
    assert oov == pytest.approx(their_oov, rel=1e-12)
    assert oov > 0


def test_to_gensim_is_a_gensim_keyed_vectors_sharing_the_memory(vectors):
    ours, theirs, _ = vectors
    converted = ours.to_gensim()
    assert isinstance(converted, gensim_models.KeyedVectors)
    assert np.shares_memory(converted.vectors, ours.vectors)
    assert converted.index_to_key == theirs.index_to_key
    assert converted.key_to_index == theirs.key_to_index
    same_neighbors(converted.most_similar("b3"), theirs.most_similar("b3"))


def test_gensim_reads_what_we_save(vectors, tmp_path):
    ours, _, _ = vectors
    for binary in (False, True):
        path = tmp_path / "saved"
        ours.save_word2vec_format(path, binary=binary)
        read = gensim_models.KeyedVectors.load_word2vec_format(path, binary=binary)
        assert read.index_to_key == ours.index_to_key
        assert np.allclose(read.vectors, ours.vectors, rtol=1e-6)


def test_trained_vectors_answer_as_gensim_does(planted):
    # dim 10: rows padded to 16 floats, so gensim works on a strided view of them.
    model = w2v.train(planted[0], model="sg", dim=10, epochs=3, sample=1e-2, min_count=2, threads=2, progress=False)
    theirs = model.wv.to_gensim()
    assert theirs.vectors.strides == (64, 4)
    for word in ("g0w0", "the", "g5w3"):
        same_neighbors(model.wv.most_similar(word), theirs.most_similar(word))
