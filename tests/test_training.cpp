// End to end: train on a generated corpus with planted structure and check
// that training recovers it, for every model and loss.
#include <doctest/doctest.h>

#include <cstdlib>
#include <limits>
#include <random>
#include <sstream>

#include "planted_corpus.h"
#include "test_util.h"
#include "w2v/text/corpus.h"
#include "w2v/train/kernel_isa.h"
#include "w2v/train/memory_needs.h"
#include "w2v/train/pipeline.h"
#include "w2v/train/trainer.h"

using namespace w2v;

TEST_SUITE_BEGIN("unit");

namespace {

constexpr int kGroups = 8, kWordsPerGroup = 8;

double neighbour_accuracy(const Vocabulary& vocab, const Matrix& vectors) {
  return test::neighbour_accuracy(vocab.words(), vectors.map());
}

// A planted corpus on disk, read and encoded as `w2v train` does.
struct PlantedCorpus {
  PlantedCorpus(int sentences, unsigned seed)
      : corpus(scan_corpus(written(sentences, seed))), vocab(corpus.counts, 1, 0),
        tokens(encode_corpus(corpus, vocab)) {}

  test::TempDir dir;  // first: the members below read the file in it
  ScannedCorpus corpus;
  Vocabulary vocab;
  TokenStream tokens;

 private:
  std::string written(int sentences, unsigned seed) {
    test::write_file(dir.file("topics.txt"), test::planted_corpus(sentences, seed));
    return dir.file("topics.txt");
  }
};

// Trains a fresh model on the planted corpus and returns it with the summary.
struct Trained {
  Model model;
  TrainSummary summary;
};

Trained train(const PlantedCorpus& planted, const TrainOptions& options, TrainingObserver& observer,
              Isa isa = training_isa()) {
  Model model(planted.vocab, options);
  const TrainSummary summary = Trainer(options, planted.vocab, isa).train(model, planted.tokens, observer);
  return {std::move(model), summary};
}

Trained train(const PlantedCorpus& planted, const TrainOptions& options, Isa isa = training_isa()) {
  TrainingObserver silent;
  return train(planted, options, silent, isa);
}

// The largest difference between two matrices' values, relative to the
// largest value of `a`.
double relative_difference(const Matrix& a, const Matrix& b) {
  return (a.map() - b.map()).cwiseAbs().maxCoeff() / a.map().cwiseAbs().maxCoeff();
}

// Sets an environment variable for the life of the object.
class ScopedEnvironment {
 public:
  ScopedEnvironment(const char* name, const char* value) : name_(name) { setenv(name, value, 1); }
  ~ScopedEnvironment() { unsetenv(name_); }
  ScopedEnvironment(const ScopedEnvironment&) = delete;
  ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

 private:
  const char* name_;
};

bool same_values(const Matrix& a, const Matrix& b) {
  return a.rows() == b.rows() && std::equal(a.data(), a.data() + a.rows() * a.stride(), b.data());
}

// Records what a run reports; optionally throws or asks to stop.
struct RecordingObserver : TrainingObserver {
  std::vector<int> epochs;
  std::vector<TrainingProgress> reports;
  int stop_after_reports = -1;
  int throw_at_epoch = -1;

  void progress(const TrainingProgress& p) override { reports.push_back(p); }
  bool stop_requested() override { return stop_after_reports >= 0 && static_cast<int>(reports.size()) >= stop_after_reports; }
  void epoch_end(int epoch, const Matrix&) override {
    if (epoch == throw_at_epoch) throw Error("observer failed at epoch " + std::to_string(epoch));
    epochs.push_back(epoch);
  }
};

}  // namespace

