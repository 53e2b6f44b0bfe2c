#include "training_job.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#include "file_checks.h"
#include "processes.h"
#include "signals.h"
#include "summary_text.h"
#include "train_controller.h"
#include "w2v/base/atomic_file.h"
#include "w2v/base/error.h"
#include "w2v/vectors/vectors_file.h"
#include "w2v/vectors/word_classes.h"

namespace w2v::cli {
namespace {

// word2vec.c runs 10 k-means iterations for -classes.
constexpr int kClassIterations = 10;

std::string vocabulary_text(const Vocabulary& vocabulary) { return "</s> and " + plural(vocabulary.size(), "word"); }

// In an MPI job, the epoch of rank 0 and the words of all ranks.
void print_resume_point(const std::string& path, const Checkpoint& checkpoint, const TrainOptions& options) {
  double done = 0, total = 0;
  for (const ProcessState& process : checkpoint.processes) {
    done += static_cast<double>(process.state.words_done);
    total += static_cast<double>(process.corpus.tokens) * options.epochs;
  }
  std::fprintf(stderr, "resuming %s: epoch %d of %d, %.1f%% done\n", path.c_str(),
               std::min(checkpoint.processes[0].state.epoch + 1, options.epochs), options.epochs,
               total > 0 ? 100.0 * done / total : 100.0);
}

// The signal that stopped the run: this process's, or in an MPI job the
// first rank's that received one (0: none). Every rank must ask.
int signal_of_job(ProcessGroup& group, int mine) {
  if (group.size() == 1) return mine;
  for (const std::string& theirs : group.gather(std::to_string(mine))) {
    if (theirs != "0") return std::stoi(theirs);
  }
  return 0;
}

// The files of a run, written in full before any is put in place.
class OutputGroup {
 public:
  AtomicFile& add(const std::string& path, std::string what) {
    files_.push_back(std::make_unique<AtomicFile>(path));
    written_.push_back({path, std::move(what)});
    return *files_.back();
  }
  // Puts every file in place, then names each on stderr.
  void commit(const TrainingPrinter& printer) {
    std::vector<AtomicFile*> all;
    for (const auto& file : files_) all.push_back(file.get());
    AtomicFile::commit_together(all);
    for (const auto& [path, what] : written_) {
      if (!what.empty()) printer.wrote(path, what);
    }
  }

