#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "arguments.h"
#include "commands.h"
#include "summary_text.h"
#include "vectors_options.h"
#include "w2v/base/atomic_file.h"
#include "w2v/base/error.h"
#include "w2v/vectors/word_classes.h"

namespace w2v::cli {

int classes_command(int argc, char** argv) {
  cxxopts::Options parser("w2v classes",
                          "Groups the words into K classes by k-means on the directions of their vectors, as "
                          "word2vec.c's -classes K, and prints 'word class' lines in the order of the vectors file.");
  parser.positional_help("VECTORS K");
  add_vectors_options(parser);
  // clang-format off
  parser.add_options()
    ("iterations", "at most N k-means passes (word2vec.c: 10); stops earlier when no word moves",
     cxxopts::value<std::string>()->default_value("10"), "N")
    ("seed", "random seed of the first class centres", cxxopts::value<std::string>()->default_value("1"),
     "N")
    ("output", "write the classes to FILE instead of stdout", cxxopts::value<std::string>(), "FILE");
  // clang-format on
  const auto parsed = parse_arguments(parser, argc, argv);
  if (!parsed) return 0;
  const cxxopts::ParseResult& args = *parsed;
  const auto& positional = args.unmatched();
  if (positional.empty()) throw Error("missing the number of classes K after VECTORS");
  if (positional.size() > 1) throw Error("unexpected argument '" + positional[1] + "'");
  const std::size_t classes = positive_value("K", positional[0]);
  const int iterations = option_value<int>(args, "iterations");
  if (iterations < 1) throw Error("--iterations: must be at least 1");
  const auto seed = option_value<std::uint64_t>(args, "seed");
  // An unwritable output fails before the work.
  std::optional<AtomicFile> file;
  if (args.count("output")) file.emplace(option_value<std::string>(args, "output"));

  const WordVectors vectors = load_vectors(args);
  if (classes > vectors.size()) {
    throw Error("K: " + plural(classes, "class", "classes") + " for " + plural(vectors.size(), "word") +
                " in " + option_value<std::string>(args, "vectors"));
  }
  const WordClasses result =
      cluster_words(vectors.matrix(vectors.size()), classes, iterations, seed);
  write_word_classes(file ? file->stream() : stdout, vectors.words(), result);
  if (file) file->commit();
  std::fprintf(stderr, "%s\n", classes_summary(result).c_str());
  return 0;
}

}  // namespace w2v::cli
