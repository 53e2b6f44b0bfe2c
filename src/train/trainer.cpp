#include "w2v/train/trainer.h"

#include <omp.h>

#include <algorithm>
#include <cmath>

#include "w2v/base/error.h"
#include "w2v/base/random.h"

namespace w2v {
namespace {

// Threads publish their word counts and losses every this many words.
constexpr std::uint64_t kReportEvery = 10000;

// Per-thread counters read by the progress printer, on separate cache lines.
struct alignas(64) ThreadCounters {
  std::atomic<double> loss_sum{0};
  std::atomic<std::uint64_t> loss_count{0};
};

// Each thread's random stream starts from an output of a splitmix64 seeded
// with the run's seed, not from seed * golden + thread + 1: that made thread
// 0's stream the very stream Matrix::randomize(seed) drew the initial
// vectors from, one step later.
std::uint64_t thread_seed(std::uint64_t seed, int thread) {
  Random seeder(seed);
  std::uint64_t result = seeder.next();
  for (int t = 0; t < thread; ++t) result = seeder.next();
  return result;
}

std::size_t output_rows(const TrainOptions& options, std::size_t vocabulary_size) {
  return options.loss == LossKind::kHierarchicalSoftmax ? std::max<std::size_t>(vocabulary_size, 2) - 1
                                                        : vocabulary_size;
}

}  // namespace

// One thread's training state: its random stream and scratch matrices, so the
// inner loop never allocates.
class Trainer::Worker {
 public:
  Worker(Trainer& trainer, int thread)
      : t_(trainer),
        options_(trainer.options_),
        dim_(options_.dim),
        random_(thread_seed(options_.seed, thread)) {
    const std::size_t max_inputs = options_.model == ModelKind::kSkipGram ? 2 * options_.window : 1;
    std::size_t max_outputs = static_cast<std::size_t>(options_.negative) + 1;
    if (t_.tree_) max_outputs = static_cast<std::size_t>(t_.tree_->max_depth());
    if (options_.loss == LossKind::kSoftmax) max_outputs = t_.output_.rows();
    inputs_.resize(max_inputs * dim_);
    d_inputs_.resize(max_inputs * dim_);
    if (options_.loss != LossKind::kSoftmax) outputs_.resize(max_outputs * dim_);
    d_outputs_.resize(max_outputs * dim_);
    scores_.resize(max_inputs * max_outputs);
    gradient_.resize(max_inputs * max_outputs);
    output_ids_.resize(max_outputs);
    labels_.resize(max_outputs);
    if (t_.noise_) {
      next_noise_.resize(static_cast<std::size_t>(options_.negative));
      draw_next_noise();
    }
  }

