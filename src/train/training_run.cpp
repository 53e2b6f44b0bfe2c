// The training loop and everything it runs per word (Worker<Layer> and the
// row kernels), compiled once per kernel set: see training_run.h.
#include "training_run.h"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <optional>
#include <variant>

#include "rendezvous.h"
#include "w2v/base/error.h"
#include "w2v/train/checkpoint.h"
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

// What the threads of one run share besides the model: counters, the stop
// flag, and the first exception any of them threw.
class SharedCounters {
 public:
  SharedCounters(int threads, std::uint64_t total_words, const TrainingState& start)
      : counters_(static_cast<std::size_t>(threads)), total_words_(total_words), seconds_before_(start.seconds) {
    words_done.store(start.words_done);
    for (std::size_t t = 0; t < counters_.size(); ++t) {
      counters_[t].loss_sum.store(start.threads[t].loss_sum);
      counters_[t].examples.store(start.threads[t].examples);
    }
  }

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
  // Training time over every session of the run.
  double seconds() const {
    return seconds_before_ + std::chrono::duration<double>(Clock::now() - start_).count();
  }

  // Runs f; an exception ends the run (the first one is kept for rethrow).
  template <class F>
  void guarded(F&& f) {
    try {
      f();
    } catch (...) {
      const std::lock_guard lock(error_mutex_);
      if (!error_) error_ = std::current_exception();
      stop.store(true);
    }
  }
  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
  }
  bool failed() const {
    const std::lock_guard lock(error_mutex_);
    return error_ != nullptr;
  }

 private:
  using Clock = std::chrono::steady_clock;
  std::vector<ThreadCounters> counters_;
  std::uint64_t total_words_;
  double seconds_before_;
  Clock::time_point start_ = Clock::now();
  mutable std::mutex error_mutex_;
  std::exception_ptr error_;
};

