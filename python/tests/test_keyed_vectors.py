"""w2v.KeyedVectors: the vectors in the library's memory, lookups, queries, files."""

import numpy as np
import pytest

import w2v
from w2v import _w2v
from conftest import analogy_vectors, run_cli, write_text_vectors

SMALL = dict(dim=16, epochs=3, sample=1e-2, min_count=2, threads=2, progress=False)


@pytest.fixture(scope="module")
def trained(planted):
    return w2v.train(planted[0], model="sg", **SMALL)


@pytest.fixture
def loaded(tmp_path):
    words, vectors = analogy_vectors()
    return w2v.load(write_text_vectors(tmp_path / "v.txt", words, vectors)), words, vectors


def test_trained_vectors_are_a_view_of_the_trained_matrix_with_its_padded_rows(trained):
    wv = trained.wv
    vectors = wv.vectors
    assert vectors is wv.vectors
    assert vectors.dtype == np.float32 and vectors.shape == (len(wv), 16)
    assert not vectors.flags.owndata
    assert isinstance(vectors.base, _w2v.VectorStore)  # the library's storage, not a copy
    assert vectors.strides == (16 * 4, 4)  # 16 floats are one 64-byte cache line: no padding at dim 16
    assert np.shares_memory(vectors, wv["g0w0"])
    padded = w2v.train([["a", "b", "c"]] * 20, dim=5, min_count=1, epochs=1, progress=False).wv.vectors
    assert padded.strides == (16 * 4, 4)  # rows of 5 floats start a cache line apart
    assert not padded.flags.c_contiguous and padded.shape == (3, 5)


def test_writing_through_the_array_changes_what_the_queries_see(planted):
    wv = w2v.train(planted[0], model="sg", **SMALL).wv
    # Before the first query: the similarity index is made from the rows as written.
    wv.vectors[wv.get_index("g7w7")] = wv["g0w0"] * 2
    assert wv.most_similar("g0w0", topn=1)[0][0] == "g7w7"
    assert wv.similarity("g0w0", "g7w7") == pytest.approx(1.0)
    # After it: fill_norms(force=True) makes the index anew, as gensim's norms.
    wv.vectors[wv.get_index("g6w6")] = -wv["g1w1"]
    assert wv.most_similar("g1w1", topn=len(wv))[-1][0] != "g6w6"
    wv.fill_norms(force=True)
    assert wv.most_similar("g1w1", topn=len(wv))[-1][0] == "g6w6"
    assert wv.most_similar(positive=["g6w6"], negative=["g1w1"], topn=None).shape == (len(wv),)


def test_writes_reach_the_saved_file(trained, tmp_path):
    wv = w2v.train([["a", "b", "c"]] * 20, dim=5, min_count=1, epochs=1, progress=False).wv
    wv.vectors[1] = [1, 2, 3, 4, 5]
    wv.save_word2vec_format(tmp_path / "v.bin", binary=True)
    assert w2v.load(tmp_path / "v.bin")[wv.index_to_key[1]].tolist() == [1, 2, 3, 4, 5]


def test_loaded_vectors_are_a_view_too(loaded):
    wv, words, vectors = loaded
    assert wv.index_to_key == words
    assert wv.key_to_index == {word: row for row, word in enumerate(words)}
    assert isinstance(wv.vectors.base, _w2v.VectorStore)
    assert wv.vectors.strides == (16 * 4, 4)
    assert np.array_equal(wv.vectors, vectors)


def test_lookups(loaded):
    wv, words, vectors = loaded
    assert len(wv) == len(words) and wv.vector_size == 16
    assert "b3" in wv and "xyzzy" not in wv and 0 in wv and len(wv) not in wv
    assert wv.get_index("b3") == words.index("b3")
    assert wv.get_index(5) == 5
    assert wv.get_index("xyzzy", -1) == -1
    with pytest.raises(KeyError, match="Key 'xyzzy' not present"):
        wv["xyzzy"]
    assert np.array_equal(wv["b3"], vectors[words.index("b3")])
    assert not wv["b3"].flags.writeable  # as gensim's: write through .vectors
    assert np.array_equal(wv[["b3", "b4"]], vectors[[words.index("b3"), words.index("b4")]])
    assert np.linalg.norm(wv.get_vector("b3", norm=True)) == pytest.approx(1.0)
    assert wv.distance("b3", "b4") == pytest.approx(1 - wv.similarity("b3", "b4"))


