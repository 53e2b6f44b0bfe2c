#pragma once
// One training thread's SGD step, generic over the output layer so that the
// loss is chosen once per run and the step has no branch on it.
#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <span>
#include <vector>

#include "w2v/base/error.h"
#include "w2v/base/matrix.h"
#include "w2v/base/random.h"
#include "w2v/train/logistic_step.h"
#include "w2v/train/objectives.h"
#include "w2v/train/row_kernels.h"
#include "w2v/train/train_options.h"
#include "w2v/train/trainer.h"
#include "w2v/train/training_state.h"

namespace w2v {

// Output layers whose steps train minibatches (the exact softmax): the
// worker queues examples and flushes them.
template <class Step>
concept BatchedStep = requires { requires Step::kBatched; };

// An output layer's Step that draws ahead (negative sampling: the noise
// words of the next example) carries those draws from one example to the
// next; a checkpoint must save them to resume exactly. Steps that draw
// nothing ahead need neither method.
template <class Step>
concept CarriesDraws = requires(const Step& step, Step& target, std::span<const std::uint32_t> draws) {
  { step.carried_draws() } -> std::same_as<std::vector<std::uint32_t>>;
  target.restore_draws(draws);
};

// A thread's random stream, scratch matrices and its side of the output
// layer (Layer::Step), so the inner loop never allocates.
template <class Layer>
class Worker {
 public:
  Worker(const TrainOptions& options, std::span<const std::uint32_t> keep_threshold, Matrix& input, Layer& layer,
         std::uint64_t seed)
      : options_(options),
        keep_threshold_(keep_threshold),
        input_(input),
        chunks_(static_cast<int>((input.cols() + kChunk<float> - 1) / kChunk<float>)),
        random_(seed),
        outputs_(layer, random_) {
    const std::size_t padded = static_cast<std::size_t>(chunks_ * kChunk<float>);
    hidden_.resize(padded);
    if constexpr (!kBatched) {
      const std::size_t max_hidden = skip_gram() ? kMaxHidden : 1;
      scores_.resize(max_hidden * outputs_.max_outputs());
      gradient_.resize(max_hidden * outputs_.max_outputs());
      d_hidden_.resize(padded);
    }
    if constexpr (HasPrivateRows<typename Layer::Step>) {
      if (options.threads > 1) outputs_.keep_private_rows();
    }
  }

  // Brings this thread's private rows (if any) into the shared model: before
  // the model is saved or read, and at the end.
  void merge_private_rows() {
    if constexpr (HasPrivateRows<typename Layer::Step>) outputs_.merge_private_rows();
  }

  // What decides this worker's next steps, into a checkpoint's thread state.
  // Checkpoints are taken between sentences, when a batched layer's queue is
  // empty (train_sentence flushes it at the end of every sentence).
  void save(ThreadState& state) const {
    state.random = random_.state();
    if constexpr (CarriesDraws<typename Layer::Step>) state.layer = outputs_.carried_draws();
  }
  // Continues from a saved state: after construction, which drew afresh.
  void restore(const ThreadState& state) {
    random_ = Random(state.random);
    if constexpr (CarriesDraws<typename Layer::Step>) {
      outputs_.restore_draws(state.layer);
    } else if (!state.layer.empty()) {
      throw Error("the checkpoint's thread state does not fit this output layer");
    }
  }

  // Trains on one sentence of corpus tokens; returns the loss summed over the
  // predicted words and adds their number to `examples`.
  double train_sentence(const std::vector<std::int32_t>& raw, float alpha, std::uint64_t& examples) {
    // word2vec's subsampling of frequent words, without a branch: for the
    // frequent words whether one is kept is a coin toss, which a branch
    // mispredicts.
    sentence_.resize(raw.size());
    std::size_t kept = 0;
    for (std::int32_t id : raw) {
      sentence_[kept] = id;
      kept += static_cast<std::uint32_t>(random_.next()) < keep_threshold_[static_cast<std::size_t>(id)];
    }
    sentence_.resize(kept);
    double loss = 0;
    const int length = static_cast<int>(sentence_.size());
    for (int center = 0; center < length; ++center) {
      // The rows the coming steps will need, fetched ahead: the input row of
      // the word about to enter the window, the output rows of the next
      // target, and what finding the rows of the one after reads.
      if (center + options_.window + 1 < length) input_.prefetch(word(center + options_.window + 1));
      if (center + 1 < length) outputs_.prefetch(sentence_[static_cast<std::size_t>(center + 1)]);
      if (center + 2 < length) outputs_.prefetch_index(sentence_[static_cast<std::size_t>(center + 2)]);
      // word2vec's random window shrinking: nearer words are used more often.
      const int reach = options_.window - static_cast<int>(random_.below(static_cast<std::uint32_t>(options_.window)));
      context_.clear();
      for (int j = std::max(0, center - reach); j <= std::min(length - 1, center + reach); ++j) {
        if (j != center) context_.push_back(input_.row(static_cast<std::size_t>(sentence_[static_cast<std::size_t>(j)])));
      }
      if (context_.empty()) continue;
      loss += train_example(sentence_[static_cast<std::size_t>(center)], alpha);
      examples += skip_gram() ? context_.size() : 1;
    }
    if constexpr (kBatched) loss += finite(outputs_.flush(alpha), alpha);
    return loss;
  }