TEST_CASE("training recovers planted topic groups for every model and loss") {
  const PlantedCorpus planted(3000, 11);
  const Vocabulary& vocab = planted.vocab;
  REQUIRE(vocab.size() == kGroups * kWordsPerGroup + 2);

  for (ModelKind model : {ModelKind::kSkipGram, ModelKind::kCbow}) {
    for (LossKind loss : {LossKind::kNegativeSampling, LossKind::kHierarchicalSoftmax,
                          LossKind::kNegativeSamplingAndHierarchicalSoftmax, LossKind::kSoftmax}) {
      CAPTURE(model_name(model));
      CAPTURE(loss_name(loss));
      TrainOptions options;
      options.model = model;
      options.loss = loss;
      options.dim = 20;
      options.epochs = 3;
      options.sample = 1e-2;
      // 2 threads for the losses whose threads keep private rows (PrivateRows).
      options.threads = loss == LossKind::kHierarchicalSoftmax || loss == LossKind::kNegativeSamplingAndHierarchicalSoftmax ? 2 : 1;
      const Model untrained(vocab, options);
      CHECK(neighbour_accuracy(vocab, untrained.input()) < 0.5);  // random vectors: about 1/8
      const Trained trained = train(planted, options);
      CHECK(trained.summary.words == planted.tokens.tokens() * 3);
      CHECK(std::isfinite(trained.summary.final_loss));
      CHECK_FALSE(trained.summary.stopped);
      CHECK(neighbour_accuracy(vocab, trained.model.input()) >= 0.95);
      CHECK((trained.model.context() == nullptr) == (loss == LossKind::kHierarchicalSoftmax));
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
  options.threads = 1;
  CHECK(neighbour_accuracy(planted.vocab, train(planted, options).model.input()) >= 0.95);
}

TEST_CASE("training: one thread with a fixed seed is deterministic") {
  const PlantedCorpus planted(300, 5);
  TrainOptions options;
  options.dim = 10;
  options.threads = 1;
  const Trained a = train(planted, options), b = train(planted, options);
  CHECK(same_values(a.model.input(), b.model.input()));
  options.seed = 2;
  CHECK_FALSE(same_values(a.model.input(), train(planted, options).model.input()));
}

TEST_CASE("training: every kernel set this CPU runs trains the same vectors, to float rounding") {
  // The sets sum dot products in SIMD chunks of different widths (4, 8 or 16
  // floats), so their results differ in the last bits, and SGD carries such
  // differences along without amplifying them much over a short run. --dim 20
  // leaves each width a partial last chunk of padding.
  const PlantedCorpus planted(400, 9);
  for (ModelKind model : {ModelKind::kSkipGram, ModelKind::kCbow}) {
    for (LossKind loss : {LossKind::kNegativeSampling, LossKind::kHierarchicalSoftmax, LossKind::kSoftmax}) {
      const std::string model_text = model_name(model), loss_text = loss_name(loss);
      CAPTURE(model_text);
      CAPTURE(loss_text);
      TrainOptions options;
      options.model = model;
      options.loss = loss;
      options.dim = 20;
      options.epochs = 2;
      options.threads = 1;
      const Isa first = compiled_isas().front();
      const Trained reference = train(planted, options, first);
      CHECK(reference.summary.isa == first);
      for (Isa isa : compiled_isas().subspan(1)) {
        if (!cpu_supports(isa)) continue;
        CAPTURE(isa_name(isa));
        const Trained other = train(planted, options, isa);
        CHECK(other.summary.isa == isa);
        CHECK(relative_difference(reference.model.input(), other.model.input()) < 1e-4);
        CHECK(other.summary.final_loss == doctest::Approx(reference.summary.final_loss).epsilon(1e-4));
      }
    }
  }
}

TEST_CASE("training: W2V_ISA chooses the kernels, and must name a set of this build") {
  for (Isa isa : compiled_isas()) {
    if (!cpu_supports(isa)) continue;
    const std::string name(isa_name(isa));
    const ScopedEnvironment chosen("W2V_ISA", name.c_str());
    CHECK(training_isa() == isa);
  }
  const ScopedEnvironment bad("W2V_ISA", "sse5");
  CHECK(test::error_of([] { training_isa(); }) ==
        "W2V_ISA=sse5: no such training kernels in this build (it has " + compiled_isa_names() + ")");
}

TEST_CASE("training: without W2V_ISA, the widest kernels this CPU runs") {
  unsetenv("W2V_ISA");
  const Isa chosen = training_isa();
  CHECK(cpu_supports(chosen));
  for (Isa isa : compiled_isas()) {
    if (isa > chosen) CHECK_FALSE(cpu_supports(isa));
  }
}

TEST_CASE("training: the loss falls from the first epoch to the last, and every epoch end is reported") {
  const PlantedCorpus planted(2000, 3);
  TrainOptions options;
  options.model = ModelKind::kSkipGram;
  options.dim = 16;
  options.epochs = 1;
  const double first = train(planted, options).summary.final_loss;
  options.epochs = 4;
  RecordingObserver observer;
  const double last = train(planted, options, observer).summary.final_loss;
  CHECK(last < first);
  CHECK(observer.epochs == std::vector<int>{0, 1, 2, 3});
}

TEST_CASE("training: progress reports count the words, and the learning rate falls to min-alpha") {
  const PlantedCorpus planted(2000, 4);
  TrainOptions options;
  options.dim = 10;
  options.epochs = 2;
  options.alpha = 0.04;
  options.min_alpha = 0.001;
  RecordingObserver observer;
  const Trained trained = train(planted, options, observer);
  REQUIRE(observer.reports.size() >= 3);
  for (std::size_t i = 1; i < observer.reports.size(); ++i) {
    CHECK(observer.reports[i].words_done >= observer.reports[i - 1].words_done);
    CHECK(observer.reports[i].alpha <= observer.reports[i - 1].alpha);
  }
  const TrainingProgress& last = observer.reports.back();
  CHECK(last.words_done == trained.summary.words);
  CHECK(last.total_words == planted.tokens.tokens() * 2);
  CHECK(last.alpha == doctest::Approx(0.001).epsilon(0.01));
  CHECK(observer.reports.front().alpha < 0.04);
  CHECK(observer.reports.front().alpha > 0.02);
}

TEST_CASE("training: the observer can stop a run early") {
  const PlantedCorpus planted(3000, 6);
  TrainOptions options;
  options.dim = 10;
  options.epochs = 5;
  RecordingObserver observer;
  observer.stop_after_reports = 2;
  const Trained trained = train(planted, options, observer);
  CHECK(trained.summary.stopped);
  CHECK(trained.summary.words < planted.tokens.tokens() * 5);
  CHECK(observer.epochs.size() < 5);
}

TEST_CASE("training: an exception on a training thread ends the run and reaches the caller") {
  const PlantedCorpus planted(1000, 7);
  TrainOptions options;
  options.dim = 10;
  options.epochs = 3;
  options.threads = 2;
  RecordingObserver observer;
  observer.throw_at_epoch = 1;
  CHECK(test::error_of([&] { train(planted, options, observer); }) == "observer failed at epoch 1");
  CHECK(observer.epochs == std::vector<int>{0});
}

namespace {

// The words of a text, split as the text reader does, from memory.
class StringSource : public WordSource {
 public:
  explicit StringSource(const std::string& text) : lines_(text) {}

  Token next(std::string_view& word) override {
    for (;;) {
      if (words_ >> word_) {
        line_has_words_ = true;
        word = checked_word(word_);
        return Token::kWord;
      }
      if (in_line_) {
        in_line_ = false;
        count_line();
        if (line_has_words_) {
          line_has_words_ = false;
          return Token::kEndOfLine;
        }
      }
      std::string line;
      if (!std::getline(lines_, line)) return Token::kEnd;
      in_line_ = true;
      words_.clear();
      words_.str(line);
    }
  }
  const std::string& name() const override { return name_; }

 private:
  std::istringstream lines_, words_;
  std::string word_, name_ = "<memory>";
  bool in_line_ = false, line_has_words_ = false;
};

}  // namespace

TEST_CASE("training: train_corpus reads a word source as it reads the same text from a file") {
  test::TempDir dir;
  const std::string text = test::planted_corpus(500, 3);
  test::write_file(dir.file("topics.txt"), text);
  TrainOptions options;
  options.dim = 12;
  options.epochs = 2;
  options.threads = 1;
  options.min_count = 2;
  RecordingObserver observer;
  const TrainedModel from_file = train_corpus({dir.file("topics.txt"), ""}, options, observer);
  StringSource source(text);
  TrainInput input;
  input.source = &source;
  const TrainedModel from_source = train_corpus(input, options, observer);
  CHECK(from_source.corpus.path == "<memory>");
  CHECK(from_source.corpus.lines == 500);
  CHECK(from_source.corpus.tokens == from_file.corpus.tokens);
  CHECK(from_source.vocabulary.words() == from_file.vocabulary.words());
  CHECK(same_values(from_source.model.input(), from_file.model.input()));
}

TEST_CASE("training: the observer hears of the corpus pass, and can abandon it") {
  struct Abandoning : TrainingObserver {
    std::vector<std::uint64_t> reports;
    void corpus_progress(std::uint64_t words) override {
      reports.push_back(words);
      if (words >= 2 * kScanReportWords) throw Error("abandoned at " + std::to_string(words));
    }
  };
  test::TempDir dir;
  test::write_file(dir.file("topics.txt"), test::planted_corpus(10000, 5));  // 160000 words
  TrainOptions options;
  options.dim = 8;
  Abandoning observer;
  CHECK(test::error_of([&] { train_corpus({dir.file("topics.txt"), ""}, options, observer); }) ==
        "abandoned at " + std::to_string(2 * kScanReportWords));
  CHECK(observer.reports == std::vector<std::uint64_t>{kScanReportWords, 2 * kScanReportWords});
}

TEST_CASE("training: train_corpus runs the whole job from a file") {
  test::TempDir dir;
  test::write_file(dir.file("topics.txt"), test::planted_corpus(3000, 8));
  TrainOptions options;
  options.dim = 20;
  options.epochs = 3;
  options.sample = 1e-2;
  options.min_count = 2;
  options.max_vocab = 60;
  RecordingObserver observer;
  const TrainedModel trained = train_corpus({dir.file("topics.txt"), ""}, options, observer);
  CHECK(trained.vocabulary.size() == 60);
  CHECK(trained.corpus.path == dir.file("topics.txt"));
  CHECK(trained.corpus.tokens == 3000 * 16);
  CHECK(trained.corpus.lines == 3000);
  CHECK(trained.corpus.vocabulary == 60);
  CHECK(trained.corpus.training_tokens < trained.corpus.tokens);
  CHECK(trained.summary.words == trained.corpus.training_tokens * 3);
  CHECK(trained.model.input().rows() == 60);
  CHECK(neighbour_accuracy(trained.vocabulary, trained.model.input()) >= 0.9);

  options.min_count = 100000;
  CHECK(test::error_of([&] { train_corpus({dir.file("topics.txt"), ""}, options, observer); })
            .find("no word occurs at least 100000 times") != std::string::npos);
  options.min_count = 5;
  options.dim = 0;
  CHECK(test::error_of([&] { train_corpus({dir.file("topics.txt"), ""}, options, observer); }) ==
        "--dim: must be a whole number from 1 to 10000, got 0");
}

TEST_CASE("training: a loss or a vector that is no longer finite ends the run with an error naming --alpha") {
  const PlantedCorpus planted(300, 9);
  TrainOptions options;
  options.dim = 10;
  options.threads = 1;
  options.alpha = 0.05;
  SUBCASE("a score overflows: the step that sees it stops the run") {
    Model model(planted.vocab, options);
    for (std::size_t j = 0; j < 10; ++j) model.input().row(0)[j] = 1e30f;  // the most frequent word
    TrainingObserver silent;
    const std::string error =
        test::error_of([&] { Trainer(options, planted.vocab).train(model, planted.tokens, silent); });
    CHECK(error.starts_with("training diverged at learning rate 0.0"));
    CHECK(error.ends_with("; start with a lower --alpha (this run: 0.05)"));
  }
  SUBCASE("a row no step reads: the check after the last epoch finds it") {
    WordCounts counts = planted.corpus.counts;
    counts.words.emplace_back("ghost");  // in the vocabulary, never in the corpus
    counts.counts.push_back(1);
    const Vocabulary vocab(counts, 1, 0);
    const TokenStream tokens = encode_corpus(planted.corpus, vocab);
    Model model(vocab, options);
    model.input().row(static_cast<std::size_t>(vocab.id("ghost")))[0] = std::numeric_limits<float>::infinity();
    TrainingObserver silent;
    CHECK(test::error_of([&] { Trainer(options, vocab).train(model, tokens, silent); }) ==
          "training diverged: the loss or the vectors are no longer finite numbers; start with a lower --alpha "
          "(this run: 0.05)");
  }
}

TEST_CASE("memory needs: the matrices and each thread's scratch, refused beyond what is available") {
  TrainOptions options;
  options.dim = 100;  // rows padded to 112 floats
  options.threads = 4;
  options.loss = LossKind::kNegativeSampling;
  const MemoryNeeds ns = memory_needs(1000, 1000000, options);
  CHECK(ns.model == 2 * 1000 * 112 * 4 + 64 * 1000);
  CHECK(ns.threads == 4);
  CHECK(ns.total() == ns.model + 4 * ns.per_thread);
  CHECK(ns.per_thread < 3e6);
  // ns+hs has two output matrices.
  options.loss = LossKind::kNegativeSamplingAndHierarchicalSoftmax;
  CHECK(memory_needs(1000, 1000000, options).model == 3 * 1000 * 112 * 4 + 64 * 1000);
  // The exact softmax scores a minibatch against every word: its scratch
  // grows with the vocabulary (41 rows of 100000 scores here).
  options.loss = LossKind::kSoftmax;
  CHECK(memory_needs(100000, 1000000, options).per_thread > 41 * 100000 * 4);
  options.dim = 10000;
  options.threads = 1024;
  const std::string error = test::error_of([&] { check_memory(memory_needs(1000000, 1000000, options)); });
  CHECK(error.starts_with("not enough memory: training needs "));
  CHECK(error.find(" GiB (matrices 74.6 GiB, 1024 threads x ") != std::string::npos);
  CHECK(error.ends_with(" available; lower --dim or --threads, or shrink the vocabulary (--min-count, --max-vocab)"));
  options.dim = 10;
  options.threads = 1;
  options.loss = LossKind::kNegativeSampling;
  CHECK(test::error_of([&] { check_memory(memory_needs(1000, 1000, options)); }) == "no error");
}
TEST_SUITE_END();
