#include "w2v/eval/word_pair_evaluation.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <vector>

#include "w2v/eval/case_insensitive_vocabulary.h"
#include "w2v/base/error.h"
#include "w2v/base/utf8.h"
#include "w2v/eval/rank_correlation.h"

namespace w2v {
namespace {

double cosine(const float* a, const float* b, std::size_t dim) {
  double ab = 0, aa = 0, bb = 0;
  for (std::size_t i = 0; i < dim; ++i) {
    ab += double{a[i]} * b[i];
    aa += double{a[i]} * a[i];
    bb += double{b[i]} * b[i];
  }
  return aa > 0 && bb > 0 ? ab / std::sqrt(aa * bb) : 0.0;
}

}  // namespace

WordPairResults evaluate_word_pairs(const WordVectors& vectors, const std::string& path, std::size_t restrict) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open word pairs");
  const CaseInsensitiveVocabulary vocabulary(vectors, restrict);
  WordPairResults results;
  results.restrict = restrict;
  std::vector<double> human, model;
  std::string line;
  for (std::size_t line_number = 1; std::getline(in, line); ++line_number) {
    if (line.starts_with('#')) continue;
    std::istringstream fields(line);
    std::string first, second, score, extra;
    if (!(fields >> first)) continue;  // a blank line
    fields >> second >> score;
    double value = 0;
    const auto parsed = std::from_chars(score.data(), score.data() + score.size(), value);
    const bool well_formed = !second.empty() && !score.empty() && !(fields >> extra) && parsed.ec == std::errc() &&
                             parsed.ptr == score.data() + score.size();
    const auto where = [&] { return path + ": line " + std::to_string(line_number) + ": "; };
    if (!well_formed) throw Error(where() + "expected 'word word score'");
    // from_chars reads "nan" and "inf", which would rank anywhere.
    if (!std::isfinite(value)) throw Error(where() + "the score '" + printable(score) + "' is not a finite number");
    ++results.pairs;
    const auto a = vocabulary.find(first), b = vocabulary.find(second);
    if (!a || !b) continue;
    ++results.covered;
    human.push_back(value);
    model.push_back(cosine(vectors.row(*a), vectors.row(*b), vectors.dim()));
  }
  if (in.bad()) throw Error(path + ": read error");
  results.spearman = spearman_correlation(human, model);
  results.pearson = pearson_correlation(human, model);
  return results;
}

}  // namespace w2v