def test_most_similar_takes_keys_rows_and_vectors(loaded):
    wv, words, _ = loaded
    by_word = wv.most_similar("b3", topn=5)
    assert len(by_word) == 5 and "b3" not in [word for word, _ in by_word]
    assert [score for _, score in by_word] == sorted((score for _, score in by_word), reverse=True)
    assert wv.most_similar(positive=["b3"], topn=5) == by_word
    assert wv.most_similar(wv.get_index("b3"), topn=5) == by_word
    assert wv.similar_by_word("b3", topn=5) == by_word
    # A vector is a query too, and is not left out of the answer.
    by_vector = wv.similar_by_vector(wv["b3"], topn=6)
    assert by_vector[0][0] == "b3" and by_vector[0][1] == pytest.approx(1.0)
    assert [word for word, _ in by_vector[1:]] == [word for word, _ in by_word]
    assert wv.most_similar("b3", topn=3, restrict_vocab=10) == [
        pair for pair in wv.most_similar("b3", topn=len(wv)) if wv.get_index(pair[0]) < 10][:3]
    all_scores = wv.most_similar(positive=["b1", "b2"], negative=["b3"], topn=None)
    assert all_scores.shape == (len(wv),)
    best = wv.most_similar(positive=["b1", "b2"], negative=["b3"], topn=1)[0]
    assert all_scores[wv.get_index(best[0])] == pytest.approx(best[1])
    assert wv.most_similar("b3", topn=0) == []
    cosmul = wv.most_similar_cosmul(positive=["r0_b1", "b2"], negative=["b1"], topn=3)
    assert len(cosmul) == 3


def test_bad_queries(loaded):
    wv, _, _ = loaded
    with pytest.raises(ValueError, match="cannot compute similarity with no input"):
        wv.most_similar()
    with pytest.raises(KeyError, match="xyzzy"):
        wv.most_similar("xyzzy")
    with pytest.raises(ValueError, match="a query vector needs 16 values"):
        wv.most_similar(np.zeros(3))
    with pytest.raises(TypeError, match="weighted"):
        wv.most_similar([("b1", 0.5)])
    with pytest.raises(TypeError, match="keys, not vectors"):
        wv.most_similar_cosmul(np.zeros(16))
    with pytest.raises(ValueError, match="empty list"), pytest.warns(UserWarning, match="'xyzzy'"):
        wv.doesnt_match(["xyzzy"])


def test_load_reads_every_format_the_command_line_reads(loaded, tmp_path):
    wv, words, vectors = loaded
    for binary in (False, True):
        path = tmp_path / f"saved.{'bin' if binary else 'txt'}"
        wv.save_word2vec_format(path, binary=binary)
        again = w2v.load(path)
        assert again.index_to_key == words
        if binary:
            assert np.array_equal(again.vectors, vectors)
        else:
            assert np.allclose(again.vectors, vectors, rtol=1e-6)
    limited = w2v.load(tmp_path / "saved.bin", limit=10)
    assert limited.index_to_key == words[:10]
    # fastText's .vec style: a blank at each line's end, CRLF line ends.
    (tmp_path / "ft.vec").write_bytes(b"2 3\r\nthe 0.1 0.2 0.3 \r\nof 1 2 3 \r\n")
    assert np.allclose(w2v.load(tmp_path / "ft.vec").vectors, [[0.1, 0.2, 0.3], [1, 2, 3]])
    with pytest.raises(ValueError, match="limit must be at least 1"):
        w2v.load(tmp_path / "saved.bin", limit=0)


def test_malformed_files_raise_the_command_lines_message(tmp_path):
    (tmp_path / "short.txt").write_text("2 3\na 1 2 3\nb 1 2\n")
    for path in (tmp_path / "short.txt", tmp_path / "missing.txt"):
        code, _, errors = run_cli("neighbors", path, "a")
        assert code == 1
        with pytest.raises(w2v.Error) as raised:
            w2v.load(path)
        assert errors == f"w2v neighbors: error: {raised.value}\n"


def test_words_that_are_not_utf8_survive_a_round_trip(tmp_path):
    (tmp_path / "v.txt").write_bytes(b"2 2\ncaf\xe9 1 0\nok 0 1\n")
    wv = w2v.load(tmp_path / "v.txt")
    assert wv.index_to_key[0] == "caf\udce9"
    assert wv.most_similar("caf\udce9", topn=1)[0][0] == "ok"
    wv.save_word2vec_format(tmp_path / "again.txt")
    assert (tmp_path / "again.txt").read_bytes().split(b"\n")[1].startswith(b"caf\xe9 ")


def test_evaluations_read_bad_files_as_the_command_line(loaded, tmp_path):
    wv, _, _ = loaded
    (tmp_path / "q.txt").write_text(": s\nman king woman\n")
    with pytest.raises(w2v.Error, match=r"q.txt: line 2: expected ': section' or a question of four words$"):
        wv.evaluate_word_analogies(tmp_path / "q.txt")
    (tmp_path / "p.txt").write_text("a b high\n")
    with pytest.raises(w2v.Error, match=r"p.txt: line 1: expected 'word word score'$"):
        wv.evaluate_word_pairs(tmp_path / "p.txt")
    (tmp_path / "p.txt").write_text("xyzzy plugh 3\n")
    with pytest.raises(ValueError, match="No valid similarity judgements"):
        wv.evaluate_word_pairs(tmp_path / "p.txt")
