#include <cstdio>
#include <string>
#include <vector>

#include "arguments.h"
#include "commands.h"
#include "vectors_options.h"
#include "w2v/base/error.h"
#include "w2v/eval/evaluation_report.h"

namespace w2v::cli {

int eval_command(int argc, char** argv) {
  cxxopts::Options parser("w2v eval",
                          "Scores word vectors on an analogy test (accuracy per section, semantic, syntactic, total) "
                          "and on word similarity tests (Spearman's rho), as gensim's evaluate_word_analogies and "
                          "evaluate_word_pairs do.");
  parser.positional_help("VECTORS");
  add_vectors_options(parser);
  // clang-format off
  parser.add_options()
    ("analogies", "analogy questions in the format of questions-words.txt", cxxopts::value<std::string>())
    ("similarity", "word pairs with human scores, 'word word score' lines; several files may follow",
     cxxopts::value<std::vector<std::string>>())
    ("restrict", "analogies: questions and answers use the first N words",
     cxxopts::value<std::string>()->default_value(std::to_string(kDefaultAnalogyRestrict)))
    ("similarity-restrict", "word pairs: use the first N words",
     cxxopts::value<std::string>()->default_value(std::to_string(kDefaultWordPairRestrict)))
    ("json", "print one JSON object instead of a table");
  // clang-format on
  const auto parsed = parse_arguments(parser, argc, argv);
  if (!parsed) return 0;
  const cxxopts::ParseResult& args = *parsed;
  std::vector<std::string> pair_files;
  if (args.count("similarity")) {
    pair_files = args["similarity"].as<std::vector<std::string>>();
    // `--similarity a b` leaves b unmatched: it is a second file.
    pair_files.insert(pair_files.end(), args.unmatched().begin(), args.unmatched().end());
  } else {
    reject_extra_arguments(args);
  }
  if (!args.count("analogies") && pair_files.empty()) {
    throw Error("nothing to evaluate: give --analogies FILE and/or --similarity FILE...");
  }
  const std::size_t restrict = positive_option(args, "restrict");
  const std::size_t pairs_restrict = positive_option(args, "similarity-restrict");
  // The questions are read before the vectors, so that a bad file fails fast.
  std::vector<AnalogySection> questions;
  if (args.count("analogies")) questions = read_analogy_questions(option_value<std::string>(args, "analogies"));

  WordVectors vectors = load_vectors(args);
  Evaluation evaluation{option_value<std::string>(args, "vectors"), vectors.size(), vectors.dim(), {}, {}};
  for (const std::string& path : pair_files) {
    evaluation.word_pairs.emplace_back(path, evaluate_word_pairs(vectors, path, pairs_restrict));
  }
  if (args.count("analogies")) {
    const SimilarityIndex index(std::move(vectors));
    evaluation.analogies.emplace(option_value<std::string>(args, "analogies"), evaluate_analogies(index, questions, restrict));
  }
  std::fputs((args.count("json") ? format_json(evaluation) : format_table(evaluation)).c_str(), stdout);
  return 0;
}

}  // namespace w2v::cli
