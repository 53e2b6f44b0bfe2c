// `w2v train` as a user runs it: outputs, formats other tools read, and bad input.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "test_util.h"
#include "w2v/vectors/vectors_file.h"

using w2v::test::run;
using w2v::test::TempDir;

TEST_SUITE_BEGIN("cli");

namespace {

std::string small_corpus() {
  std::mt19937 rng(1);
  std::string text;
  for (int line = 0; line < 400; ++line) {
    for (int k = 0; k < 12; ++k) text += "w" + std::to_string(rng() % 40) + (k == 11 ? "\n" : " ");
  }
  return text + "caf\xc3\xa9 caf\xc3\xa9 caf\xc3\xa9 caf\xc3\xa9 caf\xc3\xa9\n";
}

std::string train(const std::string& args) {
  return w2v::test::w2v_binary() + " train --quiet --threads 1 --dim 8 --epochs 1 " + args;
}

bool gensim_available() { return std::system("/usr/bin/python3 -c 'import gensim' >/dev/null 2>&1") == 0; }

}  // namespace

TEST_CASE("train: text and binary outputs hold the same vectors, in frequency order" * doctest::test_suite("slow")) {
  TempDir dir;
  w2v::test::write_file(dir.file("c.txt"), small_corpus());
  REQUIRE(run(train("--input " + dir.file("c.txt") + " --output " + dir.file("v.txt")), dir).exit_code == 0);
  REQUIRE(run(train("--input " + dir.file("c.txt") + " --output " + dir.file("v.bin") + " --binary"), dir).exit_code == 0);
  const std::string text = w2v::test::read_file(dir.file("v.txt"));
  CHECK(text.substr(0, text.find('\n')) == "41 8");
  CHECK(w2v::test::read_file(dir.file("v.bin")).substr(0, 5) == "41 8\n");
  CHECK(dir.entries() == 3);  // no temporary file left behind

  if (!gensim_available()) {
    MESSAGE("gensim is not installed: skipping the check that gensim reads both formats");
    return;
  }
  // gensim must read both files, and find the same numbers in each.
  const std::string script =
      "from gensim.models import KeyedVectors as K\n"
      "t = K.load_word2vec_format('" + dir.file("v.txt") + "')\n"
      "b = K.load_word2vec_format('" + dir.file("v.bin") + "', binary=True)\n"
      "assert t.index_to_key == b.index_to_key, 'word order differs'\n"
      "assert 'caf\\u00e9' in t.key_to_index\n"
      "assert abs(t.vectors - b.vectors).max() == 0, 'values differ'\n"
      "assert t.vectors.shape == (41, 8)\n"
      "print('ok', t.index_to_key[0])\n";
  w2v::test::write_file(dir.file("check.py"), script);
  const auto result = run("/usr/bin/python3 " + dir.file("check.py"), dir);
  CHECK_MESSAGE(result.exit_code == 0, result.errors);
  CHECK(result.output.substr(0, 3) == "ok ");
}

TEST_CASE("train: stdin input, vocabulary files, max-vocab and the context vectors") {
  TempDir dir;
  w2v::test::write_file(dir.file("c.txt"), small_corpus());
  auto r = run("cat " + dir.file("c.txt") + " | " +
                   train("--input - --output " + dir.file("v.txt") + " --save-vocab " + dir.file("vocab.txt") +
                                  " --max-vocab 10 --save-context " + dir.file("ctx.txt") + " --model sg"),
               dir);
  REQUIRE_MESSAGE(r.exit_code == 0, r.errors);
  const std::string vocab = w2v::test::read_file(dir.file("vocab.txt"));
  CHECK(std::count(vocab.begin(), vocab.end(), '\n') == 11);  // </s> and the 10 words
  CHECK(vocab.rfind("</s> 401\n", 0) == 0);
  CHECK(w2v::test::read_file(dir.file("v.txt")).substr(0, 5) == "10 8\n");
  CHECK(w2v::test::read_file(dir.file("ctx.txt")).substr(0, 5) == "10 8\n");
  // --read-vocab: the same 10 words, and min-count applies to its counts.
  r = run(train("--input " + dir.file("c.txt") + " --output " + dir.file("r.txt") + " --read-vocab " +
                         dir.file("vocab.txt") + " --save-vocab " + dir.file("vocab2.txt")),
          dir);
  REQUIRE_MESSAGE(r.exit_code == 0, r.errors);
  CHECK(w2v::test::read_file(dir.file("vocab2.txt")) == vocab);
}