 private:
  // One SGD step predicting `target` from the context. With H the hidden
  // rows (skip-gram: the context words' input vectors; CBOW: their mean) and
  // O the output rows the layer selects: S = H Oᵀ, G = ∂J/∂S from the layer's
  // loss, and O and H each take a step of -alpha times their gradient, Gᵀ H
  // and G O (row_kernels.h), in place.
  double train_example(std::int32_t target, float alpha) {
    if constexpr (kBatched) {
      return queue_example(target, alpha);
    } else {
      return step_example(target, alpha);
    }
  }

  double step_example(std::int32_t target, float alpha) {
    const std::span<float* const> O = outputs_.select(target);
    if (!skip_gram()) return cbow_step(target, O, alpha);
    // Beyond kMaxHidden context words (windows above 5), the context is taken
    // in blocks, each seeing the output rows as the block before left them.
    double loss = 0;
    for (std::size_t first = 0; first < context_.size(); first += kMaxHidden) {
      const int n = static_cast<int>(std::min<std::size_t>(kMaxHidden, context_.size() - first));
      float* const* H = context_.data() + first;
      loss += score(n, H, O, target, alpha);
      row_step<float>(n, H, O.data(), static_cast<int>(O.size()), chunks_, gradient_.data(), alpha);
    }
    return loss;
  }

  double cbow_step(std::int32_t target, std::span<float* const> O, float alpha) {
    float* hidden = cbow_hidden();
    float* d_hidden = d_hidden_.data();
    const double loss = score(1, &hidden, O, target, alpha);
    row_step_outputs<float>(1, &hidden, O.data(), static_cast<int>(O.size()), chunks_, gradient_.data(), alpha, &d_hidden);
    // Like word2vec.c and gensim, every context word takes the whole
    // hidden-layer step, not 1/n of it, even when the hidden layer is their mean.
    spread<float>(context_.data(), static_cast<int>(context_.size()), chunks_, alpha, d_hidden);
    return loss;
  }

  // A batched layer takes the example's hidden rows into its batch (skip-gram:
  // each context word's input row, which takes its own step; CBOW: their
  // mean, whose step every context word takes) and trains when it is full.
  double queue_example(std::int32_t target, float alpha) {
    double loss = 0;
    if (skip_gram()) {
      for (float*& row : context_) {
        if (outputs_.add(row, target, {&row, 1})) loss += finite(outputs_.flush(alpha), alpha);
      }
    } else if (outputs_.add(cbow_hidden(), target, context_)) {
      loss += finite(outputs_.flush(alpha), alpha);
    }
    return loss;
  }

  // CBOW's hidden layer, the mean (or with --cbow-mean 0 the sum) of the
  // context words' input rows, in hidden_.
  float* cbow_hidden() {
    const float scale = options_.cbow_mean ? 1.0f / static_cast<float>(context_.size()) : 1.0f;
    sum<float>(context_.data(), static_cast<int>(context_.size()), chunks_, scale, hidden_.data());
    return hidden_.data();
  }

  // S = H Oᵀ and the layer's loss of it, which leaves G = ∂J/∂S in gradient_.
  double score(int n, const float* const* H, std::span<float* const> O, std::int32_t target, float alpha) {
    const auto m = static_cast<Eigen::Index>(O.size());
    row_scores<float>(n, H, O.data(), static_cast<int>(m), chunks_, scores_.data());
    const MatrixMap<float> S = dense_map(scores_.data(), n, m);
    MatrixMap<float> G = dense_map(gradient_.data(), n, m);
    return finite(outputs_.loss(S, target, G), alpha);
  }

  // A learning rate too large for the data makes vectors grow until a score
  // overflows, and from then on every vector a step touches turns to NaN. The
  // first such loss ends the run, before it can be saved.
  double finite(double loss, float alpha) const {
    if (!std::isfinite(loss)) [[unlikely]] throw training_diverged(options_, alpha);
    return loss;
  }

  bool skip_gram() const { return options_.model == ModelKind::kSkipGram; }
  std::size_t word(int position) const { return static_cast<std::size_t>(sentence_[static_cast<std::size_t>(position)]); }
  static constexpr bool kBatched = BatchedStep<typename Layer::Step>;

  const TrainOptions& options_;
  std::span<const std::uint32_t> keep_threshold_;
  Matrix& input_;
  int chunks_;  // SIMD chunks in a (padded) row
  Random random_;
  typename Layer::Step outputs_;  // after random_, which it draws from
  std::vector<std::int32_t> sentence_;
  std::vector<float*> context_;  // the input rows of the current context words
  AlignedVector<float> hidden_, d_hidden_, scores_, gradient_;
};

}  // namespace w2v
