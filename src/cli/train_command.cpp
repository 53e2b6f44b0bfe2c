#include <cxxopts.hpp>

#include <cstdio>
#include <string>

#include "arguments.h"
#include "commands.h"
#include "training_printer.h"
#include "w2v/base/atomic_file.h"
#include "w2v/base/error.h"
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

TrainOptions parse_train_options(const cxxopts::ParseResult& args) {
  TrainOptions options;
  for (const TrainOptionSpec& spec : train_option_specs()) {
    if (args.count(spec.name)) spec.set(options, option_value<std::string>(args, spec.name));
  }
  options.validate();
  return options;
}

void write_matrix(const std::string& path, const Vocabulary& vocabulary, const Matrix& matrix, bool binary) {
  write_vectors(path, vocabulary.words(), matrix.data(), matrix.cols(), matrix.stride(), binary);
}

}  // namespace

int train_command(int argc, char** argv) {
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
  // clang-format on
  add_train_options(parser);
  const auto parsed = parse_arguments(parser, argc, argv);
  if (!parsed) return 0;
  const cxxopts::ParseResult& args = *parsed;
  if (!args.count("input")) throw Error("--input is required");
  if (!args.count("output")) throw Error("--output is required");
  reject_extra_arguments(args);

  const TrainOptions options = parse_train_options(args);
  const auto optional_path = [&](const std::string& name) {
    return args.count(name) ? option_value<std::string>(args, name) : std::string();
  };
  const std::string output = option_value<std::string>(args, "output");
  const std::string context_output = optional_path("save-context");
  const std::string vocabulary_output = optional_path("save-vocab");
  if (!context_output.empty() && options.loss == LossKind::kHierarchicalSoftmax) {
    throw Error("--save-context: hierarchical softmax has no output vector per word (use --loss ns or softmax)");
  }
  std::vector<AnalogySection> analogies;
  if (args.count("eval-analogies")) analogies = read_analogy_questions(option_value<std::string>(args, "eval-analogies"));
  // Fail on an unwritable output before spending the training time.
  for (const std::string& path : {output, context_output, vocabulary_output}) {
    if (!path.empty()) AtomicFile probe(path);
  }

  TrainingPrinter printer(args.count("quiet") > 0, std::move(analogies));
  const TrainedModel trained =
      train_corpus({option_value<std::string>(args, "input"), optional_path("read-vocab")}, options, printer);
  printer.finish(trained.summary);
  const bool binary = args.count("binary") > 0;
  if (!vocabulary_output.empty()) trained.vocabulary.save(vocabulary_output);
  write_matrix(output, trained.vocabulary, trained.model.input(), binary);
  if (!context_output.empty()) write_matrix(context_output, trained.vocabulary, *trained.model.context(), binary);
  return 0;
}

}  // namespace w2v::cli
