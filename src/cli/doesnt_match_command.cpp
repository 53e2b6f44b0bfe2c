#include <string>
#include <vector>

#include "arguments.h"
#include "commands.h"
#include "query_loop.h"
#include "vectors_options.h"

namespace w2v::cli {

int doesnt_match_command(int argc, char** argv) {
  cxxopts::Options parser("w2v doesnt-match",
                          "Which of the WORDs doesn't go with the others: each word's cosine to the mean of their "
                          "unit vectors, lowest (the answer) first. Without WORDs, reads a query per line of stdin.");
  parser.positional_help("VECTORS [WORD WORD...]");
  add_vectors_options(parser);
  const auto parsed = parse_arguments(parser, argc, argv);
  if (!parsed) return 0;
  const cxxopts::ParseResult& args = *parsed;
  const SimilarityIndex index(load_vectors(args));
  const auto answer = [&](std::span<const Question> questions) {
    std::vector<std::string> answers;
    for (const Question& question : questions) {
      answers.push_back(ranked_list(query_title(question.words), index.doesnt_match(question.rows), index.vectors()));
    }
    return answers;
  };
  const QueryKind kind{"w2v doesnt-match", "words> ", 2, QueryKind::kAnyNumber, false, false, true};
  return run_queries(kind, index.vectors(), answer, args.unmatched());
}

}  // namespace w2v::cli
