#include <doctest/doctest.h>

#include <cmath>

#include "test_util.h"
#include "w2v/text/corpus.h"
#include "w2v/base/error.h"
#include "w2v/text/vocabulary.h"
#include "w2v/text/word_index.h"

using namespace w2v;

TEST_SUITE_BEGIN("unit");

TEST_CASE("word index: ids in insertion order, found again after growing") {
  WordIndex index;
  for (int i = 0; i < 100000; ++i) CHECK_EQ(index.insert("w" + std::to_string(i)), i);
  CHECK(index.size() == 100000);
  for (int i = 0; i < 100000; i += 997) CHECK_EQ(index.find("w" + std::to_string(i)), i);
  CHECK(index.insert("w42") == 42);
  CHECK(index.find("absent") == WordIndex::kNotFound);
  CHECK(index.find("") == WordIndex::kNotFound);
}

TEST_CASE("vocabulary: counts from a corpus, sorted by count, min-count pruning") {
  test::TempDir dir;
  test::write_file(dir.file("c.txt"), "b a c a\nb a d\n\n e  a\tb\r\n");
  const ScannedCorpus corpus = scan_corpus(dir.file("c.txt"));
  CHECK(corpus.tokens == 10);
  const Vocabulary all(corpus.counts, 1, 0);
  REQUIRE(all.size() == 5);
  CHECK(all.words() == std::vector<std::string>{"a", "b", "c", "d", "e"});  // 4, 3, then ties as first seen
  CHECK(all.counts() == std::vector<std::uint64_t>{4, 3, 1, 1, 1});
  CHECK(all.total_count() == 10);
  CHECK(all.id("b") == 1);
  CHECK(all.id("zzz") == -1);
  const Vocabulary frequent(corpus.counts, 3, 0);
  CHECK(frequent.words() == std::vector<std::string>{"a", "b"});
  CHECK(frequent.total_count() == 7);
}

TEST_CASE("vocabulary: max-vocab keeps exactly the N most frequent, ties in input order") {
  WordCounts counts{{"x", "q", "m", "a", "z", "k"}, {5, 9, 5, 5, 1, 7}};
  const Vocabulary top3(counts, 1, 3);
  CHECK(top3.words() == std::vector<std::string>{"q", "k", "x"});
  const Vocabulary top4(counts, 1, 4);
  CHECK(top4.words() == std::vector<std::string>{"q", "k", "x", "m"});
  const Vocabulary both(counts, 6, 4);  // min-count first, then the limit
  CHECK(both.words() == std::vector<std::string>{"q", "k"});
  // Among equal counts the input order decides, whatever the words are.
  WordCounts reversed{{"k", "z", "a", "m", "q", "x"}, {7, 1, 5, 5, 9, 5}};
  CHECK(Vocabulary(reversed, 1, 4).words() == std::vector<std::string>{"q", "k", "a", "m"});
  CHECK(Vocabulary(reversed, 1, 0).words() == std::vector<std::string>{"q", "k", "a", "m", "x", "z"});
}

TEST_CASE("vocabulary: subsampling keep probabilities follow word2vec's formula") {
  WordCounts counts{{"the", "of", "rare"}, {600000, 100000, 10}};
  const Vocabulary vocab(counts, 1, 0);
  const double sample = 1e-3, total = 700010;
  const auto keep = vocab.keep_probabilities(sample);
  for (std::int32_t i = 0; i < 3; ++i) {
    const double f = static_cast<double>(vocab.count(i)) / total;
    const double expected = std::min(1.0, (std::sqrt(f / sample) + 1) * sample / f);
    CHECK(keep[static_cast<std::size_t>(i)] == doctest::Approx(expected).epsilon(1e-12));
  }
  CHECK(keep[0] < 0.05);
  CHECK(keep[2] == 1.0);
  for (double p : vocab.keep_probabilities(0)) CHECK(p == 1.0);
}

TEST_CASE("vocabulary: save and read back, and malformed files") {
  test::TempDir dir;
  WordCounts counts{{"über", "b", "c"}, {3, 7, 3}};
  const Vocabulary vocab(counts, 1, 0);
  vocab.save(dir.file("v.txt"), 4);
  CHECK(test::read_file(dir.file("v.txt")) == "</s> 4\nb 7\nüber 3\nc 3\n");
  const WordCounts read = read_word_counts(dir.file("v.txt"));
  CHECK(Vocabulary(read, 1, 0).words() == vocab.words());
  CHECK(read.counts == std::vector<std::uint64_t>{7, 3, 3});

  // Without the </s> row (older w2v files, gensim's fvocab) the words are the
  // same; </s> is skipped only as the first row, where word2vec.c puts it.
  test::write_file(dir.file("plain.txt"), "b 7\nüber 3\nc 3\n");
  CHECK(read_word_counts(dir.file("plain.txt")).words == read.words);
  test::write_file(dir.file("blank-first.txt"), "\n</s> 9\nb 7\n");
  CHECK(read_word_counts(dir.file("blank-first.txt")).words == std::vector<std::string>{"b"});
  test::write_file(dir.file("later.txt"), "b 7\n</s> 9\n");
  CHECK(read_word_counts(dir.file("later.txt")).words == std::vector<std::string>{"b", "</s>"});

  test::write_file(dir.file("crlf.txt"), "a 2\r\nb 1\r\n");
  CHECK(read_word_counts(dir.file("crlf.txt")).words == std::vector<std::string>{"a", "b"});

  const auto error_of = [&](const std::string& content) {
    test::write_file(dir.file("bad.txt"), content);
    return test::error_of([&] { read_word_counts(dir.file("bad.txt")); });
  };
  CHECK(error_of("a 1\nb\n").find("bad.txt: line 2: expected 'word count'") != std::string::npos);
  CHECK(error_of("a x\n").find("line 1: 'x' is not a count") != std::string::npos);
  CHECK(error_of("a -3\n").find("is not a count") != std::string::npos);
  CHECK(error_of("a 1 2\n").find("expected 'word count'") != std::string::npos);
  CHECK(error_of("a 1\na 2\n").find("line 2: word 'a' appears twice") != std::string::npos);
  CHECK(error_of("a 1\n\xff\x1b 1\n\xff\x1b 2\n").find("line 3: word '\\xff\\x1b' appears twice") != std::string::npos);
  // Counts whose sum would wrap around (Huffman weights, subsampling's total).
  CHECK(error_of("a 4611686018427387903\nb 1\nc 1\n").find("line 3: the counts add up to more than 2^62") !=
        std::string::npos);
  CHECK(error_of("</s> x\n").find("line 1: 'x' is not a count") != std::string::npos);
  CHECK_THROWS_AS(read_word_counts(dir.file("missing.txt")), Error);
}

TEST_SUITE_END();
