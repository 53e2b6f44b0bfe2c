"""Shared test data: generated corpora and vectors (the tests never read ../shared), and the CLI."""

import os
import random
import subprocess

import numpy as np
import pytest

GROUPS, WORDS_PER_GROUP = 8, 8


def planted_sentences(count, seed):
    """Sentences of 16 words, each from one topic group ("g3w5"), with the fillers "the" and "of"
    everywhere: a word's nearest words are its group's only if training works."""
    rng = random.Random(seed)
    sentences = []
    for _ in range(count):
        group = rng.randrange(GROUPS)
        sentences.append([rng.choice(("the", "of")) if rng.randrange(5) == 0 else f"g{group}w{rng.randrange(WORDS_PER_GROUP)}"
                          for _ in range(16)])
    return sentences


def write_corpus(path, sentences):
    with open(path, "w", encoding="utf-8") as out:
        for sentence in sentences:
            out.write(" ".join(sentence) + "\n")
    return str(path)


def group_accuracy(wv):
    """The fraction of topic words whose nearest word is in their group."""
    topic_words = [word for word in wv.index_to_key if word.startswith("g")]
    right = sum(wv.most_similar(word, topn=1)[0][0][:2] == word[:2] for word in topic_words)
    return right / len(topic_words)


@pytest.fixture(scope="session")
def planted(tmp_path_factory):
    """A planted corpus: (path, sentences)."""
    sentences = planted_sentences(2000, seed=8)
    return write_corpus(tmp_path_factory.mktemp("corpus") / "topics.txt", sentences), sentences


def w2v_binary():
    return os.environ.get("W2V_BINARY", os.path.join(os.path.dirname(__file__), "..", "..", "build", "w2v"))


def run_cli(*arguments):
    """Runs the w2v command; returns (exit code, stdout, stderr)."""
    result = subprocess.run([w2v_binary(), *map(str, arguments)], capture_output=True, text=True,
                            stdin=subprocess.DEVNULL)
    return result.returncode, result.stdout, result.stderr


def analogy_vectors(seed=11, dim=16, bases=40, relations=4):
    """Words and vectors with analogies that come out partly right (as tests/test_eval.cpp's): base
    words, four noisy relation offsets of each, case variants near some words, rows shuffled."""
    rng = np.random.default_rng(seed)
    offsets = rng.normal(size=(relations, dim))
    words, rows = [], []
    for i in range(bases):
        base = rng.normal(size=dim)
        words.append(f"b{i}")
        rows.append(base)
        for k in range(relations):
            words.append(f"r{k}_b{i}")
            rows.append(base + offsets[k] + 0.8 * rng.normal(size=dim))
    for variant, of in (("B3", "b3"), ("R1_B5", "r1_b5"), ("r2_B7", "r2_b7")):
        words.append(variant)
        rows.append(rows[words.index(of)] + 0.2 * rng.normal(size=dim))
    for word in ("é", "É"):
        words.append(word)
        rows.append(rng.normal(size=dim))
    order = rng.permutation(len(words))
    return [words[i] for i in order], np.array([rows[i] for i in order], dtype=np.float32)


def write_text_vectors(path, words, vectors):
    with open(path, "w", encoding="utf-8") as out:
        out.write(f"{len(words)} {vectors.shape[1]}\n")
        for word, row in zip(words, vectors):
            out.write(word + " " + " ".join(repr(float(x)) for x in row) + "\n")
    return str(path)


def analogy_questions(path, relations=4, bases=12):
    sections = ("capital-like", "family-like", "gram1-like", "gram2-like")
    with open(path, "w", encoding="utf-8") as out:
        for k in range(relations):
            out.write(f": {sections[k]}\n")
            for i in range(bases):
                for j in range(bases):
                    if i != j:
                        a = f"B{i}" if i % 5 == 0 else f"b{i}"
                        out.write(f"{a} r{k}_b{i} b{j} r{k}_b{j}\n")
            out.write(f"b1 r{k}_b1 é xyzzy\n")
        out.write(": empty\n")
    return str(path)


def word_pairs(path, words, seed=3):
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        out.write("# generated pairs\n")
        for _ in range(150):
            out.write(f"{rng.choice(words)}\t{rng.choice(words)}\t{rng.randrange(6)}\n")
        out.write("b1\txyzzy\t3\n")
    return str(path)
