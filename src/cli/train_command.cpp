#include <cxxopts.hpp>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "arguments.h"
#include "commands.h"
#include "file_checks.h"
#include "signals.h"
#include "train_controller.h"
#include "w2v/base/atomic_file.h"
#include "w2v/base/error.h"
#include "w2v/train/checkpoint.h"
#include "w2v/train/pipeline.h"
#include "w2v/vectors/vectors_file.h"

namespace w2v::cli {
namespace {

// The hyper-parameters, generated from the library's table of them, with
// their defaults in the help.
void add_train_options(cxxopts::Options& parser) {
  const TrainOptions defaults;
  auto adder = parser.add_options("Training");
  for (const TrainOptionSpec& spec : train_option_specs()) {
    const std::string shown = spec.default_text.empty() ? spec.show(defaults) : spec.default_text;
    adder(spec.name, spec.help + (shown.empty() ? "" : " (default: " + shown + ")"), cxxopts::value<std::string>(),
          spec.placeholder);
  }
}

// `options` with the hyper-parameters given on the command line set.
TrainOptions apply_train_options(const cxxopts::ParseResult& args, TrainOptions options) {
  for (const TrainOptionSpec& spec : train_option_specs()) {
    if (args.count(spec.name)) spec.set(options, option_value<std::string>(args, spec.name));
  }
  options.validate();
  return options;
}

void print_resume_point(const std::string& path, const Checkpoint& checkpoint, const TrainOptions& options) {
  const TrainingState& state = checkpoint.state;
  const auto total = static_cast<double>(checkpoint.corpus.tokens) * options.epochs;
  std::fprintf(stderr, "resuming %s: epoch %d of %d, %.1f%% done\n", path.c_str(),
               std::min(state.epoch + 1, options.epochs), options.epochs,
               total > 0 ? 100.0 * static_cast<double>(state.words_done) / total : 100.0);
}

}  // namespace

int train_command(int argc, char** argv) {
  SignalWatcher signals;  // first: the threads started later must inherit its blocked signals
  cxxopts::Options parser("w2v train", "Train word vectors on a text corpus (one sentence per line).");
  // clang-format off
  parser.add_options("Input and output")
    ("input", "corpus: plain or gzip text, '-' for stdin", cxxopts::value<std::string>(), "FILE")
    ("output", "where to write the word vectors (word2vec text format)", cxxopts::value<std::string>(), "FILE")
    ("binary", "write word2vec's binary format instead of text")
    ("save-vocab", "also write the vocabulary ('word count' lines)", cxxopts::value<std::string>(), "FILE")
    ("read-vocab", "take the vocabulary and counts from FILE instead of counting the corpus",
     cxxopts::value<std::string>(), "FILE")
    ("save-context", "also write the output (context) vectors (--loss ns or softmax)", cxxopts::value<std::string>(),
     "FILE")
    ("eval-analogies", "after each epoch, print the accuracy on this analogy file (questions-words.txt format; "
     "the " + std::to_string(kDefaultAnalogyRestrict) + " most frequent words)", cxxopts::value<std::string>(), "FILE")
    ("quiet", "print no progress")
    ("h,help", "show this help");
  parser.add_options("Resume and checkpoints")
    ("checkpoint", "save the complete state of the run to FILE when it ends, on SIGINT or SIGTERM, and every "
     "--checkpoint-every", cxxopts::value<std::string>(), "FILE")
    ("checkpoint-every", "also save a checkpoint this often: 30s, 10m, 2h (default: off)",
     cxxopts::value<std::string>(), "DURATION")
    ("resume", "continue the run saved in this checkpoint (its options and vocabulary; --input defaults to its "
     "corpus; only --epochs may be raised)", cxxopts::value<std::string>(), "FILE")
    ("init", "start from this checkpoint or word2vec vectors file (text or binary): its words keep their vectors "
     "and the corpus's new words are added (continued training; a checkpoint's options are the defaults)",
     cxxopts::value<std::string>(), "FILE");
  // clang-format on
  add_train_options(parser);
  const auto parsed = parse_arguments(parser, argc, argv);
  if (!parsed) return 0;
  const cxxopts::ParseResult& args = *parsed;
  const auto optional_path = [&](const std::string& name) {
    return args.count(name) ? option_value<std::string>(args, name) : std::string();
  };
  const std::string input = optional_path("input"), output = optional_path("output");
  const std::string context_output = optional_path("save-context"), vocabulary_output = optional_path("save-vocab");
  const std::string checkpoint_path = optional_path("checkpoint"), resume = optional_path("resume");
  const std::string init_path = optional_path("init");
  if (input.empty() && resume.empty()) throw Error("--input is required");
  if (output.empty()) throw Error("--output is required");
  if (!args.unmatched().empty()) throw Error("unexpected argument '" + args.unmatched().front() + "'");
  if (args.count("checkpoint-every") && checkpoint_path.empty()) {
    throw Error("--checkpoint-every: needs --checkpoint FILE");
  }
  const double checkpoint_every = args.count("checkpoint-every") ? duration_option(args, "checkpoint-every") : 0;
  if (!resume.empty() && args.count("read-vocab")) {
    throw Error("--read-vocab: a resumed run keeps the vocabulary of its checkpoint");
  }
  if (!resume.empty() && !init_path.empty()) throw Error("--init: a resumed run continues its checkpoint; give one of them");
  const std::vector<FileOption> outputs = {{"output", output},
                                           {"save-context", context_output},
                                           {"save-vocab", vocabulary_output},
                                           {"checkpoint", checkpoint_path}};
  const std::vector<FileOption> inputs = {{"input", input},
                                          {"read-vocab", optional_path("read-vocab")},
                                          {"eval-analogies", optional_path("eval-analogies")},
                                          {"resume", resume, "checkpoint"},
                                          {"init", init_path, "checkpoint"}};
  check_outputs(outputs, inputs);

  std::optional<Checkpoint> checkpoint;
  std::optional<InitialModel> init;
  TrainOptions options;
  if (!init_path.empty()) {
    init.emplace(read_initial_model(init_path));
    TrainOptions defaults = init->options.value_or(TrainOptions{});
    defaults.dim = static_cast<int>(init->input.dim());
    options = apply_train_options(args, defaults);
  } else if (!resume.empty()) {
    checkpoint.emplace(read_checkpoint(resume));
    options = apply_train_options(args, checkpoint->options);
    try {
      check_resume_options(checkpoint->options, options);
    } catch (const Error& e) {
      throw Error("--resume " + resume + ": " + e.what());
    }
  } else {
    options = apply_train_options(args, TrainOptions{});
  }
  if (!context_output.empty() && options.loss == LossKind::kHierarchicalSoftmax) {
    throw Error("--save-context: hierarchical softmax has no output vector per word (use --loss ns or softmax)");
  }
  std::vector<AnalogySection> analogies;
  if (args.count("eval-analogies")) analogies = read_analogy_questions(option_value<std::string>(args, "eval-analogies"));

  const bool quiet = args.count("quiet") > 0;
  TrainController controller(quiet, std::move(analogies), signals, checkpoint_path, checkpoint_every);
  if (checkpoint && !quiet) print_resume_point(resume, *checkpoint, options);
  if (init && !quiet) std::fprintf(stderr, "continuing from %s: %zu words with vectors\n", init_path.c_str(), init->input.size());
  const TrainInput train_input{input, optional_path("read-vocab")};
  const TrainedModel trained = checkpoint ? resume_training(std::move(*checkpoint), input, options, controller)
                               : init     ? continue_training(std::move(*init), train_input, options, controller)
                                          : train_corpus(train_input, options, controller);
  const RunSnapshot run{options, trained.vocabulary, trained.model, trained.fingerprint, trained.state};

  // From here a signal ends the process at once, writing nothing. One that
  // came before stopped the run: the run is saved, when it may be, and
  // nothing else is written.
  signals.defer(false);
  if (const int signal = signals.received()) {
    if (checkpoint_path.empty()) {
      std::fprintf(stderr, "\nw2v train: interrupted by %s; nothing saved (--checkpoint FILE would save the run)\n",
                   signal_name(signal));
    } else {
      save_checkpoint(checkpoint_path, run);
      std::fprintf(stderr, "\nw2v train: interrupted by %s; the run is saved in %s (continue it with --resume %s)\n",
                   signal_name(signal), checkpoint_path.c_str(), checkpoint_path.c_str());
    }
    return 128 + signal;
  }
  controller.finish(trained.summary);

  // Every output is written in full before any is put in place: a run
  // leaves all of them or none. The checkpoint goes first: a kill -9 between
  // two renames then leaves the finished run's checkpoint without vectors
  // (--resume writes them at once), never new vectors with an old checkpoint.
  const bool binary = args.count("binary") > 0;
  std::vector<std::unique_ptr<AtomicFile>> files;
  const auto add_file = [&](const std::string& path) -> AtomicFile& {
    return *files.emplace_back(std::make_unique<AtomicFile>(path));
  };
  const auto write_matrix = [&](const std::string& path, const Matrix& matrix) {
    write_vectors(add_file(path), trained.vocabulary.words(), matrix.data(), matrix.cols(), matrix.stride(), binary);
  };
  if (!checkpoint_path.empty()) write_checkpoint(add_file(checkpoint_path), run);
  if (!vocabulary_output.empty()) trained.vocabulary.save(add_file(vocabulary_output));
  write_matrix(output, trained.model.input());
  if (!context_output.empty()) write_matrix(context_output, *trained.model.context());
  std::vector<AtomicFile*> all;
  for (const auto& file : files) all.push_back(file.get());
  AtomicFile::commit_together(all);
  return 0;
}

}  // namespace w2v::cli
