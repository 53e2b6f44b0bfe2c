#include <cxxopts.hpp>

#include <string>

#include "arguments.h"
#include "commands.h"
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

TrainOptions parse_train_options(const cxxopts::ParseResult& args) {
  TrainOptions options;
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
  // clang-format on
  add_train_options(parser);
#ifdef W2V_MPI
  parser.add_options("Distributed training (under mpirun)")
    ("sync-every", "words each process trains between two synchronisations of the models (default: " +
     std::to_string(kDefaultSyncWords) + ")", cxxopts::value<std::string>(), "N");
#endif
  const auto parsed = parse_arguments(parser, argc, argv, word2vec_flag_aliases());
  if (!parsed) return 0;
  const cxxopts::ParseResult& args = *parsed;
  if (!args.count("input")) throw Error("--input is required");
  if (!args.count("output") && !args.count("save-vocab")) throw Error("--output is required (or --save-vocab alone)");
  reject_extra_arguments(args);

  const auto optional_path = [&](const std::string& name) {
    return args.count(name) ? option_value<std::string>(args, name) : std::string();
  };
  TrainingJob job;
  job.options = parse_train_options(args);
  job.input = {option_value<std::string>(args, "input"), optional_path("read-vocab")};
  job.output = optional_path("output");
  job.binary = args.count("binary") > 0;
  job.classes = args.count("classes") ? positive_option(args, "classes") : 0;
  job.vocabulary_output = optional_path("save-vocab");
  job.context_output = optional_path("save-context");
  job.eval_analogies = optional_path("eval-analogies");
  job.verbosity = args.count("quiet") ? Verbosity::kQuiet : Verbosity::kProgress;
#ifdef W2V_MPI
  if (args.count("sync-every")) job.sync_every = positive_option(args, "sync-every");
#endif
  if (job.classes > 0 && job.binary) throw Error("--binary: has no effect with --classes (classes are text)");
  if (job.output.empty()) {
    for (const char* name : {"binary", "classes", "save-context", "eval-analogies"}) {
      if (args.count(name)) throw Error(std::string("--") + name + ": needs --output");
    }
  }
  return run_training(job);
}

}  // namespace w2v::cli
