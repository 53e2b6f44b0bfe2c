#include "w2v/train/trainer.h"

#include <cstdio>
#include <string>

#include "training_run.h"
#include "w2v/base/error.h"
#include "w2v/base/random.h"

namespace w2v {
namespace {

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

}  // namespace

Error training_diverged(const TrainOptions& options, std::optional<double> alpha) {
  char rate[64] = "";
  if (alpha) std::snprintf(rate, sizeof rate, " at learning rate %.6g", *alpha);
  char start[32];
  std::snprintf(start, sizeof start, "%g", options.start_alpha());
  return Error(std::string("training diverged") + rate +
               ": the loss or the vectors are no longer finite numbers; start with a lower --alpha (this run: " + start +
               ")");
}

Trainer::Trainer(const TrainOptions& options, const Vocabulary& vocabulary, Isa isa)
    : options_(options), vocabulary_(vocabulary), isa_(isa) {
  options_.validate();
  for (double p : vocabulary.keep_probabilities(options_.sample)) {
    keep_threshold_.push_back(p >= 1.0 ? 0xFFFFFFFFu : static_cast<std::uint32_t>(p * 0x1.0p32));
  }
}

TrainingState Trainer::initial_state(const TokenStream& corpus, int rank) const {
  TrainingState state;
  for (int t = 0; t < options_.threads; ++t) {
    ThreadState thread;
    thread.position = corpus.part(t, options_.threads).first;
    // Every thread of every process draws its own random stream: processes
    // drawing the same noise words at once would push the same rows twice.
    thread.random = thread_seed(options_.seed, rank * options_.threads + t);
    thread.alpha = static_cast<float>(options_.start_alpha());
    state.threads.push_back(thread);
  }
  return state;
}

void Trainer::check_state(const TrainingState& state, const TokenStream& corpus) const {
  const auto fail = [](const std::string& what) { throw Error("the training state does not fit this run: " + what); };
  if (state.threads.size() != static_cast<std::size_t>(options_.threads)) {
    fail(std::to_string(state.threads.size()) + " threads, not " + std::to_string(options_.threads));
  }
  if (state.epoch < 0 || state.epoch > options_.epochs) fail("epoch " + std::to_string(state.epoch));
  for (int t = 0; t < options_.threads; ++t) {
    const auto [begin, end] = corpus.part(t, options_.threads);
    const std::uint64_t position = state.threads[static_cast<std::size_t>(t)].position;
    if (position < begin || position > end) fail("thread " + std::to_string(t) + " outside its part of the corpus");
  }
}

TrainSummary Trainer::train(Model& model, const TokenStream& corpus, TrainingObserver& observer) const {
  TrainingRun run{model, corpus, {"", corpus.entries(), corpus.tokens(), corpus.checksum()}, {}};
  return train(run, observer);
}

TrainSummary Trainer::train(TrainingRun& run, TrainingObserver& observer, ModelSync* sync) const {
  if (run.model.input().rows() != keep_threshold_.size()) throw Error("the model does not match the vocabulary");
  ModelSync alone;
  ModelSync& models = sync ? *sync : alone;
  const bool resuming = !run.state.threads.empty();
  if (resuming) {
    check_state(run.state, run.corpus);
  } else {
    run.state = initial_state(run.corpus, models.rank());
  }
  // Words over all epochs (of every process): the learning rate's schedule.
  const std::uint64_t local_words = run.corpus.tokens() * static_cast<std::uint64_t>(options_.epochs);
  const std::uint64_t total_words =
      models.start(run.model.matrices(), run.model.busiest_rows(frequent_words(vocabulary_.counts(), models.period())),
                   local_words, run.state.sync);
  const auto train_run = [&] {
    switch (isa_) {
#ifdef W2V_NATIVE
      case Isa::kNative: return w2v_training_run_native;
#else
      case Isa::kBaseline: return w2v_training_run_baseline;
      case Isa::kAvx2: return w2v_training_run_avx2;
      case Isa::kAvx512: return w2v_training_run_avx512;
#endif
      default: throw Error("training kernels for " + std::string(isa_name(isa_)) + " are not in this build");
    }
  }();
  TrainSummary summary = train_run(options_, vocabulary_, keep_threshold_, run, resuming, observer, models, total_words);
  summary.isa = isa_;
  summary.words = models.finish(summary.words);
  // A process may have finished its part when the processes decided to stop.
  summary.stopped = summary.stopped || models.stopped();
  run.state.sync = models.progress();
  summary.processes = models.processes();
  summary.synchronisations = models.synchronisations();
  summary.synchronisations_of_all_rows = models.synchronisations_of_all_rows();
  summary.synchronisation_bytes = models.bytes_per_synchronisation(true);
  summary.busiest_synchronisation_bytes = models.bytes_per_synchronisation(false);
  summary.synchronisation_seconds = models.seconds();
  // The last steps of a diverging run may have overflowed rows that no later
  // step read: no loss showed it.
  for (const Matrix* matrix : run.model.matrices()) {
    if (!matrix->map().allFinite()) throw training_diverged(options_, std::nullopt);
  }
  return summary;
}

}  // namespace w2v
