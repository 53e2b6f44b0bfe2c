// End to end: train on a generated corpus with planted structure and check
// that training recovers it, for every model and loss.
#include <doctest/doctest.h>

#include <random>

#include "test_util.h"
#include "w2v/text/corpus.h"
#include "w2v/train/trainer.h"

using namespace w2v;

TEST_SUITE_BEGIN("unit");

namespace {

constexpr int kGroups = 8, kWordsPerGroup = 8;

// Sentences of words from one topic group each, with two filler words that
// occur everywhere: a word's neighbours are its group only if training works.
std::string planted_corpus(int sentences, unsigned seed) {
  std::mt19937 rng(seed);
  std::string text;
  for (int s = 0; s < sentences; ++s) {
    const int group = static_cast<int>(rng() % kGroups);
    for (int k = 0; k < 16; ++k) {
      if (rng() % 5 == 0) {
        text += rng() % 2 ? "the " : "of ";
      } else {
        text += "g" + std::to_string(group) + "w" + std::to_string(rng() % kWordsPerGroup) + " ";
      }
    }
    text.back() = '\n';
  }
  return text;
}

// The fraction of topic words whose nearest word (cosine) is in their group.
double neighbour_accuracy(const Vocabulary& vocab, const Matrix& vectors) {
  RowMatrix<float> unit = vectors.map();
  unit.rowwise().normalize();
  const RowMatrix<float> cosine = unit * unit.transpose();
  int right = 0, total = 0;
  for (std::int32_t i = 0; i < static_cast<std::int32_t>(vocab.size()); ++i) {
    const std::string& w = vocab.word(i);
    if (w[0] != 'g') continue;
    Eigen::Index best = -1;
    float best_score = -2;
    for (Eigen::Index j = 0; j < cosine.cols(); ++j) {
      if (j != i && cosine(i, j) > best_score) {
        best_score = cosine(i, j);
        best = j;
      }
    }
    ++total;
    right += vocab.word(static_cast<std::int32_t>(best)).substr(0, 2) == w.substr(0, 2);
  }
  return static_cast<double>(right) / total;
}

// A planted corpus on disk, read and encoded as `w2v train` does.
struct PlantedCorpus {
  PlantedCorpus(int sentences, unsigned seed)
      : corpus(scan_corpus(written(sentences, seed))), vocab(corpus.word_counts(), 1, 0),
        tokens(encode_corpus(corpus, vocab)) {}

  test::TempDir dir;  // first: the members below read the file in it
  ScannedCorpus corpus;
  Vocabulary vocab;
  TokenStream tokens;

 private:
  std::string written(int sentences, unsigned seed) {
    test::write_file(dir.file("topics.txt"), planted_corpus(sentences, seed));
    return dir.file("topics.txt");
  }
};

}  // namespace

TEST_CASE("training recovers planted topic groups for every model and loss") {
  const PlantedCorpus planted(3000, 11);
  const Vocabulary& vocab = planted.vocab;
  REQUIRE(vocab.size() == kGroups * kWordsPerGroup + 2);
  const TokenStream& tokens = planted.tokens;

  for (ModelKind model : {ModelKind::kSkipGram, ModelKind::kCbow}) {
    for (LossKind loss : {LossKind::kNegativeSampling, LossKind::kHierarchicalSoftmax, LossKind::kSoftmax}) {
      CAPTURE(model_name(model));
      CAPTURE(loss_name(loss));
      TrainOptions options;
      options.model = model;
      options.loss = loss;
      options.dim = 20;
      options.epochs = 3;
      options.sample = 1e-2;
      options.threads = loss == LossKind::kHierarchicalSoftmax ? 2 : 1;
      Trainer untrained(options, vocab);
      CHECK(neighbour_accuracy(vocab, untrained.input()) < 0.5);  // random vectors: about 1/8
      Trainer trainer(options, vocab);
      const TrainSummary summary = trainer.train(tokens, false);
      CHECK(summary.words == tokens.tokens() * 3);
      CHECK(std::isfinite(summary.final_loss));
      CHECK(neighbour_accuracy(vocab, trainer.input()) >= 0.95);
    }
  }
}

TEST_CASE("training: CBOW with the sum of the context vectors (cbow-mean 0) also recovers the groups") {
  const PlantedCorpus planted(3000, 12);
  TrainOptions options;
  options.dim = 20;
  options.epochs = 3;
  options.sample = 1e-2;
  options.cbow_mean = false;
  options.alpha = 0.01;  // the sum is ~2 window times the mean: a smaller step
  Trainer trainer(options, planted.vocab);
  trainer.train(planted.tokens, false);
  CHECK(neighbour_accuracy(planted.vocab, trainer.input()) >= 0.95);
}

TEST_CASE("training: one thread with a fixed seed is deterministic") {
  const PlantedCorpus planted(300, 5);
  const Vocabulary& vocab = planted.vocab;
  const TokenStream& tokens = planted.tokens;
  TrainOptions options;
  options.dim = 10;
  Trainer a(options, vocab), b(options, vocab);
  a.train(tokens, false);
  b.train(tokens, false);
  const std::size_t n = vocab.size() * a.input().stride();
  CHECK(std::equal(a.input().data(), a.input().data() + n, b.input().data()));
  options.seed = 2;
  Trainer c(options, vocab);
  c.train(tokens, false);
  CHECK_FALSE(std::equal(a.input().data(), a.input().data() + n, c.input().data()));
}

TEST_CASE("training: the loss falls from the first epoch to the last") {
  const PlantedCorpus planted(2000, 3);
  const Vocabulary& vocab = planted.vocab;
  const TokenStream& tokens = planted.tokens;
  TrainOptions options;
  options.model = ModelKind::kSkipGram;
  options.dim = 16;
  options.epochs = 1;
  Trainer one_epoch(options, vocab);
  const double first = one_epoch.train(tokens, false).final_loss;
  options.epochs = 4;
  std::vector<int> epochs_seen;
  Trainer four_epochs(options, vocab);
  const double last = four_epochs.train(tokens, false, [&](int e) { epochs_seen.push_back(e); }).final_loss;
  CHECK(last < first);
  CHECK(epochs_seen == std::vector<int>{0, 1, 2, 3});
}

TEST_SUITE_END();
