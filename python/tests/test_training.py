"""w2v.train: the command line's training from Python, from a file or an iterable."""

import io
import re
import threading
import warnings

import numpy as np
import pytest

import w2v
from conftest import group_accuracy, planted_sentences, run_cli, write_corpus

SMALL = dict(dim=16, epochs=3, sample=1e-2, min_count=2, threads=2)


def test_training_from_a_file_recovers_the_planted_groups(planted):
    path, sentences = planted
    model = w2v.train(path, model="sg", progress=False, **SMALL)
    assert model.corpus.path == path
    assert model.corpus.tokens == 16 * len(sentences)
    assert model.corpus.lines == len(sentences)
    assert model.corpus.vocabulary == len(model.wv) == 66
    assert model.summary.words == 3 * model.corpus.training_tokens
    assert model.summary.threads == 2
    assert model.wv.vectors.shape == (66, 16)
    assert group_accuracy(model.wv) >= 0.9


def test_an_iterable_a_generator_a_file_and_the_command_line_give_the_same_vectors(planted, tmp_path):
    path, sentences = planted
    options = dict(model="cbow", loss="hs", dim=12, epochs=2, min_count=3, threads=1, seed=5)
    code, _, errors = run_cli("train", "--input", path, "--output", tmp_path / "cli.bin", "--binary", "--quiet",
                              *[f"--{name.replace('_', '-')}={value}" for name, value in options.items()])
    assert code == 0, errors
    from_cli = w2v.load(tmp_path / "cli.bin")
    from_file = w2v.train(path, progress=False, **options)
    from_list = w2v.train(sentences, progress=False, **options)
    from_generator = w2v.train((list(s) for s in sentences), progress=False, **options)
    assert from_list.corpus.path == "<iterable>"
    assert from_list.corpus.tokens == from_file.corpus.tokens
    assert from_list.corpus.lines == len(sentences)
    for model in (from_file, from_list, from_generator):
        assert model.wv.index_to_key == from_cli.index_to_key
        assert np.array_equal(model.wv.vectors, from_cli.vectors)


def test_sentences_may_be_tuples_or_any_iterables_of_words():
    sentences = [("a", "b", "c"), iter(["b", "c", "a"]), [], ["c", "a", "b"]]
    model = w2v.train(sentences, min_count=1, dim=4, epochs=1, progress=False)
    assert sorted(model.wv.index_to_key) == ["a", "b", "c"]
    assert model.corpus.tokens == 9
    assert model.corpus.lines == 4


def test_the_vocabulary_can_come_from_a_word_count_file(planted, tmp_path):
    path, _ = planted
    (tmp_path / "vocab.txt").write_text("g0w0 900\ng1w1 800\nthe 700\nrare 1\n")
    model = w2v.train(path, read_vocab=tmp_path / "vocab.txt", dim=8, epochs=1, progress=False)
    assert model.wv.index_to_key == ["g0w0", "g1w1", "the"]
    with pytest.raises(w2v.Error, match="missing.txt"):
        w2v.train(path, read_vocab=tmp_path / "missing.txt", progress=False)


def test_the_options_are_the_command_lines_with_its_defaults():
    code, help_text, _ = run_cli("train", "--help")
    assert code == 0
    documented = re.findall(r"^        (\w+)=\S*: .*?(?: \(default: (.*)\))?$", w2v.train.__doc__, re.M)
    assert len(documented) >= 16
    options = [" ".join(text.split()) for text in re.split(r"\n\s+(?:-\w, )?--", help_text)]  # one per option
    for name, default in documented:
        described = next(text for text in options if text.startswith(name.replace("_", "-") + " "))
        if default:
            assert f"(default: {default})" in described, name


@pytest.mark.parametrize("options", [
    dict(dim=0), dict(model="skip"), dict(sample=1.5), dict(alpha="fast"), dict(window=2.5), dict(negative=0),
    dict(min_alpha=0.5), dict(threads=-1), dict(cbow_mean=2), dict(min_count=1000000),
])
def test_bad_options_raise_the_command_lines_message(planted, tmp_path, options):
    path, _ = planted
    arguments = [f"--{name.replace('_', '-')}={value}" for name, value in options.items()]
    code, _, errors = run_cli("train", "--input", path, "--output", tmp_path / "v.txt", "--quiet", *arguments)
    assert code == 1
    with pytest.raises(w2v.Error) as raised:
        w2v.train(path, progress=False, **options)
    assert errors == f"w2v train: error: {raised.value}\n"


def test_bad_files_raise_the_command_lines_message(tmp_path):
    (tmp_path / "blank.txt").write_text(" \n\n")
    (tmp_path / "binary.dat").write_bytes(b"text\0more")
    for name in ("missing.txt", "blank.txt", "binary.dat"):
        corpus = tmp_path / name
        code, _, errors = run_cli("train", "--input", corpus, "--output", tmp_path / "v.txt", "--quiet")
        assert code == 1
        with pytest.raises(w2v.Error) as raised:
            w2v.train(corpus, progress=False)
        assert errors == f"w2v train: error: {raised.value}\n"
    with pytest.raises(w2v.Error, match="^<iterable>: the corpus is empty"):
        w2v.train([[], []], progress=False)


