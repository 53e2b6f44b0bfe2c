#include "vectors_options.h"

#include "w2v/error.h"
#include "w2v/vectors_file.h"

namespace w2v::cli {

void add_vectors_options(cxxopts::Options& parser) {
  // clang-format off
  parser.add_options()
    ("vectors", "word vectors: word2vec text or binary (told apart by content)", cxxopts::value<std::string>())
    ("limit", "load only the first N rows (the N most frequent words)", cxxopts::value<std::size_t>())
    ("h,help", "show this help");
  // clang-format on
  parser.parse_positional({"vectors"});
}

cxxopts::ParseResult parse_arguments(cxxopts::Options& parser, int argc, char** argv) {
  try {
    return parser.parse(argc, argv);
  } catch (const cxxopts::exceptions::exception& e) {
    throw Error(e.what());
  }
}

WordVectors load_vectors(const cxxopts::ParseResult& args) {
  if (!args.count("vectors")) throw Error("missing the VECTORS file argument");
  const std::size_t limit = args.count("limit") ? positive_option(args, "limit") : kAllRows;
  return read_vectors(args["vectors"].as<std::string>(), limit);
}

std::size_t positive_option(const cxxopts::ParseResult& args, const char* name) {
  const auto value = args[name].as<std::size_t>();
  if (value < 1) throw Error("--" + std::string(name) + ": must be at least 1");
  return value;
}

}  // namespace w2v::cli
