#include <cxxopts.hpp>

#include <string>

#include "arguments.h"
#include "commands.h"
#include "processes.h"
#include "training_job.h"
#include "word2vec_command.h"
#include "w2v/base/error.h"

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

// `options` (the defaults, or a checkpoint's) with the hyper-parameters given
// on the command line set.
TrainOptions apply_train_options(const cxxopts::ParseResult& args, TrainOptions options) {
  for (const TrainOptionSpec& spec : train_option_specs()) {
    if (args.count(spec.name)) spec.set(options, option_value<std::string>(args, spec.name));
  }
  options.validate();
  for (const TrainOptionSpec& spec : train_option_specs()) {
    if (!args.count(spec.name) || !spec.unused_with) continue;
    if (const std::string idle = spec.unused_with(options); !idle.empty()) {
      throw Error("--" + spec.name + ": has no effect with " + idle);
    }
  }
  return options;
}

}  // namespace

int train_command(int argc, char** argv) {
  cxxopts::Options parser("w2v train", "Train word vectors on a text corpus (one sentence per line).");
  // clang-format off
  parser.add_options("Input and output")
    ("input", "corpus: plain or gzip text, '-' for stdin", cxxopts::value<std::string>(), "FILE")
    ("output", "where to write the word vectors (word2vec text format); may be left out with --save-vocab, "
     "to count the vocabulary only", cxxopts::value<std::string>(), "FILE")
    ("binary", "write word2vec's binary format instead of text")
    ("classes", "write 'word class' lines to --output instead of vectors: K classes by k-means on the vectors "
     "(as word2vec.c's -classes)", cxxopts::value<std::string>(), "K")
    ("save-vocab", "also write the vocabulary (word2vec.c's format: '</s> lines', then 'word count' lines)",
     cxxopts::value<std::string>(), "FILE")
    ("read-vocab", "take the vocabulary and counts from FILE instead of counting the corpus",
     cxxopts::value<std::string>(), "FILE")
    ("save-context", "also write the output (context) vectors (--loss ns, ns+hs or softmax)",
     cxxopts::value<std::string>(), "FILE")
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
#ifdef W2V_MPI
  parser.add_options("Distributed training (under mpirun)")
    ("sync-every", "words each process trains between two synchronisations of the frequent words' rows (default: " +
     std::to_string(kDefaultSyncWords) + ")", cxxopts::value<std::string>(), "N")
    ("sync-all-every", "words each process trains between two synchronisations of all rows, rounded to a multiple "
     "of --sync-every (default: " + std::to_string(kDefaultSyncAllWords) + ")", cxxopts::value<std::string>(), "N");
#endif
  const auto parsed = parse_arguments(parser, argc, argv, word2vec_flag_aliases());
  if (!parsed) return 0;
  const cxxopts::ParseResult& args = *parsed;
  const auto optional_path = [&](const std::string& name) {
    return args.count(name) ? option_value<std::string>(args, name) : std::string();
  };
  TrainingJob job;
  job.input = {optional_path("input"), optional_path("read-vocab")};
  job.resume_path = optional_path("resume");
  const std::string init_path = optional_path("init");
  if (job.input.corpus.empty() && job.resume_path.empty()) throw Error("--input is required");
  if (!args.count("output") && !args.count("save-vocab")) throw Error("--output is required (or --save-vocab alone)");
  reject_extra_arguments(args);
  job.checkpoint_path = optional_path("checkpoint");
  if (args.count("checkpoint-every") && job.checkpoint_path.empty()) {
    throw Error("--checkpoint-every: needs --checkpoint FILE");
  }
  job.checkpoint_every = args.count("checkpoint-every") ? duration_option(args, "checkpoint-every") : 0;
  if (!job.resume_path.empty() && !job.input.vocabulary.empty()) {
    throw Error("--read-vocab: a resumed run keeps the vocabulary of its checkpoint");
  }
  if (!job.resume_path.empty() && !init_path.empty()) {
    throw Error("--init: a resumed run continues its checkpoint; give one of them");
  }
  job.output = optional_path("output");
  if (job.output.empty() && (!job.resume_path.empty() || !init_path.empty() || !job.checkpoint_path.empty())) {
    throw Error(std::string(!job.resume_path.empty() ? "--resume" : !init_path.empty() ? "--init" : "--checkpoint") +
                ": needs --output");
  }

  if (!init_path.empty()) {
    job.init.emplace(read_initial_model(init_path));
    TrainOptions defaults = job.init->options.value_or(TrainOptions{});
    defaults.dim = static_cast<int>(job.init->input.dim());
    job.options = apply_train_options(args, defaults);
  } else if (!job.resume_path.empty()) {
    job.resume.emplace(read_checkpoint(job.resume_path));
    job.options = apply_train_options(args, job.resume->options);
    try {
      check_resume_options(job.resume->options, job.options);
      check_resume_processes(*job.resume, Processes::current().group().size());
    } catch (const Error& e) {
      throw Error("--resume " + job.resume_path + ": " + e.what());
    }
  } else {
    job.options = apply_train_options(args, TrainOptions{});
  }
  job.binary = args.count("binary") > 0;
  job.classes = args.count("classes") ? positive_option(args, "classes") : 0;
  job.vocabulary_output = optional_path("save-vocab");
  job.context_output = optional_path("save-context");
  job.eval_analogies = optional_path("eval-analogies");
  job.verbosity = args.count("quiet") ? Verbosity::kQuiet : Verbosity::kProgress;
#ifdef W2V_MPI
  if (args.count("sync-every")) job.sync_every = positive_option(args, "sync-every");
  if (args.count("sync-all-every")) job.sync_all_every = positive_option(args, "sync-all-every");
#endif
  if (job.classes > 0 && job.binary) throw Error("--binary: has no effect with --classes (classes are text)");
  if (job.output.empty()) {
    for (const char* name : {"binary", "classes", "save-context", "eval-analogies"}) {
      if (args.count(name)) throw Error(std::string("--") + name + ": needs --output");
    }
  }
  return run_training(std::move(job));
}

}  // namespace w2v::cli
