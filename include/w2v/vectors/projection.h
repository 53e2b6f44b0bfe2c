#pragma once
// Two-dimensional pictures of high-dimensional points: n points as the rows
// of an n x d matrix in, n x 2 coordinates out.
#include <Eigen/Core>

namespace w2v {

using Points = Eigen::MatrixXd;      // a point per row
using PlanePoints = Eigen::MatrixX2d;

struct PcaResult {
  PlanePoints points;
  // The share of the points' variance along each of the two axes.
  Eigen::Vector2d explained = Eigen::Vector2d::Zero();
};

// Principal component analysis: the centred points projected on the two
// eigenvectors of their covariance matrix with the largest eigenvalues. Each
// axis's sign is chosen so that its largest coordinate (in absolute value) is
// positive, so the picture does not flip with rounding. Needs 2 points or more.
PcaResult pca(const Points& points);

struct TsneOptions {
  // The effective number of neighbours each point's similarities are spread
  // over (van der Maaten & Hinton suggest 5 to 50). Lowered to (n - 1) / 3
  // for n points when larger, as fewer points cannot supply it.
  double perplexity = 30;
  int iterations = 1000;
};

struct TsneResult {
  PlanePoints points;
  double perplexity = 0;  // as used, after lowering
  double kl_divergence = 0;  // KL(P || Q) at the end: the cost minimised
};

// Exact t-SNE (van der Maaten & Hinton 2008): similarities p_ij from Gaussian
// kernels whose widths give each point the perplexity, q_ij from a Student t
// kernel in the plane, and gradient descent on KL(P || Q) with momentum
// (0.5, then 0.8), per-coordinate gains and early exaggeration (12 for the
// first 250 iterations), as in the reference implementation and
// scikit-learn. O(n^2) per iteration: meant for a few hundred points. The
// start is the PCA picture scaled down (scikit-learn's init='pca'), so the
// result is deterministic. Needs 3 points or more.
TsneResult tsne(const Points& points, const TsneOptions& options);

}  // namespace w2v
