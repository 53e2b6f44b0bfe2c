#pragma once
// One training thread's SGD step, generic over the output layer so that the
// loss is chosen once per run and the step has no branch on it.
#include <algorithm>
#include <concepts>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "w2v/base/error.h"
#include "w2v/base/matrix.h"
#include "w2v/base/random.h"
#include "w2v/train/objectives.h"
#include "w2v/train/train_options.h"
#include "w2v/train/trainer.h"
#include "w2v/train/training_state.h"

namespace w2v {

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
        dim_(static_cast<Eigen::Index>(options.dim)),
        random_(seed),
        outputs_(layer, random_) {
    const std::size_t max_inputs = options.model == ModelKind::kSkipGram ? 2 * static_cast<std::size_t>(options.window) : 1;
    const std::size_t max_outputs = outputs_.max_outputs(), dim = static_cast<std::size_t>(dim_);
    hidden_.resize(max_inputs * dim);
    d_hidden_.resize(max_inputs * dim);
    d_outputs_.resize(max_outputs * dim);
    scores_.resize(max_inputs * max_outputs);
    gradient_.resize(max_inputs * max_outputs);
  }

  // What decides this worker's next steps, into a checkpoint's thread state.
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
    sentence_.clear();
    for (std::int32_t id : raw) {  // word2vec's subsampling of frequent words
      if (static_cast<std::uint32_t>(random_.next()) < keep_threshold_[static_cast<std::size_t>(id)]) {
        sentence_.push_back(id);
      }
    }
    double loss = 0;
    const int length = static_cast<int>(sentence_.size());
    for (int center = 0; center < length; ++center) {
      // word2vec's random window shrinking: nearer words are used more often.
      const int reach = options_.window - static_cast<int>(random_.below(static_cast<std::uint32_t>(options_.window)));
      context_.clear();
      for (int j = std::max(0, center - reach); j <= std::min(length - 1, center + reach); ++j) {
        if (j != center) context_.push_back(sentence_[static_cast<std::size_t>(j)]);
      }
      if (context_.empty()) continue;
      loss += train_example(sentence_[static_cast<std::size_t>(center)], alpha);
      examples += skip_gram() ? context_.size() : 1;
    }
    return loss;
  }

 private:
  // One SGD step predicting `target` from the context. With H the hidden
  // rows (skip-gram: one per context word; CBOW: their mean) and O the output
  // rows the layer selects: S = H Oᵀ, G = ∂J/∂S from the layer's loss, then
  // ∂J/∂H = G O and ∂J/∂O = Gᵀ H, and both take a step of -alpha times that.
  double train_example(std::int32_t target, float alpha) {
    const MatrixMap<float> H = hidden();
    const MatrixMap<float> O = outputs_.select(target);
    MatrixMap<float> S = dense_map(scores_.data(), H.rows(), O.rows());
    MatrixMap<float> G = dense_map(gradient_.data(), H.rows(), O.rows());
    MatrixMap<float> dH = dense_map(d_hidden_.data(), H.rows(), dim_);
    MatrixMap<float> dO = dense_map(d_outputs_.data(), O.rows(), dim_);
    scores<float>(H, O, S);
    const double loss = outputs_.loss(S, target, G);
    // A learning rate too large for the data makes vectors grow until a
    // score overflows, and from then on every vector the step touches turns
    // to NaN. The first such score ends the run, before it can be saved.
    if (!std::isfinite(loss)) [[unlikely]] throw training_diverged(options_, alpha);
    backpropagate<float>(G, H, O, dH, dO);
    outputs_.update(dO, alpha);
    update_inputs(dH, alpha);
    return loss;
  }

  MatrixMap<float> hidden() {
    const auto n = static_cast<Eigen::Index>(skip_gram() ? context_.size() : 1);
    MatrixMap<float> H = dense_map(hidden_.data(), n, dim_);
    if (skip_gram()) {
      for (Eigen::Index i = 0; i < n; ++i) H.row(i) = input_row(context_[static_cast<std::size_t>(i)]);
    } else {
      H.setZero();
      for (std::int32_t c : context_) H.row(0) += input_row(c);
      if (options_.cbow_mean) H /= static_cast<float>(context_.size());
    }
    return H;
  }

  void update_inputs(const MatrixMap<float>& dH, float alpha) {
    if (skip_gram()) {
      for (Eigen::Index i = 0; i < dH.rows(); ++i) input_row(context_[static_cast<std::size_t>(i)]) -= alpha * dH.row(i);
    } else {
      // Like word2vec.c and gensim, every context word takes the whole
      // hidden-layer step, not 1/n of it, even when the hidden layer is their mean.
      for (std::int32_t c : context_) input_row(c) -= alpha * dH.row(0);
    }
  }

  bool skip_gram() const { return options_.model == ModelKind::kSkipGram; }
  VectorMap<float> input_row(std::int32_t id) { return {input_.row(static_cast<std::size_t>(id)), dim_}; }

  const TrainOptions& options_;
  std::span<const std::uint32_t> keep_threshold_;
  Matrix& input_;
  Eigen::Index dim_;
  Random random_;
  typename Layer::Step outputs_;  // after random_, which it draws from
  std::vector<std::int32_t> sentence_, context_;
  AlignedVector<float> hidden_, d_hidden_, d_outputs_, scores_, gradient_;
};

}  // namespace w2v
