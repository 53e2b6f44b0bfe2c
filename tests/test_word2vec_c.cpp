// Compatibility with word2vec.c: its vocabulary files, read and written by
// the rules of its code (tests/word2vec_c_rules.h).
#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "test_util.h"
#include "w2v/vectors/vectors_file.h"
#include "word2vec_c_rules.h"

using w2v::test::run;
using w2v::test::TempDir;
namespace word2vec_c = w2v::test::word2vec_c;

namespace {

// Lines of 3 to 14 words with skewed frequencies: w0 is the most common.
std::string skewed_corpus(int lines, unsigned seed) {
  std::mt19937 rng(seed);
  std::geometric_distribution<int> rank(0.08);
  std::string text;
  for (int line = 0; line < lines; ++line) {
    const int words = 3 + static_cast<int>(rng() % 12);
    for (int k = 0; k < words; ++k) text += "w" + std::to_string(rank(rng)) + (k + 1 == words ? "\n" : " ");
  }
  return text;
}

std::string w2v_train(const std::string& args) {
  return w2v::test::w2v_binary() + " train --quiet --threads 1 --dim 8 --epochs 1 " + args;
}

}  // namespace

TEST_CASE("vocabulary files: word2vec.c reads w2v's with </s> first and the corpus counts") {
  TempDir dir;
  const std::string corpus = skewed_corpus(500, 1);
  w2v::test::write_file(dir.file("c.txt"), corpus);
  const auto r = run(w2v_train("--input " + dir.file("c.txt") + " --output " + dir.file("v.txt") + " --save-vocab " +
                               dir.file("vocab.txt")),
                     dir);
  REQUIRE_MESSAGE(r.exit_code == 0, r.errors);
  const auto read = word2vec_c::read_vocab(w2v::test::read_file(dir.file("vocab.txt")), 5);
  // What word2vec.c itself would have counted in the corpus: the same entries.
  const auto learned = word2vec_c::learn_vocab(corpus, 5);
  REQUIRE(read.size() > 20);
  CHECK(read.front() == word2vec_c::Entry{"</s>", 500});
  CHECK(read == learned);
  // The vectors are those of the words, without </s>.
  const w2v::WordVectors vectors = w2v::read_vectors(dir.file("v.txt"));
  CHECK(vectors.size() == read.size() - 1);
  CHECK_FALSE(vectors.find("</s>"));
}

TEST_CASE("vocabulary files: w2v reads word2vec.c's, </s> is the sentence break and not a word") {
  TempDir dir;
  const std::string corpus = skewed_corpus(400, 2);
  w2v::test::write_file(dir.file("c.txt"), corpus);
  const auto written = word2vec_c::learn_vocab(corpus, 5);
  REQUIRE(written.front().word == "</s>");
  w2v::test::write_file(dir.file("word2vec-vocab.txt"), word2vec_c::save_vocab(written));
  const auto r = run(w2v_train("--input " + dir.file("c.txt") + " --output " + dir.file("v.txt") + " --read-vocab " +
                               dir.file("word2vec-vocab.txt") + " --save-vocab " + dir.file("again.txt")),
                     dir);
  REQUIRE_MESSAGE(r.exit_code == 0, r.errors);
  const w2v::WordVectors vectors = w2v::read_vectors(dir.file("v.txt"));
  CHECK(vectors.size() == written.size() - 1);
  CHECK_FALSE(vectors.find("</s>"));
  for (std::size_t i = 1; i < written.size(); ++i) CHECK(vectors.word(i - 1) == written[i].word);
  // Written back, the file is word2vec.c's own, row for row.
  CHECK(w2v::test::read_file(dir.file("again.txt")) == word2vec_c::save_vocab(written));
}