TEST_CASE("train: progress and summary go to stderr unless --quiet") {
  TempDir dir;
  w2v::test::write_file(dir.file("c.txt"), small_corpus());
  const auto r = run(w2v::test::w2v_binary() + " train --threads 2 --dim 8 --input " + dir.file("c.txt") +
                         " --output " + dir.file("v.txt"),
                     dir);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.empty());
  CHECK(r.errors.find("vocabulary: 41 words") != std::string::npos);
  CHECK(r.errors.find("trained 2") != std::string::npos);  // 5 epochs x 4805 words
  CHECK(r.errors.find("words/sec/thread") != std::string::npos);
  CHECK(r.errors.find(", 2 threads, final loss ") != std::string::npos);
  CHECK(r.errors.find("wrote " + dir.file("v.txt") + " (41 words × 8, text)\n") != std::string::npos);
  // One thread, one line: singular nouns.
  w2v::test::write_file(dir.file("one.txt"), "a a a a a\n");
  const auto one = run(w2v::test::w2v_binary() + " train --threads 1 --dim 4 --epochs 1 --min-count 1 --input " +
                           dir.file("one.txt") + " --output " + dir.file("o.bin") + " --binary --save-vocab " +
                           dir.file("ov.txt"),
                       dir);
  REQUIRE_MESSAGE(one.exit_code == 0, one.errors);
  CHECK(one.errors.find("5 words, 1 line; vocabulary: 1 word;") != std::string::npos);
  CHECK(one.errors.find(", 1 thread, final loss ") != std::string::npos);
  CHECK(one.errors.find("wrote " + dir.file("o.bin") + " (1 word × 4, binary)\n") != std::string::npos);
  CHECK(one.errors.find("wrote " + dir.file("ov.txt") + " (</s> and 1 word)\n") != std::string::npos);
}

TEST_CASE("train: --save-vocab without --output counts the vocabulary only, as word2vec.c without -output") {
  TempDir dir;
  w2v::test::write_file(dir.file("c.txt"), small_corpus());
  auto r = run(train("--input " + dir.file("c.txt") + " --output " + dir.file("v.txt") + " --save-vocab " +
                     dir.file("full.txt")),
               dir);
  REQUIRE_MESSAGE(r.exit_code == 0, r.errors);
  r = run(w2v::test::w2v_binary() + " train --input " + dir.file("c.txt") + " --save-vocab " + dir.file("only.txt"), dir);
  REQUIRE_MESSAGE(r.exit_code == 0, r.errors);
  CHECK(w2v::test::read_file(dir.file("only.txt")) == w2v::test::read_file(dir.file("full.txt")));
  CHECK(r.errors.find("trained") == std::string::npos);
  CHECK(r.errors.find("wrote " + dir.file("only.txt") + " (</s> and 41 words)") != std::string::npos);
  CHECK(dir.entries() == 4);  // the corpus, the vectors of the first run and the two vocabularies
}

TEST_CASE("train: --eval-analogies prints the accuracy after each epoch") {
  TempDir dir;
  w2v::test::write_file(dir.file("c.txt"), small_corpus());
  w2v::test::write_file(dir.file("q.txt"), ": family\nw1 w2 w3 w4\nw5 w6 w7 w8\n: gram-x\nw1 w2 w9 nothere\n");
  const auto r = run(w2v::test::w2v_binary() + " train --quiet --threads 1 --dim 8 --epochs 3 --input " +
                         dir.file("c.txt") + " --output " + dir.file("v.txt") + " --eval-analogies " + dir.file("q.txt"),
                     dir);
  REQUIRE_MESSAGE(r.exit_code == 0, r.errors);
  for (const char* epoch : {"epoch 1: analogy accuracy ", "epoch 2: analogy accuracy ", "epoch 3: analogy accuracy "}) {
    CHECK(r.errors.find(epoch) != std::string::npos);
  }
  CHECK(r.errors.find("2 of 3 questions covered") != std::string::npos);
  CHECK(r.errors.find("epoch 4") == std::string::npos);
}

