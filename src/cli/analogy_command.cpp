#include <cstdio>
#include <string>
#include <vector>

#include "arguments.h"
#include "commands.h"
#include "query_loop.h"
#include "vectors_options.h"
#include "w2v/base/error.h"

namespace w2v::cli {
namespace {

// "A is to B as C is to ?": towards B and C, away from A.
SimilarityQuery analogy_query(const std::vector<std::size_t>& rows) { return {{rows[1], rows[2]}, {rows[0]}}; }

std::string analogy_title(const std::vector<std::string>& words) {
  return words[0] + " : " + words[1] + " :: " + words[2] + " : ?";
}

Scoring parse_method(const std::string& method) {
  if (method == "add") return Scoring::add;
  if (method == "mul") return Scoring::mul;
  throw Error("--method: expected 'add' or 'mul', got '" + method + "'");
}

}  // namespace

int analogy_command(int argc, char** argv) {
  cxxopts::Options parser("w2v analogy",
                          "Answers \"A is to B as C is to ?\" with the words nearest to B - A + C. Without A B C, "
                          "reads three words per line of stdin.");
  parser.positional_help("VECTORS [A B C]");
  add_vectors_options(parser);
  // clang-format off
  parser.add_options()
    ("k,top", "how many answers to show", cxxopts::value<std::string>()->default_value("10"))
    ("method", "add: 3CosAdd, cos(x, B - A + C); mul: 3CosMul (Levy & Goldberg)",
     cxxopts::value<std::string>()->default_value("add"));
  // clang-format on
  const auto parsed = parse_arguments(parser, argc, argv);
  if (!parsed) return 0;
  const cxxopts::ParseResult& args = *parsed;
  const std::size_t k = positive_option(args, "top");
  const Scoring scoring = parse_method(option_value<std::string>(args, "method"));
  const SimilarityIndex index(load_vectors(args));
  const QueryKind kind{"w2v analogy", "A B C> ", 3, analogy_query, analogy_title};
  return run_queries(kind, index, scoring, k, args.unmatched());
}

}  // namespace w2v::cli
