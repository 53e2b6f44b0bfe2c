#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "w2v/eval/analogy_evaluation.h"
#include "w2v/eval/word_pair_evaluation.h"

namespace w2v {

// Everything `w2v eval` measured on one vectors file.
struct Evaluation {
  std::string vectors_path;
  std::size_t words = 0;
  std::size_t dim = 0;
  std::optional<std::pair<std::string, AnalogyResults>> analogies;  // test file, results
  std::vector<std::pair<std::string, WordPairResults>> word_pairs;  // test file, results
};

// A table for people: analogy accuracy per section, then semantic,
// syntactic and total; Spearman's rho per word pair file; with coverage.
std::string format_table(const Evaluation& evaluation);

// The same as one JSON object; an undefined correlation is null.
std::string format_json(const Evaluation& evaluation);

}  // namespace w2v