TEST_CASE("train: bad input gets one error line, a non-zero exit and no output file") {
  TempDir dir;
  w2v::test::write_file(dir.file("c.txt"), small_corpus());
  w2v::test::write_file(dir.file("empty.txt"), "");
  w2v::test::write_file(dir.file("rare.txt"), "each word here is unique\n");
  std::string garbage(4096, '\0');
  std::mt19937 rng(3);
  for (char& c : garbage) c = static_cast<char>(rng());
  garbage[100] = '\0';
  w2v::test::write_file(dir.file("garbage.bin"), garbage);
  const std::string out = " --output " + dir.file("out.txt");
  const std::string good = " --input " + dir.file("c.txt");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {" --input " + dir.file("missing.txt") + out, "missing.txt: cannot open"},
      {" --input " + dir.file("empty.txt") + out, "empty.txt: the corpus is empty"},
      {" --input " + dir.file("rare.txt") + out, "rare.txt: no word occurs at least 5 times"},
      {" --input " + dir.file("garbage.bin") + out, "garbage.bin: binary data"},
      {good + out + " --dim 0", "--dim: must be a whole number from 1 to 10000, got 0"},
      {good + out + " --window -2", "--window: must be a whole number from 1 to 1000, got -2"},
      {good + out + " --model skipthought", "--model: unknown value 'skipthought' (expected cbow|sg)"},
      {good + out + " --loss nce", "--loss: unknown value 'nce' (expected ns|hs|ns+hs|softmax)"},
      {good + out + " --epochs 0", "--epochs: must be a whole number from 1 to 100000, got 0"},
      {good + out + " --threads 0", "--threads: must be a whole number from 1 to 1024, got 0"},
      {good + out + " --sample 2", "--sample: must be in [0, 1), got 2"},
      {good + out + " --dim abc", "--dim: invalid value 'abc'"},
      {good + out + " --loss hs --save-context " + dir.file("ctx.txt"), "--save-context"},
      {good + " --output " + dir.file("no/such/dir/out.txt"), "out.txt: cannot create file"},
      {out, "--input is required"},
      {good, "--output is required (or --save-vocab alone)"},
      {good + " --save-vocab " + dir.file("vocab.txt") + " --binary", "--binary: needs --output"},
      {good + " --save-vocab " + dir.file("vocab.txt") + " --classes 5", "--classes: needs --output"},
      {good + out + " --cbow-mean 2", "--cbow-mean: must be a whole number from 0 to 1, got 2"},
      {good + out + " --max-sentence 0", "--max-sentence: must be a whole number from 1 to 100000000, got 0"},
      {good + out + " --negative 0", "--negative: must be at least 1 with --loss ns"},
      {good + out + " --loss ns+hs --negative 0", "--negative: must be at least 1 with --loss ns+hs"},
      {good + out + " --loss hs --negative 10", "--negative: has no effect with --loss hs"},
      {good + out + " --loss softmax --ns-exponent 0.5", "--ns-exponent: has no effect with --loss softmax"},
      {good + out + " --alpha 0.01 --min-alpha 0.1", "--min-alpha: 0.1 exceeds the starting rate 0.01"},
      {good + out + " --seed -1", "--seed: must be a whole number of at least 0, got -1"},
      {good + out + " --alpha 0", "--alpha: must be in [1e-09, 1], got 0"},
      {good + out + " --negative 5000", "--negative: must be a whole number from 0 to 1000, got 5000"},
      {good + out + " --negative 1000000000", "--negative: must be a whole number from 0 to 1000, got 1000000000"},
      {good + out + " --window 1000000000", "--window: must be a whole number from 1 to 1000, got 1000000000"},
      {good + out + " --dim 100000", "--dim: must be a whole number from 1 to 10000, got 100000"},
      {good + out + " --alpha 2", "--alpha: must be in [1e-09, 1], got 2"},
      {good + out + " --min-count 0", "--min-count: must be a whole number of at least 1, got 0"},
      {good + out + " --eval-analogies " + dir.file("missing-questions.txt"), "missing-questions.txt"},
      // Outputs that would destroy an input or each other, or cannot be written, before the corpus is read.
      {good + " --output " + dir.file("c.txt"), "--output " + dir.file("c.txt") + ": the same file as --input"},
      {good + " --output " + dir.path().string() + "/./c.txt", "the same file as --input"},
      {good + out + " --save-vocab " + dir.file("c.txt"), "--save-vocab " + dir.file("c.txt") + ": the same file as --input"},
      {good + out + " --save-context " + dir.file("out.txt"), "--save-context " + dir.file("out.txt") + ": the same file as --output"},
      {good + out + " --read-vocab " + dir.file("rare.txt") + " --save-vocab " + dir.file("rare.txt"),
       "--save-vocab " + dir.file("rare.txt") + ": the same file as --read-vocab"},
      {good + " --output " + dir.path().string(), dir.path().string() + ": is a directory"},
      {good + " --output /dev/null", "/dev/null: not a regular file"},
  };
  for (const auto& [args, expected] : cases) {
    CAPTURE(args);
    const auto r = run(w2v::test::w2v_binary() + " train --quiet" + args, dir);
    CHECK(r.exit_code == 1);
    CHECK(r.errors.find(expected) != std::string::npos);
    CHECK(r.errors.rfind("w2v train: error: ", 0) == 0);
    CHECK(std::count(r.errors.begin(), r.errors.end(), '\n') == 1);
    CHECK(dir.entries() == 4);  // only the inputs: no output, no temporary file
  }
}

