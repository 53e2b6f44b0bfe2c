#include <cstdio>
#include <string>
#include <vector>

#include "arguments.h"
#include "commands.h"
#include "query_loop.h"
#include "vectors_options.h"

namespace w2v::cli {

int similarity_command(int argc, char** argv) {
  cxxopts::Options parser("w2v similarity",
                          "The cosine similarity of words A and B. Without A B, reads a pair per line of stdin.");
  parser.positional_help("VECTORS [A B]");
  add_vectors_options(parser);
  const auto parsed = parse_arguments(parser, argc, argv);
  if (!parsed) return 0;
  const cxxopts::ParseResult& args = *parsed;
  const SimilarityIndex index(load_vectors(args));
  const auto answer = [&](std::span<const Question> questions) {
    std::vector<std::string> answers;
    char line[64];
    for (const Question& question : questions) {
      std::snprintf(line, sizeof line, " %.4f\n", index.similarity(question.rows[0], question.rows[1]));
      answers.push_back(query_title(question.words) + line);
    }
    return answers;
  };
  const QueryKind kind{"w2v similarity", "A B> ", 2, 2, false, false, false};
  return run_queries(kind, index.vectors(), answer, args.unmatched());
}

}  // namespace w2v::cli