 private:
  std::vector<std::unique_ptr<AtomicFile>> files_;
  std::vector<std::pair<std::string, std::string>> written_;
};

}  // namespace

int run_training(TrainingJob job) {
  SignalWatcher signals;  // before the training threads start: they inherit its blocked signals
  if (job.output.empty() && job.vocabulary_output.empty()) throw Error("nothing to write: give an output file");
  if (!job.context_output.empty() && job.options.loss == LossKind::kHierarchicalSoftmax) {
    throw Error("--save-context: hierarchical softmax has no output vector per word (use --loss ns, ns+hs or softmax)");
  }
  // In an MPI job every rank trains; rank 0 alone prints and writes.
  Processes& processes = Processes::current();
  const bool leader = processes.leader();
  std::vector<AnalogySection> analogies;
  if (!job.eval_analogies.empty() && leader) analogies = read_analogy_questions(job.eval_analogies);
  // Fail on a bad output path before spending the training time.
  const std::vector<FileOption> outputs = {{"output", job.output},
                                           {"save-context", job.context_output},
                                           {"save-vocab", job.vocabulary_output},
                                           {"checkpoint", job.checkpoint_path}};
  const std::vector<FileOption> inputs = {{"input", job.input.corpus},
                                          {"read-vocab", job.input.vocabulary},
                                          {"eval-analogies", job.eval_analogies},
                                          {"resume", job.resume_path, "checkpoint"},
                                          {"init", job.init ? job.init->path : std::string(), "checkpoint"}};
  if (leader) check_outputs(outputs, inputs);
  // ... and on a class count the vocabulary cannot fill, before training.
  const auto check_vocabulary = [&](const Vocabulary& vocabulary) {
    if (job.classes > vocabulary.size()) {
      throw Error(job.classes_flag + ": " + std::to_string(job.classes) + " classes for a vocabulary of " +
                  plural(vocabulary.size(), "word"));
    }
  };
  // In an MPI job the ranks stop together (ModelSync): a signal to any rank
  // stops all of them at the same synchronisation, and rank 0 saves the run.
  TrainController controller(job.command, job.verbosity, std::move(analogies), check_vocabulary, signals,
                             job.checkpoint_path, job.checkpoint_every);
  RankController follower(signals);
  TrainingObserver& observer = leader ? static_cast<TrainingObserver&>(controller) : follower;
  const bool chatty = job.verbosity != Verbosity::kQuiet;
  job.input.group = &processes.group();
  job.input.sync_every = job.sync_every;
  job.input.sync_all_every = job.sync_all_every;

  if (job.output.empty()) {  // word2vec.c without -output: the vocabulary only
    const CountedVocabulary counted = count_vocabulary(job.input, job.options, observer);
    if (!leader) return 0;
    OutputGroup files;
    counted.vocabulary.save(files.add(job.vocabulary_output, vocabulary_text(counted.vocabulary)), counted.corpus.lines);
    signals.defer(false);
    files.commit(controller);
    return 0;
  }
  if (job.resume && chatty && leader) print_resume_point(job.resume_path, *job.resume, job.options);
  if (job.init && chatty && leader) {
    std::fprintf(stderr, "continuing from %s: %zu words with vectors\n", job.init->path.c_str(), job.init->input.size());
  }
  const TrainedModel trained = job.resume ? resume_training(std::move(*job.resume), job.input, job.options, observer)
                               : job.init ? continue_training(std::move(*job.init), job.input, job.options, observer)
                                          : train_corpus(job.input, job.options, observer);
  const RunSnapshot run{job.options, trained.vocabulary, trained.model, trained.processes};

  // From here a signal ends the process at once, writing nothing. One that
  // came before (to any rank) stopped the run: the run is saved, when it
  // may be, and nothing else is written.
  signals.defer(false);
  const int signal = signal_of_job(processes.group(), signals.received());
  if (signal) {
    if (leader && job.checkpoint_path.empty()) {
      std::fprintf(stderr, "\n%s: interrupted by %s; nothing saved (--checkpoint FILE would save the run)\n",
                   job.command.c_str(), signal_name(signal));
    } else if (leader) {
      save_checkpoint(job.checkpoint_path, run);
      std::fprintf(stderr, "\n%s: interrupted by %s; the run is saved in %s (continue it with --resume %s)\n",
                   job.command.c_str(), signal_name(signal), job.checkpoint_path.c_str(), job.checkpoint_path.c_str());
    }
    // Every rank waits for rank 0's checkpoint: one that exits non-zero makes mpirun end the job.
    processes.group().barrier();
    return 128 + signal;
  }
  if (!leader) return 0;
  controller.finish(trained.summary);
  if (const std::string cost = controller.checkpoint_cost(trained.summary.seconds); chatty && !cost.empty()) {
    std::fprintf(stderr, "%s\n", cost.c_str());
  }

  // Every output is written in full before any is put in place: a run
  // leaves all of them or none. The checkpoint goes first: a kill -9 between
  // two renames then leaves the finished run's checkpoint without vectors
  // (--resume writes them at once), never new vectors with an old checkpoint.
  const Vocabulary& vocabulary = trained.vocabulary;
  OutputGroup files;
  const auto write_matrix = [&](const std::string& path, const Matrix& matrix, const std::string& note) {
    const std::string what = plural(vocabulary.size(), "word") + " × " + std::to_string(matrix.cols()) +
                             (job.binary ? ", binary" : ", text") + note;
    write_vectors(files.add(path, what), vocabulary.words(), matrix.data(), matrix.cols(), matrix.stride(), job.binary);
  };
  if (!job.checkpoint_path.empty()) write_checkpoint(files.add(job.checkpoint_path, "checkpoint"), run);
  if (!job.vocabulary_output.empty()) {
    vocabulary.save(files.add(job.vocabulary_output, vocabulary_text(vocabulary)), trained.corpus.lines);
  }
  if (job.classes > 0) {
    const WordClasses classes = cluster_words(trained.model.input().map(), job.classes, kClassIterations, job.options.seed);
    write_word_classes(files.add(job.output, classes_summary(classes)).stream(), vocabulary.words(), classes);
  } else {
    write_matrix(job.output, trained.model.input(), "");
  }
  if (!job.context_output.empty()) write_matrix(job.context_output, *trained.model.context(), ", context vectors");
  files.commit(controller);
  return 0;
}

}  // namespace w2v::cli
