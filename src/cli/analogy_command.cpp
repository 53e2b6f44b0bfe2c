#include <string>
#include <vector>

#include "arguments.h"
#include "commands.h"
#include "query_loop.h"
#include "vectors_options.h"
#include "w2v/base/error.h"

namespace w2v::cli {
namespace {

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
  const auto answer = [&](std::span<const Question> questions) {
    // "A is to B as C is to ?": towards B and C, away from A.
    std::vector<SimilarityQuery> queries;
    for (const Question& q : questions) queries.push_back({{q.rows[1], q.rows[2]}, {q.rows[0]}});
    const auto neighbors = index.most_similar(queries, scoring, k, index.vectors().size());
    std::vector<std::string> answers;
    for (std::size_t q = 0; q < questions.size(); ++q) {
      const auto& w = questions[q].words;
      answers.push_back(ranked_list(w[0] + " : " + w[1] + " :: " + w[2] + " : ?", neighbors[q], index.vectors()));
    }
    return answers;
  };
  const QueryKind kind{"w2v analogy", "A B C> ", 3, 3, false, false, true};
  return run_queries(kind, index.vectors(), answer, args.unmatched());
}

}  // namespace w2v::cli
