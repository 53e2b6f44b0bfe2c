#include <cxxopts.hpp>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "arguments.h"
#include "commands.h"
#include "file_checks.h"
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
  if (!args.unmatched().empty()) throw Error("unexpected argument '" + args.unmatched().front() + "'");

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
  const std::string input = option_value<std::string>(args, "input");
  const std::vector<FileOption> outputs = {
      {"output", output}, {"save-context", context_output}, {"save-vocab", vocabulary_output}};
  const std::vector<FileOption> inputs = {
      {"input", input}, {"read-vocab", optional_path("read-vocab")}, {"eval-analogies", optional_path("eval-analogies")}};
  check_outputs(outputs, inputs);

  TrainingPrinter printer(args.count("quiet") > 0, std::move(analogies));
  const TrainedModel trained = train_corpus({input, optional_path("read-vocab")}, options, printer);
  printer.finish(trained.summary);

  // Every output is written in full before any is put in place: a run
  // leaves all of them or none.
  const bool binary = args.count("binary") > 0;
  std::vector<std::unique_ptr<AtomicFile>> files;
  const auto write_matrix = [&](const std::string& path, const Matrix& matrix) {
    files.push_back(std::make_unique<AtomicFile>(path));
    write_vectors(*files.back(), trained.vocabulary.words(), matrix.data(), matrix.cols(), matrix.stride(), binary);
  };
  if (!vocabulary_output.empty()) {
    files.push_back(std::make_unique<AtomicFile>(vocabulary_output));
    trained.vocabulary.save(*files.back());
  }
  write_matrix(output, trained.model.input());
  if (!context_output.empty()) write_matrix(context_output, *trained.model.context());
  std::vector<AtomicFile*> all;
  for (const auto& file : files) all.push_back(file.get());
  AtomicFile::commit_together(all);
  return 0;
}

}  // namespace w2v::cli
