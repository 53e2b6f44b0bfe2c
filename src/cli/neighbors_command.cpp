#include <cstdio>
#include <string>
#include <vector>

#include "arguments.h"
#include "commands.h"
#include "query_loop.h"
#include "vectors_options.h"

namespace w2v::cli {
namespace {

// Several words are one query: their unit vectors summed, as in word2vec.c's distance.
SimilarityQuery neighbors_query(const std::vector<std::size_t>& rows) { return {rows, {}}; }

std::string neighbors_title(const std::vector<std::string>& words) {
  std::string title;
  for (const std::string& word : words) title += (title.empty() ? "" : " ") + word;
  return title;
}

}  // namespace

int neighbors_command(int argc, char** argv) {
  cxxopts::Options parser("w2v neighbors",
                          "The words nearest (by cosine) to each WORD; a quoted \"w1 w2\" asks for the sum of their "
                          "vectors. Without WORDs, reads a query per line of stdin.");
  parser.positional_help("VECTORS [WORD...]");
  add_vectors_options(parser);
  parser.add_options()("k,top", "how many neighbours to show", cxxopts::value<std::string>()->default_value("10"));
  const auto parsed = parse_arguments(parser, argc, argv);
  if (!parsed) return 0;
  const cxxopts::ParseResult& args = *parsed;
  const std::size_t k = positive_option(args, "top");
  const SimilarityIndex index(load_vectors(args));
  const QueryKind kind{"w2v neighbors", "words> ", 0, neighbors_query, neighbors_title};
  return run_queries(kind, index, Scoring::add, k, args.unmatched());
}

}  // namespace w2v::cli
