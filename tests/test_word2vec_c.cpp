// Compatibility with word2vec.c: its vocabulary files, read and written by
// the rules of its code (tests/word2vec_c_rules.h), its command line, and the
// command lines of its demo scripts.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <sstream>

#include "planted_corpus.h"
#include "test_util.h"
#include "w2v/vectors/vectors_file.h"
#include "word2vec_c_rules.h"

using w2v::test::run;
using w2v::test::TempDir;

TEST_SUITE_BEGIN("unit");
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

std::string w2v_command(const std::string& args) { return w2v::test::w2v_binary() + " " + args; }

std::string w2v_train(const std::string& args) {
  return w2v::test::w2v_binary() + " train --quiet --threads 1 --dim 8 --epochs 1 " + args;
}

}  // namespace

TEST_CASE("vocabulary files: word2vec.c reads w2v's with </s> first and the corpus counts" * doctest::test_suite("cli")) {
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

TEST_CASE("vocabulary files: w2v reads word2vec.c's, </s> is the sentence break and not a word" * doctest::test_suite("cli")) {
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

TEST_CASE("word2vec.c's command line: the same run as w2v train with the same settings, to the byte" * doctest::test_suite("cli")) {
  TempDir dir;
  w2v::test::write_file(dir.file("c.txt"), w2v::test::planted_corpus(800, 3));
  const std::string c = dir.file("c.txt");
  // word2vec.c flags, then the w2v train options they stand for. One thread,
  // so that both runs are deterministic and must agree exactly.
  const std::vector<std::pair<std::string, std::string>> runs = {
      {"-threads 1", "--threads 1"},  // the defaults are word2vec.c's on both sides
      {"-cbow 0 -size 16 -window 3 -sample 1e-2 -hs 1 -negative 3 -threads 1 -iter 2 -min-count 2 -alpha 0.03 -binary 1",
       "--model sg --dim 16 --window 3 --sample 1e-2 --loss ns+hs --negative 3 --threads 1 --epochs 2 --min-count 2 "
       "--alpha 0.03 --binary"},
      {"-cbow 1 -size 12 -hs 1 -negative 0 -threads 1 -iter 1 -debug 0", "--model cbow --dim 12 --loss hs --threads 1 --epochs 1 --quiet"},
      {"-size 10 -negative 7 -threads 1 -iter 1 -binary 0", "--dim 10 --negative 7 --threads 1 --epochs 1"},
  };
  for (const auto& [flags, options] : runs) {
    CAPTURE(flags);
    const auto a = run(w2v_command("-train " + c + " -output " + dir.file("a") + " " + flags + " -save-vocab " + dir.file("va")), dir);
    const auto b = run(w2v_command("train --input " + c + " --output " + dir.file("b") + " " + options + " --save-vocab " + dir.file("vb")), dir);
    REQUIRE_MESSAGE(a.exit_code == 0, a.errors);
    REQUIRE_MESSAGE(b.exit_code == 0, b.errors);
    CHECK(w2v::test::read_file(dir.file("a")) == w2v::test::read_file(dir.file("b")));
    CHECK(w2v::test::read_file(dir.file("va")) == w2v::test::read_file(dir.file("vb")));
  }
  // -read-vocab, and -debug's levels: 0 quiet, 1 the summary, 2 (the default) the progress too.
  auto r = run(w2v_command("-train " + c + " -read-vocab " + dir.file("va") + " -output " + dir.file("r") + " -threads 1 -iter 1 -debug 1"), dir);
  REQUIRE_MESSAGE(r.exit_code == 0, r.errors);
  CHECK(r.errors.find("trained ") != std::string::npos);
  CHECK(r.errors.find("progress:") == std::string::npos);
  CHECK(r.errors.find("wrote " + dir.file("r") + " (66 words × 100, text)") != std::string::npos);
  r = run(w2v_command("-train " + c + " -output " + dir.file("r") + " -threads 1 -iter 1 -debug 0"), dir);
  CHECK(r.errors.empty());
  // Without -output, word2vec.c only counts the vocabulary.
  r = run(w2v_command("-train " + c + " -save-vocab " + dir.file("only")), dir);
  REQUIRE_MESSAGE(r.exit_code == 0, r.errors);
  CHECK(w2v::test::read_file(dir.file("only")) == w2v::test::read_file(dir.file("va")));
}

TEST_CASE("word2vec.c's command line: flags w2v cannot honour are refused by name, one line, exit 1" * doctest::test_suite("cli")) {
  TempDir dir;
  w2v::test::write_file(dir.file("c.txt"), w2v::test::planted_corpus(300, 4));
  const std::string run_line = "-train " + dir.file("c.txt") + " -output " + dir.file("out") + " -threads 1 -iter 1";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {run_line + " -foo 1", "unknown option '-foo'; word2vec.c's flags are -train -output -size"},
      {run_line + " -itr 3", "unknown option '-itr' (did you mean '-iter'?)"},
      {run_line + " --dim 3", "unknown option '--dim' (did you mean '-size'?)"},
      {run_line + " -size 0", "-size: must be a whole number from 1 to 10000, got 0"},
      {run_line + " -sample x", "-sample: invalid value 'x'"},
      {run_line + " -hs 2", "-hs: expected 0 or 1, got '2'"},
      {run_line + " -cbow yes", "-cbow: expected 0 or 1, got 'yes'"},
      {run_line + " -hs 0 -negative 0", "-hs 0 with -negative 0 leaves nothing to train"},
      {run_line + " -negative -1", "-negative: must be a whole number from 0 to 1000, got -1"},
      {run_line + " -classes -2", "-classes: must be 0 or more, got -2"},
      {run_line + " -classes 1000", "-classes: 1000 classes for a vocabulary of 66 words"},
      {run_line + " -debug x", "-debug: invalid value 'x'"},
      {run_line + " -size 5 -size 6", "-size: given twice"},
      {run_line + " -window", "-window: missing value"},
      {run_line + " extra", "unexpected argument 'extra'"},
      {"-output " + dir.file("out"), "-train is required"},
      {"-train " + dir.file("c.txt"), "nothing to write: give -output (or -save-vocab)"},
      {"-train " + dir.file("missing.txt") + " -output " + dir.file("out"), "missing.txt: cannot open"},
  };
  for (const auto& [args, expected] : cases) {
    CAPTURE(args);
    const auto r = run(w2v_command(args), dir);
    CHECK(r.exit_code == 1);
    CHECK(r.errors.rfind("w2v: error: ", 0) == 0);
    CHECK(r.errors.find(expected) != std::string::npos);
    CHECK(std::count(r.errors.begin(), r.errors.end(), '\n') == 1);
    CHECK(dir.entries() == 1);  // only the corpus
  }
}

namespace {

// A command line of word2vec.c's demo scripts, with its w2v train equivalent.
struct DemoLine {
  std::string script;
  std::string word2vec_flags;  // after -train CORPUS -output FILE, as in the script
  std::string native_options;  // the same settings for w2v train
  bool classes = false;
};

}  // namespace

TEST_CASE("word2vec.c's demo scripts: their command lines run unchanged, as good as w2v train's" * doctest::test_suite("slow")) {
  TempDir dir;
  // 640 topic words (more than demo-classes' 500 classes) in 40 groups.
  w2v::test::write_file(dir.file("corpus.txt"), w2v::test::planted_corpus(3000, 5, 40, 16));
  const std::vector<DemoLine> demos = {
      {"demo-word.sh", "-cbow 1 -size 200 -window 8 -negative 25 -hs 0 -sample 1e-4 -threads 20 -binary 1 -iter 15",
       "--model cbow --dim 200 --window 8 --negative 25 --loss ns --sample 1e-4 --threads 20 --binary --epochs 15"},
      {"demo-phrases.sh", "-cbow 1 -size 200 -window 10 -negative 25 -hs 0 -sample 1e-5 -threads 20 -binary 1 -iter 15",
       "--model cbow --dim 200 --window 10 --negative 25 --loss ns --sample 1e-5 --threads 20 --binary --epochs 15"},
      {"demo-classes.sh", "-cbow 1 -size 200 -window 8 -negative 25 -hs 0 -sample 1e-4 -threads 20 -iter 15 -classes 500",
       "--model cbow --dim 200 --window 8 --negative 25 --loss ns --sample 1e-4 --threads 20 --epochs 15 --classes 500", true},
      {"older demo-word.sh (skip-gram, hierarchical softmax)",
       "-cbow 0 -size 200 -window 5 -negative 0 -hs 1 -sample 1e-3 -threads 12 -binary 1",
       "--model sg --dim 200 --window 5 --loss hs --sample 1e-3 --threads 12 --binary"},
      {"both objectives", "-cbow 0 -size 100 -window 5 -hs 1 -negative 5 -threads 2 -binary 0 -iter 5",
       "--model sg --dim 100 --window 5 --loss ns+hs --negative 5 --threads 2 --epochs 5"},
  };
  const std::string corpus = dir.file("corpus.txt");
  for (const DemoLine& demo : demos) {
    CAPTURE(demo.script);
    const auto a = run(w2v_command("-train " + corpus + " -output " + dir.file("demo.out") + " " + demo.word2vec_flags), dir);
    REQUIRE_MESSAGE(a.exit_code == 0, a.errors);
    const auto b = run(w2v_command("train --quiet --input " + corpus + " --output " + dir.file("native.out") + " " + demo.native_options), dir);
    REQUIRE_MESSAGE(b.exit_code == 0, b.errors);
    if (demo.classes) {
      // demo-classes.sh then sorts the classes: `sort classes.txt -k 2 -n`.
      const auto sorted = run("sort " + dir.file("demo.out") + " -k 2 -n", dir);
      REQUIRE(sorted.exit_code == 0);
      std::vector<std::string> words, native_words;
      std::vector<std::int32_t> classes, native_classes;
      std::istringstream lines(sorted.output), native(w2v::test::read_file(dir.file("native.out")));
      std::string word;
      std::int32_t c = 0, last = -1;
      for (; lines >> word >> c; last = c) {
        CHECK(c >= last);  // sorted by class
        words.push_back(word);
        classes.push_back(c);
      }
      while (native >> word >> c) {
        native_words.push_back(word);
        native_classes.push_back(c);
      }
      CHECK(words.size() == 642);
      CHECK(native_words.size() == 642);
      CHECK(last == 499);  // 500 classes, numbered from 0
      const double precision = w2v::test::class_precision(words, classes);
      const double native_precision = w2v::test::class_precision(native_words, native_classes);
      MESSAGE(demo.script << ": same-group share of same-class pairs " << precision << ", native " << native_precision);
      CHECK(precision >= 0.9);
      CHECK(native_precision >= 0.9);
    } else {
      const w2v::WordVectors vectors = w2v::read_vectors(dir.file("demo.out")), native = w2v::read_vectors(dir.file("native.out"));
      CHECK(vectors.words() == native.words());
      CHECK(vectors.dim() == native.dim());
      const double accuracy = w2v::test::neighbour_accuracy(vectors.words(), vectors.matrix(vectors.size()));
      const double native_accuracy = w2v::test::neighbour_accuracy(native.words(), native.matrix(native.size()));
      MESSAGE(demo.script << ": nearest word in the same group " << accuracy << ", native " << native_accuracy);
      CHECK(accuracy >= 0.95);
      CHECK(accuracy == doctest::Approx(native_accuracy).epsilon(0.03));
    }
  }
}

TEST_SUITE_END();