def test_unknown_options_are_type_errors_that_name_w2vs_word():
    with pytest.raises(TypeError, match=r"'vector_size' \(w2v calls it dim\)"):
        w2v.train([["a"]], vector_size=10)
    with pytest.raises(TypeError, match="'colour'"):
        w2v.train([["a"]], colour="blue")
    with pytest.raises(TypeError, match="progress must be"):
        w2v.train([["a"]], progress="yes")


@pytest.mark.parametrize("sentences, message", [
    (["a sentence as one str"], "<iterable>: sentence 1: a str, expected a list of words (split it, e.g. line.split())"),
    ([["a"], ["b", 3]], "<iterable>: sentence 2, word 2: expected a str, got int"),
    ([["a", "new york"]], "<iterable>: sentence 1, word 2: 'new york' contains a blank"),
    ([["a", ""]], "<iterable>: sentence 1, word 2: an empty word"),
    ([["a\0b"]], "<iterable>: sentence 1, word 1: a word with a NUL byte"),
    ([["\ud800"]], "<iterable>: sentence 1, word 1: not encodable as UTF-8"),
    ([5], "<iterable>: sentence 1: a int, expected a list of words"),
])
def test_bad_sentences_are_errors_naming_sentence_and_word(sentences, message):
    with pytest.raises(w2v.Error) as raised:
        w2v.train(sentences, min_count=1, progress=False)
    assert str(raised.value).startswith(message)


def test_an_exception_of_the_iterable_propagates():
    def sentences():
        yield ["a", "b"]
        raise RuntimeError("the source failed")

    with pytest.raises(RuntimeError, match="the source failed"):
        w2v.train(sentences(), min_count=1, progress=False)


def test_long_words_are_cut_to_100_bytes_with_a_warning():
    long_word = "é" * 60  # 120 bytes: cut to 50 characters
    with pytest.warns(UserWarning, match="^<iterable>: 2 words longer than 100 bytes were cut$"):
        model = w2v.train([["a", long_word, "b"], [long_word, "a", "b"]], min_count=1, dim=4, epochs=1, progress=False)
    assert "é" * 50 in model.wv


def test_progress_goes_to_a_callable_at_most_every_tenth_of_a_second_and_at_the_end(planted):
    path, _ = planted
    reports = []
    model = w2v.train(path, progress=reports.append, **dict(SMALL, epochs=20))
    assert reports, "no progress reported"
    assert all(isinstance(p, w2v.TrainingProgress) for p in reports)
    fractions = [p.fraction for p in reports]
    assert fractions == sorted(fractions)
    assert reports[-1].words_done == reports[-1].total_words == model.summary.words
    assert reports[-1].fraction == 1.0
    gaps = [b.seconds - a.seconds for a, b in zip(reports[:-2], reports[1:-1])]
    assert all(gap >= 0.09 for gap in gaps)


def test_an_exception_of_the_progress_callable_ends_the_run_and_propagates(planted):
    def fail(progress):
        raise ValueError(f"stop at {progress.words_done}")

    with pytest.raises(ValueError, match="^stop at "):
        w2v.train(planted[0], progress=fail, **dict(SMALL, epochs=50))


def test_the_default_report_is_the_command_lines_on_stderr(planted, capsys):
    path, _ = planted
    w2v.train(path, **SMALL)
    errors = capsys.readouterr().err
    assert re.match(rf"corpus {re.escape(path)}: 32000 words, 2000 lines; vocabulary: 66 words; "
                    r"training words per epoch: \d+\n", errors)
    assert re.search(r"\ntrained \d+ words in [\d.]+ s: [\d.]+[kM]? words/sec/thread, 2 threads, "
                     r"final loss [\d.]+\n$", errors)
    w2v.train(path, progress=False, **SMALL)
    assert capsys.readouterr().err == ""
    log = io.StringIO()
    w2v.train(path, progress=w2v.ProgressPrinter(log), **SMALL)
    assert capsys.readouterr().err == ""
    assert log.getvalue().startswith(f"corpus {path}: 32000 words") and "\ntrained " in log.getvalue()


def test_training_releases_the_gil(planted):
    """Another Python thread runs while training: the GIL is released."""
    path, _ = planted
    counts = []
    done = threading.Event()
    counter = [0]

    def spin():
        while not done.is_set():
            counter[0] += 1

    thread = threading.Thread(target=spin)
    thread.start()
    try:
        w2v.train(path, progress=lambda p: counts.append(counter[0]), **dict(SMALL, epochs=30))
    finally:
        done.set()
        thread.join()
    assert len(counts) >= 2
    assert counts[-1] - counts[0] > 10000


def test_warnings_can_be_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(UserWarning, match="were cut"):
            w2v.train([["x" * 200, "a"]], min_count=1, progress=False)
