#include "vectors_options.h"

#include "arguments.h"

#include "w2v/base/error.h"
#include "w2v/vectors/vectors_file.h"

namespace w2v::cli {

void add_vectors_options(cxxopts::Options& parser) {
  // clang-format off
  parser.add_options()
    ("vectors", "word vectors: word2vec text or binary, plain or gzip (told apart by content)",
     cxxopts::value<std::string>())
    ("limit", "load only the first N rows (the N most frequent words)", cxxopts::value<std::string>())
    ("h,help", "show this help");
  // clang-format on
  parser.parse_positional({"vectors"});
}

WordVectors load_vectors(const cxxopts::ParseResult& args) {
  if (!args.count("vectors")) throw Error("missing the VECTORS file argument");
  const std::size_t limit = args.count("limit") ? positive_option(args, "limit") : kAllRows;
  return read_vectors(option_value<std::string>(args, "vectors"), limit);
}

}  // namespace w2v::cli