TEST_CASE("train: --scan-memory bounds the count tables; the counts stay exact, also from stdin") {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 40000; ++i) text += "w" + std::to_string(i * 7919 % 30011 % (i % 5 == 0 ? 40 : 30011)) + (i % 13 ? " " : "\n");
  w2v::test::write_file(dir.file("c.txt"), text);
  const std::string vocab_run = w2v::test::w2v_binary() + " train --quiet --min-count 1 --input ";
  auto r = run(vocab_run + dir.file("c.txt") + " --save-vocab " + dir.file("big.txt"), dir);
  REQUIRE_MESSAGE(r.exit_code == 0, r.errors);
  for (const std::string& input : {dir.file("c.txt"), "- < " + dir.file("c.txt")}) {
    for (const char* threads : {"1", "2"}) {
      r = run(vocab_run + input + " --threads " + threads + " --scan-memory 1 --save-vocab " + dir.file("small.txt"), dir);
      REQUIRE_MESSAGE(r.exit_code == 0, r.errors);
      CHECK(w2v::test::read_file(dir.file("small.txt")) == w2v::test::read_file(dir.file("big.txt")));
    }
  }
  r = run(vocab_run + dir.file("c.txt") + " --scan-memory 0 --save-vocab " + dir.file("zero.txt"), dir);
  CHECK(r.exit_code == 1);
  CHECK(r.errors == "w2v train: error: --scan-memory: must be a whole number from 1 to 16777216, got 0\n");
}

TEST_CASE("train: the outputs of a run are put in place together or not at all") {
  TempDir dir;
  w2v::test::write_file(dir.file("c.txt"), small_corpus());
  // A file size limit that the corpus's token files and the vocabulary fit
  // in but the vectors (41 x 200 numbers as text, ~90 kB) do not: the
  // vocabulary, written first, must not be left alone.
  const std::string limited = "ulimit -f 128; " + train("--dim 200 --input " + dir.file("c.txt") + " --output " +
                                                        dir.file("v.txt") + " --save-vocab " + dir.file("vocab.txt"));
  const auto r = run(limited, dir);
  CHECK(r.exit_code == 1);
  CHECK(r.errors == "w2v train: error: " + dir.file("v.txt") + ": write failed: File too large\n");
  CHECK(dir.entries() == 1);  // the corpus only: no vocabulary, no vectors, no temporary file
}