template <class Layer>
TrainSummary train_run(const TrainOptions& options, const Vocabulary& vocabulary, std::span<const std::uint32_t> keep_threshold,
                       Layer& layer, TrainingRun& run, bool resuming, TrainingObserver& observer, ModelSync& sync,
                       std::uint64_t total_words) {
  const int threads = options.threads;
  TrainingState& state = run.state;  // threads write their own entry before they pause or end an epoch
  Matrix& input = run.model.input();
  const TokenStream& corpus = run.corpus;
  const double start_alpha = options.start_alpha(), end_alpha = options.end_alpha();
  // words_done counts this process's words; `sync` makes them all processes'.
  SharedCounters shared(threads, total_words, state);
  const auto alpha_at = [&](std::uint64_t done) {
    const double fraction = std::min(1.0, static_cast<double>(done) / static_cast<double>(shared.total_words() + 1));
    return start_alpha - (start_alpha - end_alpha) * fraction;
  };
  const auto snapshot = [&](std::uint64_t done, double alpha) {
    TrainingProgress p{done, shared.total_words(), alpha, 0, 0, shared.seconds(), threads * sync.processes()};
    shared.totals(p.loss_sum, p.examples);
    return p;
  };
  Rendezvous rendezvous(threads);
  bool go_on = state.epoch < options.epochs;  // written at an epoch's end, with every thread waiting

  // Run by thread 0 when every thread is paused. In an MPI job the
  // processes pause together (ModelSync::decide): their models are made the
  // same, every process's state goes to every process, and the observer of
  // each sees the whole job (rank 0's saves it).
  const auto pause_work = [&] {
    if (shared.failed()) return;
    state.words_done = shared.words_done.load();
    state.seconds = shared.seconds();
    state.sync = sync.progress();
    shared.guarded([&] {
      sync.align();
      const std::vector<ProcessState> processes = gather_process_states(sync.group(), {run.fingerprint, state}, options);
      observer.checkpoint(RunSnapshot{options, vocabulary, run.model, processes});
    });
  };
  // Run by the last thread to finish its part of the epoch, while the others wait.
  const auto epoch_work = [&] {
    const int epoch = state.epoch;
    bool complete = !shared.failed();
    for (int t = 0; t < threads; ++t) {
      complete = complete && state.threads[static_cast<std::size_t>(t)].position == corpus.part(t, threads).second;
    }
    if (complete) {  // a stopped run may have ended its epoch early, or not
      double sum;
      std::uint64_t count;
      shared.totals(sum, count);
      const std::uint64_t epoch_examples = count - state.epoch_start_examples;
      state.final_loss = epoch_examples ? (sum - state.epoch_start_loss) / static_cast<double>(epoch_examples) : 0.0;
      state.epoch_start_loss = sum;
      state.epoch_start_examples = count;
      state.epoch = epoch + 1;
      for (int t = 0; t < threads; ++t) state.threads[static_cast<std::size_t>(t)].position = corpus.part(t, threads).first;
      if (!shared.stop.load()) shared.guarded([&] { observer.epoch_end(epoch, input); });
    }
    // Only a stop or an error leaves a thread short of the end of its part.
    if (!complete && !shared.stop.load()) {
      shared.guarded([] { throw Error("internal error: a training thread ended its epoch early"); });
    }
    go_on = !shared.stop.load() && state.epoch < options.epochs;
  };

#pragma omp parallel num_threads(threads)
  {
    const int t = omp_get_thread_num();
    // Each thread owns a part of the corpus, and the rendezvous waits for
    // all of them: fewer threads (OMP_THREAD_LIMIT, a nested region) would
    // skip parts and wait forever.
    const bool all_started = omp_get_num_threads() == threads;
    if (!all_started && t == 0) {
      shared.guarded([&] {
        throw Error("--threads " + std::to_string(threads) + ": OpenMP started only " +
                    std::to_string(omp_get_num_threads()) + " threads (OMP_THREAD_LIMIT?)");
      });
    }
    ThreadState& mine = state.threads[static_cast<std::size_t>(t)];
    std::optional<Worker<Layer>> worker;
    shared.guarded([&] {
      worker.emplace(options, keep_threshold, input, layer, mine.random);
      if (resuming) worker->restore(mine);
    });
    ThreadCounters& counters = shared.counters(t);
    const std::uint64_t end = corpus.part(t, threads).second;
    std::uint64_t position = mine.position;
    float alpha = mine.alpha;
    double loss_sum = mine.loss_sum;
    std::uint64_t examples = mine.examples, unreported = mine.unreported;
    const auto publish = [&] {
      const std::uint64_t done = shared.words_done.fetch_add(unreported, std::memory_order_relaxed) + unreported;
      unreported = 0;
      counters.loss_sum.store(loss_sum, std::memory_order_relaxed);
      counters.examples.store(examples, std::memory_order_relaxed);
      return done;
    };
    // This thread's entry of the state, before it waits for the others.
    const auto save = [&] {
      mine.position = position;
      mine.alpha = alpha;
      mine.unreported = unreported;
      mine.loss_sum = loss_sum;
      mine.examples = examples;
      if (worker) {
        worker->merge_private_rows();
        worker->save(mine);
      }
    };
    while (all_started && go_on) {
      shared.guarded([&] {
        TokenStream::Reader reader(corpus, position, end);
        std::vector<std::int32_t> raw;
        while (!shared.stop.load(std::memory_order_relaxed) && reader.next_sentence(raw, options.max_sentence)) {
          loss_sum += worker->train_sentence(raw, alpha, examples);
          position = reader.position();
          unreported += raw.size();
          if (unreported >= kReportEvery) {
            // Words of all processes: thread 0 keeps the models in step.
            const std::uint64_t done = t == 0 ? sync.step(publish()) : sync.estimate(publish());
            alpha = static_cast<float>(alpha_at(done));
            if (t == 0) {
              observer.progress(snapshot(done, alpha));
              const RunRequests decided = sync.decide([&] {
                const bool checkpoint = observer.checkpoint_requested();  // asked first, as TrainingObserver says
                return RunRequests{checkpoint, observer.stop_requested()};
              });
              if (decided.checkpoint) rendezvous.request_pause();
              if (decided.stop) shared.stop.store(true);
            }
          }
          if (rendezvous.pause_requested()) {
            save();
            rendezvous.pause(t == 0, pause_work);
          }
        }
        // Past what the last sentence left unread (a sentence end after a
        // sentence cut at --max-sentence): the end of the part, unless stopped.
        position = reader.position();
      });
      publish();
      save();
      rendezvous.end_epoch(epoch_work);
      position = mine.position;  // the next epoch's start, when the epoch ended
    }
  }

  shared.rethrow();
  state.words_done = shared.words_done.load();
  state.seconds = shared.seconds();
  TrainSummary summary;
  summary.threads = threads;
  summary.words = state.words_done;  // this process's: Trainer::train makes it all processes'
  summary.seconds = state.seconds;
  summary.final_loss = state.final_loss;
  summary.stopped = state.epoch < options.epochs;
  const std::uint64_t all = sync.estimate(summary.words);
  observer.progress(snapshot(all, alpha_at(all)));
  return summary;
}

}  // namespace
}  // namespace w2v

extern "C" W2V_TRAINING_RUN_SIGNATURE(W2V_TRAINING_RUN) {
  return std::visit(
      [&](auto& layer) {
        return w2v::train_run(options, vocabulary, keep_threshold, layer, run, resuming, observer, sync, total_words);
      },
      run.model.output_layer());
}
