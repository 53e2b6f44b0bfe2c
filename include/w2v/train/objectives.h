#pragma once
// The training objectives as pure functions of the scores S = H Oᵀ between
// n input rows H (skip-gram: the context words; CBOW: their mean) and m
// output rows O. Each returns the loss J and fills G = dJ/dS; backpropagate()
// turns G into dJ/dH and dJ/dO. Templates, so the tests check the very same
// code in double precision against numerical derivatives.
#include <Eigen/Core>
#include <cmath>

#include "w2v/base/matrix.h"

namespace w2v {

// Negative sampling and hierarchical softmax: independent logistic terms,
// output j with label y_j in {0, 1}:
//   J = sum_ij -log sigmoid((2 y_j - 1) S_ij),   dJ/dS_ij = sigmoid(S_ij) - y_j.
// Negative sampling: output 0 is the target (y = 1), the rest noise (y = 0).
// Hierarchical softmax: the inner nodes on the target's path, y = 1 - code.
template <class Real>
Real logistic_loss(const MatrixMap<Real>& S, const Real* labels, MatrixMap<Real>& G) {
  // S and G are contiguous; treating them as one flat array gives Eigen whole
  // SIMD packets (a row of S is only k+1 scores). With e = exp(-|s|):
  //   sigmoid(s) = 1/(1+e) for s >= 0, e/(1+e) otherwise, and
  //   -log sigmoid(-s) = softplus(s) = max(s, 0) + log(1 + e)   (label 0),
  //   -log sigmoid(s) = softplus(s) - s                          (label 1).
  // log(1 + e), not log1p(e): Eigen vectorises log but not log1p, and the
  // absolute error (below 1e-7 in float) is far below what matters.
  using Array = Eigen::Array<Real, Eigen::Dynamic, 1>;
  eigen_assert(S.outerStride() == S.cols() && G.outerStride() == G.cols());
  const Eigen::Map<const Array> s(S.data(), S.size());
  Eigen::Map<Array> g(G.data(), G.size());
  g = (-s.abs()).exp();  // e, kept in G until it becomes the gradient
  Real loss = (s.max(Real(0)) + (1 + g).log()).sum();
  g = (s >= 0).select(1 / (1 + g), g / (1 + g));
  for (Eigen::Index j = 0; j < S.cols(); ++j) {
    if (labels[j] == 0) continue;
    for (Eigen::Index i = 0; i < S.rows(); ++i) {
      G(i, j) -= 1;
      loss -= S(i, j);
    }
  }
  return loss;
}

// The exact softmax over all m outputs (O is the whole output matrix):
//   J = sum_i -log p_i(target),  p_i = softmax(S_i),  dJ/dS_i = p_i - e_target.
// The row maximum is subtracted before exp, so no logit overflows.
template <class Real>
Real softmax_loss(const MatrixMap<Real>& S, Eigen::Index target, MatrixMap<Real>& G) {
  Real loss = 0;
  for (Eigen::Index i = 0; i < S.rows(); ++i) {
    const Real max = S.row(i).maxCoeff();
    G.row(i) = (S.row(i).array() - max).exp().matrix();
    const Real sum = G.row(i).sum();
    G.row(i) /= sum;
    G(i, target) -= 1;
    loss += std::log(sum) + max - S(i, target);
  }
  return loss;
}

// S = H Oᵀ. The operands are a few rows each (skip-gram: the context words
// against the target and its negatives), where row-by-row dot products beat
// a general GEMM, whose packing and temporaries cost more than the math.
template <class Real>
void scores(const MatrixMap<Real>& H, const MatrixMap<Real>& O, MatrixMap<Real>& S) {
  for (Eigen::Index i = 0; i < H.rows(); ++i) {
    for (Eigen::Index j = 0; j < O.rows(); ++j) S(i, j) = H.row(i).dot(O.row(j));
  }
}

// dJ/dH = G O and dJ/dO = Gᵀ H, for S = H Oᵀ, as sums of scaled rows.
template <class Real>
void backpropagate(const MatrixMap<Real>& G, const MatrixMap<Real>& H, const MatrixMap<Real>& O,
                   MatrixMap<Real>& dH, MatrixMap<Real>& dO) {
  for (Eigen::Index i = 0; i < H.rows(); ++i) {
    dH.row(i) = G(i, 0) * O.row(0);
    for (Eigen::Index j = 1; j < O.rows(); ++j) dH.row(i) += G(i, j) * O.row(j);
  }
  for (Eigen::Index j = 0; j < O.rows(); ++j) {
    dO.row(j) = G(0, j) * H.row(0);
    for (Eigen::Index i = 1; i < H.rows(); ++i) dO.row(j) += G(i, j) * H.row(i);
  }
}

}  // namespace w2v
