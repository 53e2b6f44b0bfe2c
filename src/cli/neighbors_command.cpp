#include <string>
#include <vector>

#include "arguments.h"
#include "commands.h"
#include "query_loop.h"
#include "vectors_options.h"

namespace w2v::cli {

int neighbors_command(int argc, char** argv) {
  cxxopts::Options parser("w2v neighbors",
                          "The words nearest (by cosine) to each WORD; a quoted \"w1 w2\" asks for the sum of their "
                          "vectors, and \"king -man woman\" for king - man + woman. Without WORDs, reads a query per "
                          "line of stdin.");
  parser.positional_help("VECTORS [WORD...]");
  add_vectors_options(parser);
  parser.add_options()("k,top", "how many neighbours to show", cxxopts::value<std::string>()->default_value("10"));
  const auto parsed = parse_arguments(parser, argc, argv);
  if (!parsed) return 0;
  const cxxopts::ParseResult& args = *parsed;
  const std::size_t k = positive_option(args, "top");
  const SimilarityIndex index(load_vectors(args));
  // Several words are one query: their unit vectors summed (as in word2vec.c's
  // distance), those written "-word" subtracted (as in gensim's most_similar).
  const auto answer = [&](std::span<const Question> questions) {
    std::vector<SimilarityQuery> queries;
    for (const Question& question : questions) {
      SimilarityQuery& query = queries.emplace_back();
      for (std::size_t i = 0; i < question.rows.size(); ++i) {
        (question.negative[i] ? query.negative : query.positive).push_back(question.rows[i]);
      }
    }
    const auto neighbors = index.most_similar(queries, Scoring::add, k, index.vectors().size());
    std::vector<std::string> answers;
    for (std::size_t q = 0; q < questions.size(); ++q) {
      answers.push_back(ranked_list(query_title(questions[q].words), neighbors[q], index.vectors()));
    }
    return answers;
  };
  const QueryKind kind{"w2v neighbors", "words> ", 1, QueryKind::kAnyNumber, true, true, true};
  return run_queries(kind, index.vectors(), answer, args.unmatched());
}

}  // namespace w2v::cli
