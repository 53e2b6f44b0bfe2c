#include "suggestion.h"

#include <algorithm>

namespace w2v::cli {
namespace {

// Edit distance where swapping two neighbouring characters is one edit
// (optimal string alignment): "trian" is one edit from "train".
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::string nearest(std::string_view typed, const std::vector<std::string>& candidates) {
  const std::size_t length = typed.size() - std::min(typed.find_first_not_of('-'), typed.size());  // without dashes
  const std::size_t allowed = length <= 4 ? 1 : length <= 8 ? 2 : 3;
  std::string best;
  std::size_t best_distance = allowed + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t distance = edit_distance(typed, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  if (!best.empty() || length < 3) return best;
  // "--save" for "--save-vocab": a prefix of one candidate only.
  std::vector<const std::string*> extended;
  for (const std::string& candidate : candidates) {
    if (candidate.starts_with(typed)) extended.push_back(&candidate);
  }
  return extended.size() == 1 ? *extended.front() : std::string();
}

std::string did_you_mean(std::string_view typed, const std::vector<std::string>& candidates) {
  const std::string match = nearest(typed, candidates);
  return match.empty() ? std::string() : " (did you mean '" + match + "'?)";
}

}  // namespace w2v::cli