  // Trains on one sentence of raw tokens; returns the loss summed over the
  // predicted words and adds their number to `examples`.
  double train_sentence(const std::vector<std::int32_t>& raw, float alpha, std::uint64_t& examples) {
    sentence_.clear();
    for (std::int32_t id : raw) {
      if (static_cast<std::uint32_t>(random_.next()) < t_.keep_threshold_[static_cast<std::size_t>(id)]) {
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
      loss += train_example(sentence_[static_cast<std::size_t>(center)], alpha, examples);
    }
    return loss;
  }

 private:
  // One SGD step predicting `target` from the current context.
  double train_example(std::int32_t target, float alpha, std::uint64_t& examples) {
    const bool skip_gram = options_.model == ModelKind::kSkipGram;
    const auto n = static_cast<Eigen::Index>(skip_gram ? context_.size() : 1);
    const auto d = static_cast<Eigen::Index>(dim_);
    MatrixMap<float> H = dense_map(inputs_.data(), n, d);
    if (skip_gram) {
      for (Eigen::Index i = 0; i < n; ++i) H.row(i) = row(t_.input_, context_[static_cast<std::size_t>(i)]);
    } else {
      H.setZero();
      for (std::int32_t c : context_) H.row(0) += row(t_.input_, c);
      if (options_.cbow_mean) H /= static_cast<float>(context_.size());
    }

    double loss;
    const bool softmax = options_.loss == LossKind::kSoftmax;
    const Eigen::Index m = softmax ? static_cast<Eigen::Index>(t_.output_.rows()) : select_outputs(target);
    MatrixMap<float> O = softmax ? t_.output_.map() : dense_map(outputs_.data(), m, d);
    if (!softmax) {
      for (Eigen::Index j = 0; j < m; ++j) O.row(j) = row(t_.output_, output_ids_[static_cast<std::size_t>(j)]);
    }
    MatrixMap<float> S = dense_map(scores_.data(), n, m), G = dense_map(gradient_.data(), n, m);
    MatrixMap<float> dH = dense_map(d_inputs_.data(), n, d), dO = dense_map(d_outputs_.data(), m, d);
    scores<float>(H, O, S);
    loss = softmax ? softmax_loss<float>(S, target, G) : logistic_loss<float>(S, labels_.data(), G);
    backpropagate<float>(G, H, O, dH, dO);

    if (softmax) {
      O -= alpha * dO;
    } else {
      for (Eigen::Index j = 0; j < m; ++j) row(t_.output_, output_ids_[static_cast<std::size_t>(j)]) -= alpha * dO.row(j);
    }
    if (skip_gram) {
      for (Eigen::Index i = 0; i < n; ++i) row(t_.input_, context_[static_cast<std::size_t>(i)]) -= alpha * dH.row(i);
    } else {
      // Like word2vec.c and gensim, every context word takes the whole
      // hidden-layer step, not 1/n of it, even when the hidden layer is their mean.
      for (std::int32_t c : context_) row(t_.input_, c) -= alpha * dH.row(0);
    }
    examples += static_cast<std::uint64_t>(n);
    return loss;
  }

  // Fills output_ids_ and labels_ for a logistic objective; returns how many.
  Eigen::Index select_outputs(std::int32_t target) {
    std::size_t m = 0;
    if (options_.loss == LossKind::kNegativeSampling) {
      output_ids_[m] = target;
      labels_[m++] = 1;
      for (std::int32_t noise : next_noise_) {
        if (noise == target) continue;  // as word2vec.c: the target is no negative
        output_ids_[m] = noise;
        labels_[m++] = 0;
      }
      draw_next_noise();
    } else {
      const HuffmanTree::Path path = t_.tree_->path(target);
      for (int k = 0; k < path.length; ++k) {
        output_ids_[m] = path.nodes[k];
        labels_[m++] = 1.0f - static_cast<float>(path.codes[k]);
      }
    }
    return static_cast<Eigen::Index>(m);
  }

  // Noise words are drawn one example ahead and their rows prefetched: they
  // are random rows of the output matrix, mostly not in cache, and waiting
  // for them was the largest single cost of a skip-gram step (perf).
  void draw_next_noise() {
    for (std::int32_t& noise : next_noise_) {
      noise = t_.noise_->sample(random_.next());
      const char* p = reinterpret_cast<const char*>(t_.output_.row(static_cast<std::size_t>(noise)));
      for (std::size_t offset = 0; offset < dim_ * sizeof(float); offset += 64) __builtin_prefetch(p + offset);
    }
  }

  VectorMap<float> row(Matrix& matrix, std::int32_t id) {
    return {matrix.row(static_cast<std::size_t>(id)), static_cast<Eigen::Index>(dim_)};
  }

  Trainer& t_;
  const TrainOptions& options_;
  std::size_t dim_;
  Random random_;
  std::vector<std::int32_t> sentence_;
  std::vector<std::int32_t> context_;
  std::vector<float> inputs_, d_inputs_, outputs_, d_outputs_, scores_, gradient_, labels_;
  std::vector<std::int32_t> output_ids_;
  std::vector<std::int32_t> next_noise_;
};

Trainer::Trainer(const TrainOptions& options, const Vocabulary& vocabulary)
    : options_(options),
      input_(vocabulary.size(), static_cast<std::size_t>(options.dim)),
      output_(output_rows(options, vocabulary.size()), static_cast<std::size_t>(options.dim)) {
  options_.validate();
  if (vocabulary.size() == 0) throw Error("the vocabulary is empty");
  if (options_.loss == LossKind::kHierarchicalSoftmax && vocabulary.size() < 2) {
    throw Error("--loss hs needs at least 2 words in the vocabulary");
  }
  input_.randomize(options_.seed);
  for (double p : vocabulary.keep_probabilities(options_.sample)) {
    keep_threshold_.push_back(p >= 1.0 ? 0xFFFFFFFFu : static_cast<std::uint32_t>(p * 0x1.0p32));
  }
  if (options_.loss == LossKind::kNegativeSampling) {
    noise_ = std::make_unique<NoiseSampler>(vocabulary.counts(), options_.ns_exponent);
  } else if (options_.loss == LossKind::kHierarchicalSoftmax) {
    tree_ = std::make_unique<HuffmanTree>(vocabulary.counts());
  }
}

Trainer::~Trainer() = default;

TrainSummary Trainer::train(const TokenStream& corpus, bool show_progress,
                            const std::function<void(int)>& on_epoch_end) {
  const int threads = options_.threads;
  const std::uint64_t total_words = corpus.tokens() * static_cast<std::uint64_t>(options_.epochs);
  const double start_alpha = options_.start_alpha(), end_alpha = options_.end_alpha();
  ProgressPrinter progress(total_words, threads, show_progress);
  std::atomic<std::uint64_t> words_done{0};
  std::vector<ThreadCounters> counters(static_cast<std::size_t>(threads));
  TrainSummary summary;
  double epoch_start_sum = 0;  // loss totals when the current epoch began
  std::uint64_t epoch_start_count = 0;

  const auto loss_totals = [&](double& sum, std::uint64_t& count) {
    sum = 0;
    count = 0;
    for (const auto& c : counters) {
      sum += c.loss_sum.load(std::memory_order_relaxed);
      count += c.loss_count.load(std::memory_order_relaxed);
    }
  };
  const auto current_alpha = [&](std::uint64_t done) {
    const double fraction = std::min(1.0, static_cast<double>(done) / static_cast<double>(total_words + 1));
    return start_alpha - (start_alpha - end_alpha) * fraction;
  };

#pragma omp parallel num_threads(threads)
  {
    const int thread = omp_get_thread_num();
    Worker worker(*this, thread);
    ThreadCounters& mine = counters[static_cast<std::size_t>(thread)];
    const auto [begin, end] = corpus.part(thread, threads);
    std::vector<std::int32_t> raw;
    float alpha = static_cast<float>(start_alpha);
    double loss_sum = 0;
    std::uint64_t examples = 0, unreported = 0;
    for (int epoch = 0; epoch < options_.epochs; ++epoch) {
      TokenStream::Reader reader(corpus, begin, end);
      while (reader.next_sentence(raw, options_.max_sentence)) {
        loss_sum += worker.train_sentence(raw, alpha, examples);
        unreported += raw.size();
        if (unreported >= kReportEvery) {
          const std::uint64_t done = words_done.fetch_add(unreported, std::memory_order_relaxed) + unreported;
          unreported = 0;
          alpha = static_cast<float>(current_alpha(done));
          mine.loss_sum.store(loss_sum, std::memory_order_relaxed);
          mine.loss_count.store(examples, std::memory_order_relaxed);
          if (thread == 0) {
            double sum;
            std::uint64_t count;
            loss_totals(sum, count);
            progress.update(done, alpha, sum, count);
          }
        }
      }
      words_done.fetch_add(unreported, std::memory_order_relaxed);
      unreported = 0;
      mine.loss_sum.store(loss_sum, std::memory_order_relaxed);
      mine.loss_count.store(examples, std::memory_order_relaxed);
#pragma omp barrier
#pragma omp single
      {
        double sum;
        std::uint64_t count;
        loss_totals(sum, count);
        const std::uint64_t epoch_count = count - epoch_start_count;
        summary.final_loss = epoch_count ? (sum - epoch_start_sum) / static_cast<double>(epoch_count) : 0.0;
        epoch_start_sum = sum;
        epoch_start_count = count;
        if (on_epoch_end) on_epoch_end(epoch);
      }
    }
  }

  double sum;
  std::uint64_t count;
  loss_totals(sum, count);
  progress.finish(words_done.load(), sum, count);
  summary.words = words_done.load();
  summary.seconds = progress.elapsed_seconds();
  return summary;
}

}  // namespace w2v
