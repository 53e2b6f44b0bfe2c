#pragma once
#include <span>

namespace w2v {

// Pearson's correlation coefficient. NaN when there are fewer than two pairs
// or either side is constant.
double pearson_correlation(std::span<const double> x, std::span<const double> y);

// Spearman's rho: Pearson's correlation of the ranks, tied values sharing
// the average of their ranks (as scipy.stats.spearmanr). NaN when there are
// fewer than two pairs or either side is constant.
double spearman_correlation(std::span<const double> x, std::span<const double> y);

}  // namespace w2v
