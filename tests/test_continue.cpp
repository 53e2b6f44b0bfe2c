// Continued training (--init): a model trained on one corpus goes on
// learning from another, from a checkpoint or from word2vec vectors.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <sstream>

#include "planted_corpus.h"
#include "test_util.h"
#include "w2v/train/pipeline.h"
#include "w2v/vectors/vectors_file.h"

TEST_SUITE_BEGIN("unit");

using namespace w2v;

namespace {

std::uint64_t count_of(const std::string& word, const std::string& path) {
  std::istringstream text(test::read_file(path));
  std::uint64_t count = 0;
  for (std::string token; text >> token;) count += token == word;
  return count;
}

bool same_row(const Matrix& a, std::size_t row_a, const Matrix& b, std::size_t row_b) {
  return std::memcmp(a.row(row_a), b.row(row_b), a.cols() * sizeof(float)) == 0;
}

struct TwoCorpora {
  TwoCorpora() {
    test::write_file(first, test::planted_corpus(3000, 41, test::kGroups, test::kWordsPerGroup, "g"));   // groups g0..g7
    test::write_file(second, test::planted_corpus(3000, 42, test::kGroups, test::kWordsPerGroup, "h"));  // groups h0..h7; "the" and "of" in both
    options.model = ModelKind::kSkipGram;
    options.dim = 20;
    options.epochs = 3;
    options.sample = 1e-2;
    options.threads = 1;
  }
  test::TempDir dir;
  std::string first = dir.file("first.txt"), second = dir.file("second.txt");
  TrainOptions options;
};

}  // namespace

TEST_CASE("continued training: a model continued on a second corpus knows both and keeps its old neighbours") {
  TwoCorpora c;
  TrainingObserver silent;
  const TrainedModel old_model = train_corpus({c.first, ""}, c.options, silent);
  REQUIRE(test::neighbour_accuracy(old_model.vocabulary.words(), old_model.model.input().map(), "g") >= 0.95);
  save_checkpoint(c.dir.file("first.ckpt"), {c.options, old_model.vocabulary, old_model.model, old_model.processes});
  write_vectors(c.dir.file("first.txt.vec"), old_model.vocabulary.words(), old_model.model.input().data(),
                old_model.model.input().cols(), old_model.model.input().stride(), false);

  for (const std::string source : {"first.ckpt", "first.txt.vec"}) {
    CAPTURE(source);
    const TrainedModel continued = continue_training(read_initial_model(c.dir.file(source)), {c.second, ""}, c.options, silent);
    const Vocabulary& vocab = continued.vocabulary;
    CHECK(vocab.size() == 2 + 2 * test::kGroups * test::kWordsPerGroup);  // g.., h.., the, of
    CHECK(vocab.id("g3w4") != WordIndex::kNotFound);
    CHECK(vocab.id("h3w4") != WordIndex::kNotFound);
    CHECK(test::neighbour_accuracy(vocab.words(), continued.model.input().map(), "g") >= 0.95);  // the old neighbours
    CHECK(test::neighbour_accuracy(vocab.words(), continued.model.input().map(), "h") >= 0.95);  // and the new ones
    // Words the second corpus lacks were never a context word: their vectors are the old ones.
    const auto old_id = static_cast<std::size_t>(old_model.vocabulary.id("g3w4"));
    CHECK(same_row(continued.model.input(), static_cast<std::size_t>(vocab.id("g3w4")), old_model.model.input(), old_id));
    CHECK(continued.corpus.training_tokens == continued.corpus.tokens);  // every word of the second corpus is known
    // Counts: a checkpoint's are summed with the corpus's; a vectors file has none.
    const std::uint64_t old_the = old_model.vocabulary.count(old_model.vocabulary.id("the"));
    const std::uint64_t the = vocab.count(vocab.id("the"));
    const std::uint64_t second_the = count_of("the", c.second);
    if (source == "first.ckpt") {
      CHECK(the == old_the + second_the);
      CHECK(vocab.count(vocab.id("g3w4")) == old_model.vocabulary.count(static_cast<std::int32_t>(old_id)));
    } else {
      CHECK(the == second_the);
      CHECK(vocab.count(vocab.id("g3w4")) == 0);
    }
    CHECK(std::is_sorted(vocab.counts().rbegin(), vocab.counts().rend()));
  }
}

