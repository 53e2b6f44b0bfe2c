#include "w2v/train/trainer.h"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <optional>

#include "w2v/base/error.h"
#include "worker.h"

namespace w2v {
namespace {

// Threads publish their word counts and losses every this many words.
constexpr std::uint64_t kReportEvery = 10000;

// Per-thread counters read by the reporting thread, on separate cache lines.
struct alignas(64) ThreadCounters {
  std::atomic<double> loss_sum{0};
  std::atomic<std::uint64_t> examples{0};
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

// What the threads of one run share besides the model: counters, the stop
// flag, and the first exception any of them threw.
class RunState {
 public:
  RunState(int threads, std::uint64_t total_words) : counters_(static_cast<std::size_t>(threads)), total_words_(total_words) {}

  std::atomic<std::uint64_t> words_done{0};
  std::atomic<bool> stop{false};
  std::uint64_t total_words() const { return total_words_; }
  ThreadCounters& counters(int thread) { return counters_[static_cast<std::size_t>(thread)]; }

  void totals(double& loss_sum, std::uint64_t& examples) const {
    loss_sum = 0;
    examples = 0;
    for (const auto& c : counters_) {
      loss_sum += c.loss_sum.load(std::memory_order_relaxed);
      examples += c.examples.load(std::memory_order_relaxed);
    }
  }
  double seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

  // Runs f; an exception ends the run (the first one is kept for rethrow).
  template <class F>
  void guarded(F&& f) {
    try {
      f();
    } catch (...) {
#pragma omp critical(w2v_run_error)
      if (!error_) error_ = std::current_exception();
      stop.store(true);
    }
  }
  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
  }
  bool failed() const { return error_ != nullptr; }

 private:
  using Clock = std::chrono::steady_clock;
  std::vector<ThreadCounters> counters_;
  std::uint64_t total_words_;
  Clock::time_point start_ = Clock::now();
  std::exception_ptr error_;
};

}  // namespace

Trainer::Trainer(const TrainOptions& options, const Vocabulary& vocabulary) : options_(options) {
  options_.validate();
  for (double p : vocabulary.keep_probabilities(options_.sample)) {
    keep_threshold_.push_back(p >= 1.0 ? 0xFFFFFFFFu : static_cast<std::uint32_t>(p * 0x1.0p32));
  }
}

TrainSummary Trainer::train(Model& model, const TokenStream& corpus, TrainingObserver& observer, ModelSync* sync) const {
  if (model.input().rows() != keep_threshold_.size()) throw Error("the model does not match the vocabulary");
  ModelSync alone;
  ModelSync& models = sync ? *sync : alone;
  // Words over all epochs (of every process): the learning rate's schedule.
  const std::uint64_t local_words = corpus.tokens() * static_cast<std::uint64_t>(options_.epochs);
  const std::uint64_t total_words = models.start(model.matrices(), local_words);
  TrainSummary summary = std::visit(
      [&](auto& layer) { return run(model.input(), layer, corpus, observer, models, total_words); }, model.output_layer());
  if (!summary.stopped) summary.words = models.finish(summary.words);
  summary.synchronisations = models.synchronisations();
  summary.synchronisation_bytes = models.bytes_per_synchronisation();
  summary.synchronisation_seconds = models.seconds();
  return summary;
}

template <class Layer>
TrainSummary Trainer::run(Matrix& input, Layer& layer, const TokenStream& corpus, TrainingObserver& observer,
                          ModelSync& sync, std::uint64_t total_words) const {
  const int threads = options_.threads;
  const double start_alpha = options_.start_alpha(), end_alpha = options_.end_alpha();
  RunState state(threads, total_words);
  const auto alpha_at = [&](std::uint64_t done) {
    const double fraction = std::min(1.0, static_cast<double>(done) / static_cast<double>(state.total_words() + 1));
    return start_alpha - (start_alpha - end_alpha) * fraction;
  };
  const auto snapshot = [&](std::uint64_t done, double alpha) {
    TrainingProgress p{done, state.total_words(), alpha, 0, 0, state.seconds(), threads * sync.processes()};
    state.totals(p.loss_sum, p.examples);
    return p;
  };
  TrainSummary summary;
  summary.threads = threads;
  summary.processes = sync.processes();
  double epoch_start_loss = 0;  // loss totals when the current epoch began
  std::uint64_t epoch_start_examples = 0;
  bool go_on = true;  // written by one thread between epochs, read by all after the barrier

#pragma omp parallel num_threads(threads)
  {
    const int thread = omp_get_thread_num();
    std::optional<Worker<Layer>> worker;
    // Every thread of every process draws its own random stream: processes
    // drawing the same noise words at once would push the same rows twice.
    const int stream = sync.rank() * threads + thread;
    state.guarded([&] { worker.emplace(options_, keep_threshold_, input, layer, thread_seed(options_.seed, stream)); });
    ThreadCounters& mine = state.counters(thread);
    const auto [begin, end] = corpus.part(thread, threads);
    float alpha = static_cast<float>(start_alpha);
    double loss_sum = 0;
    std::uint64_t examples = 0, unreported = 0;
    const auto publish = [&] {
      const std::uint64_t done = state.words_done.fetch_add(unreported, std::memory_order_relaxed) + unreported;
      unreported = 0;
      mine.loss_sum.store(loss_sum, std::memory_order_relaxed);
      mine.examples.store(examples, std::memory_order_relaxed);
      return done;
    };
    for (int epoch = 0; epoch < options_.epochs && go_on; ++epoch) {
      state.guarded([&] {
        TokenStream::Reader reader(corpus, begin, end);
        std::vector<std::int32_t> raw;
        while (!state.stop.load(std::memory_order_relaxed) && reader.next_sentence(raw, options_.max_sentence)) {
          loss_sum += worker->train_sentence(raw, alpha, examples);
          unreported += raw.size();
          if (unreported < kReportEvery) continue;
          // Words of all processes: thread 0 keeps the models in step.
          const std::uint64_t done = thread == 0 ? sync.step(publish()) : sync.estimate(publish());
          alpha = static_cast<float>(alpha_at(done));
          if (thread == 0) {
            observer.progress(snapshot(done, alpha));
            if (observer.stop_requested()) state.stop.store(true);
          }
        }
      });
      publish();
#pragma omp barrier
#pragma omp single
      {
        double sum;
        std::uint64_t count;
        state.totals(sum, count);
        const std::uint64_t epoch_examples = count - epoch_start_examples;
        summary.final_loss = epoch_examples ? (sum - epoch_start_loss) / static_cast<double>(epoch_examples) : 0.0;
        epoch_start_loss = sum;
        epoch_start_examples = count;
        if (!state.stop.load()) state.guarded([&] { observer.epoch_end(epoch, input); });
        go_on = !state.stop.load();
      }  // the barrier at the end of `single` makes go_on the same for every thread
    }
  }

  state.rethrow();
  summary.words = state.words_done.load();  // this process's: train() makes it all processes'
  summary.seconds = state.seconds();
  summary.stopped = state.stop.load();
  const std::uint64_t all = sync.estimate(summary.words);
  observer.progress(snapshot(all, alpha_at(all)));
  return summary;
}

}  // namespace w2v
