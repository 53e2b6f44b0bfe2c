#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "w2v/text/corpus.h"

namespace w2v {

enum class ModelKind { kSkipGram, kCbow };
// kNegativeSamplingAndHierarchicalSoftmax trains both logistic layers at once
// (word2vec.c's -hs 1 -negative N).
enum class LossKind { kNegativeSampling, kHierarchicalSoftmax, kNegativeSamplingAndHierarchicalSoftmax, kSoftmax };

// Hyper-parameters of a training run. The initialisers are the defaults
// (word2vec.c's), the one place they are written: the command line's help and
// the Python module's keyword defaults are generated from them.
struct TrainOptions {
  static constexpr double kSkipGramAlpha = 0.025;
  static constexpr double kCbowAlpha = 0.05;
  static constexpr double kMinAlphaFactor = 1e-4;

  ModelKind model = ModelKind::kCbow;
  LossKind loss = LossKind::kNegativeSampling;
  int dim = 100;
  int window = 5;
  int negative = 5;
  double ns_exponent = 0.75;
  double sample = 1e-3;
  std::uint64_t min_count = 5;
  std::uint64_t max_vocab = 0;  // 0: no limit
  int epochs = 5;
  std::optional<double> alpha;      // unset: kSkipGramAlpha or kCbowAlpha, by model
  std::optional<double> min_alpha;  // unset: alpha * kMinAlphaFactor
  int threads = default_threads();
  std::uint64_t seed = 1;
  bool cbow_mean = true;
  std::uint64_t max_sentence = 1000;
  std::uint64_t scan_memory = kDefaultScanMemory >> 20;  // MB for the corpus scan's count tables

  bool negative_sampling() const {
    return loss == LossKind::kNegativeSampling || loss == LossKind::kNegativeSamplingAndHierarchicalSoftmax;
  }
  double start_alpha() const { return alpha.value_or(model == ModelKind::kSkipGram ? kSkipGramAlpha : kCbowAlpha); }
  double end_alpha() const { return min_alpha.value_or(start_alpha() * kMinAlphaFactor); }

  // Throws Error naming the first option whose value is out of its range
  // (the message gives the range), or two options that contradict each other.
  void validate() const;

  static int default_threads();  // all cores
};

// One training option as the command line and the Python module name it.
// `set` parses a value, checks its range and stores it, throwing Error
// "--name: ..." with the valid range; `check` is the same range check of a
// value already stored (validate() runs every one).
struct TrainOptionSpec {
  std::string name;         // "dim": --dim on the command line, dim= in Python
  std::string placeholder;  // "N", shown in the help
  std::string help;
  std::function<std::string(const TrainOptions&)> show;  // the value as text; "" when unset
  std::function<void(TrainOptions&, std::string_view)> set;
  std::function<void(const TrainOptions&)> check;
  std::string default_text;  // the default as the help shows it, when not show(TrainOptions{})
  // When set: the setting that leaves this option without effect under the
  // given options ("--loss hs" for --negative), or "" when it takes effect.
  // Setting such an option explicitly is an error, not silently ignored.
  std::function<std::string(const TrainOptions&)> unused_with;
};

// Every training hyper-parameter, in the order the help lists them.
std::span<const TrainOptionSpec> train_option_specs();
// The spec called `name`, or nullptr.
const TrainOptionSpec* find_train_option(std::string_view name);

const char* model_name(ModelKind model);
const char* loss_name(LossKind loss);

}  // namespace w2v