TEST_CASE("continued training: --min-count and --max-vocab select the new words; every old word stays") {
  TwoCorpora c;
  TrainingObserver silent;
  const TrainedModel old_model = train_corpus({c.first, ""}, c.options, silent);
  save_checkpoint(c.dir.file("first.ckpt"), {c.options, old_model.vocabulary, old_model.model, old_model.processes});
  test::write_file(c.dir.file("few.txt"), "the rare new words new words words\nthe g0w1 of\n");
  TrainOptions options = c.options;
  options.min_count = 2;
  const TrainedModel continued =
      continue_training(read_initial_model(c.dir.file("first.ckpt")), {c.dir.file("few.txt"), ""}, options, silent);
  CHECK(continued.vocabulary.size() == old_model.vocabulary.size() + 2);  // + "words" and "new"; "rare" once only
  CHECK(continued.vocabulary.id("rare") == WordIndex::kNotFound);
  options.max_vocab = 1;
  const TrainedModel one_new =
      continue_training(read_initial_model(c.dir.file("first.ckpt")), {c.dir.file("few.txt"), ""}, options, silent);
  CHECK(one_new.vocabulary.size() == old_model.vocabulary.size() + 1);
  CHECK(one_new.vocabulary.id("words") != WordIndex::kNotFound);

  options.dim = 21;
  CHECK(test::error_of([&] {
          continue_training(read_initial_model(c.dir.file("first.ckpt")), {c.second, ""}, options, silent);
        }) == "--dim 21: " + c.dir.file("first.ckpt") + " has vectors of 20 dimensions (--init)");
}

TEST_CASE("w2v train --init: from a checkpoint or from vectors, with one error line for bad combinations" * doctest::test_suite("cli")) {
  TwoCorpora c;
  const std::string w2v = test::w2v_binary() + " train --quiet --threads 1 --dim 8 --epochs 1 --min-count 1";
  auto r = test::run(w2v + " --input " + c.first + " --output " + c.dir.file("a.vec") + " --checkpoint " +
                         c.dir.file("a.ckpt") + " --model sg",
                     c.dir);
  REQUIRE_MESSAGE(r.exit_code == 0, r.errors);
  for (const std::string init : {"a.ckpt", "a.vec"}) {
    r = test::run(test::w2v_binary() + " train --init " + c.dir.file(init) + " --input " + c.second + " --output " +
                      c.dir.file("b.vec") + " --binary",
                  c.dir);
    REQUIRE_MESSAGE(r.exit_code == 0, r.errors);
    CHECK(r.errors.find("continuing from " + c.dir.file(init) + ": 66 words with vectors") != std::string::npos);
    // The checkpoint's options are the defaults (sg, 1 epoch); the vectors' only their dimension.
    const std::string trained = init == "a.ckpt" ? "trained 48000 words" : "trained 240000 words";
    CHECK(r.errors.find(trained) != std::string::npos);
    const WordVectors vectors = read_vectors(c.dir.file("b.vec"));
    CHECK(vectors.size() == 130);
    CHECK(vectors.dim() == 8);
  }
  const std::vector<std::pair<std::string, std::string>> cases = {
      {" --init " + c.dir.file("a.vec") + " --dim 9", "--dim 9: " + c.dir.file("a.vec") + " has vectors of 8 dimensions"},
      {" --init " + c.dir.file("a.ckpt") + " --resume " + c.dir.file("a.ckpt"), "--init: a resumed run continues its checkpoint"},
      {" --init " + c.first, c.first + ": line 1: expected the header '<rows> <dimensions>'"},
      {" --init " + c.dir.file("a.vec") + " --output " + c.dir.file("a.vec"), "--output " + c.dir.file("a.vec") +
       ": the same file as --init"},
  };
  for (const auto& [args, expected] : cases) {
    CAPTURE(args);
    r = test::run(w2v + " --input " + c.second + args + (args.find("--output") == std::string::npos ? " --output " + c.dir.file("x.vec") : ""), c.dir);
    CHECK(r.exit_code == 1);
    CHECK(r.errors.find(expected) != std::string::npos);
    CHECK(std::count(r.errors.begin(), r.errors.end(), '\n') == 1);
  }
  CHECK_FALSE(std::filesystem::exists(c.dir.file("x.vec")));
}

TEST_SUITE_END();