TEST_CASE("train: a run that diverges or cannot fit in memory is refused with one line and writes nothing") {
  TempDir dir;
  w2v::test::write_file(dir.file("c.txt"), small_corpus());
  // The exact softmax: the logistic layers leave saturated scores alone, which keeps them finite at any rate.
  const auto diverged = run(train("--model sg --loss softmax --alpha 1 --input " + dir.file("c.txt") + " --output " + dir.file("v.txt") +
                                  " --save-vocab " + dir.file("vocab.txt")),
                            dir);
  CHECK(diverged.exit_code == 1);
  CHECK(diverged.errors.rfind("w2v train: error: training diverged at learning rate ", 0) == 0);
  CHECK(diverged.errors.ends_with("; start with a lower --alpha (this run: 1)\n"));
  CHECK(dir.entries() == 1);

  // A million words of 10000 dimensions: 75 GiB of matrices, refused before they are allocated.
  std::string words;
  for (int i = 0; i < 1000000; ++i) words += "w" + std::to_string(i) + (i % 20 == 19 ? "\n" : " ");
  w2v::test::write_file(dir.file("many.txt"), words);
  const auto huge = run(w2v::test::w2v_binary() + " train --quiet --dim 10000 --threads 1024 --min-count 1 "
                        "--input " + dir.file("many.txt") + " --output " + dir.file("v.txt"), dir);
  CHECK(huge.exit_code == 1);
  CHECK(huge.errors.rfind("w2v train: error: not enough memory: training needs ", 0) == 0);
  CHECK(std::count(huge.errors.begin(), huge.errors.end(), '\n') == 1);
  CHECK(dir.entries() == 2);
}

TEST_CASE("train: every accepted extreme option value trains to finite numbers or is refused as diverged") {
  TempDir dir;
  w2v::test::write_file(dir.file("c.txt"), small_corpus());
  for (const std::string options :
       {"--alpha 1", "--alpha 0.5", "--negative 1000", "--model sg --negative 1000", "--model sg --window 1000",
        "--ns-exponent 10", "--ns-exponent -10", "--sample 0.999", "--loss softmax --alpha 1", "--loss hs --alpha 0.5",
        "--cbow-mean 0 --alpha 1 --window 1000", "--min-alpha 1 --alpha 1", "--max-sentence 1"}) {
    CAPTURE(options);
    const bool context = options.find("hs") == std::string::npos;  // hierarchical softmax has no output vectors per word
    const auto r = run(train(options + " --epochs 3 --input " + dir.file("c.txt") + " --output " + dir.file("v.txt") +
                             (context ? " --save-context " + dir.file("ctx.txt") : "")),
                       dir);
    if (r.exit_code == 0) {
      // read_vectors refuses a value that is not a finite number.
      CHECK(w2v::test::error_of([&] { w2v::read_vectors(dir.file("v.txt")); }) == "no error");
      if (context) CHECK(w2v::test::error_of([&] { w2v::read_vectors(dir.file("ctx.txt")); }) == "no error");
    } else {
      CHECK(r.exit_code == 1);
      CHECK(r.errors.rfind("w2v train: error: training diverged", 0) == 0);
      CHECK(dir.entries() == 1);
    }
    std::filesystem::remove(dir.file("v.txt"));
    std::filesystem::remove(dir.file("ctx.txt"));
  }
}

TEST_CASE("train: fewer OpenMP threads than --threads is an error, not a hang or a skipped part of the corpus") {
  TempDir dir;
  w2v::test::write_file(dir.file("c.txt"), small_corpus());
  const auto r = run("OMP_THREAD_LIMIT=1 " + w2v::test::w2v_binary() + " train --quiet --threads 2 --input " +
                         dir.file("c.txt") + " --output " + dir.file("v.txt"),
                     dir);
  CHECK(r.exit_code == 1);
  CHECK(r.errors == "w2v train: error: --threads 2: OpenMP started only 1 threads (OMP_THREAD_LIMIT?)\n");
  CHECK(dir.entries() == 1);
}
TEST_SUITE_END();
