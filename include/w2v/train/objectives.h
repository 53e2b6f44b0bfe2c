#pragma once
// The training objectives as pure functions of the scores S = H Oᵀ between
// n input rows H (skip-gram: the context words; CBOW: their mean) and m
// output rows O. Each returns the loss J and fills G = dJ/dS; row_kernels.h
// turns G into the steps of H and O. Templates, so the tests check the very same
// code in double precision against numerical derivatives.
#include <Eigen/Core>
#include <algorithm>
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
  // The whole packets go straight through; a last partial packet (all of
  // it when there are fewer scores than a packet holds: CBOW, hierarchical
  // softmax) is padded with zeros, whose terms are left out, because Eigen
  // would compute a partial packet with the scalar exp and log.
  using Array = Eigen::Array<Real, Eigen::Dynamic, 1>;
  constexpr Eigen::Index W = Eigen::internal::packet_traits<Real>::size;
  using Packet = Eigen::Array<Real, W, 1>;
  eigen_assert(S.outerStride() == S.cols() && G.outerStride() == G.cols());
  const Eigen::Index whole = S.size() / W * W, rest = S.size() - whole;
  const Eigen::Map<const Array> s(S.data(), whole);
  Eigen::Map<Array> g(G.data(), whole);
  g = (-s.abs()).exp();  // e, kept in G until it becomes the gradient
  Real loss = (s.max(Real(0)) + (1 + g).log()).sum();
  g = (s >= 0).select(1 / (1 + g), g / (1 + g));
  if (rest > 0) {
    Packet s_rest = Packet::Zero();
    std::copy_n(S.data() + whole, rest, s_rest.data());
    const Packet e = (-s_rest.abs()).exp();
    const Packet softplus = s_rest.max(Real(0)) + (1 + e).log();
    loss += softplus.head(rest).sum();
    const Packet g_rest = (s_rest >= 0).select(1 / (1 + e), e / (1 + e));
    std::copy_n(g_rest.data(), rest, G.data() + whole);
  }
  // The labels' terms as arithmetic, not a branch: hierarchical softmax's
  // labels are the path's codes, which a branch on them mispredicts (perf,
  // CBOW hs: a fifth of this function's time was on such a branch).
  const Eigen::Map<const Eigen::Array<Real, 1, Eigen::Dynamic>> y(labels, S.cols());
  for (Eigen::Index i = 0; i < S.rows(); ++i) {
    G.row(i).array() -= y;
    loss -= (S.row(i).array() * y).sum();
  }
  return loss;
}

// The SGD step of a logistic output layer leaves out the terms whose score
// is already saturated, |S_ij| >= kSaturatedScore: their G_ij becomes 0, so
// neither row of the pair moves. gensim does this for negative sampling and
// hierarchical softmax, word2vec.c for hierarchical softmax (its sigmoid
// table ends at ±6). A right answer that sure has nothing left to learn
// (|G| < 0.0025); a wrong one that sure is mostly a noise word that happens
// to fit the context, whose full step (word2vec.c's negative sampling) pulls
// both rows hard towards an outlier. With the wider initialisation
// (Matrix::randomize), it raised CBOW's median analogy score by 0.5 to 1.0
// points on each of four corpora (three seeds; docs/benchmarks.md). The loss keeps
// every term: it is what training reports, and what the tests differentiate.
inline constexpr double kSaturatedScore = 6;

template <class Real>
void skip_saturated(const MatrixMap<Real>& S, MatrixMap<Real>& G) {
  eigen_assert(S.outerStride() == S.cols() && G.outerStride() == G.cols());
  using Array = Eigen::Array<Real, Eigen::Dynamic, 1>;
  const Eigen::Map<const Array> s(S.data(), S.size());
  Eigen::Map<Array> g(G.data(), G.size());
  g = (s.abs() < Real(kSaturatedScore)).select(g, Real(0));
}

// The exact softmax over all m outputs (O is the whole output matrix):
//   J = sum_i -log p_i(target),  p_i = softmax(S_i),  dJ/dS_i = p_i - e_target.
// The row maximum is subtracted before exp, so no logit overflows. G may be
// S itself: the softmax then replaces the scores.
template <class Real>
Real softmax_loss(const MatrixMap<Real>& S, Eigen::Index target, MatrixMap<Real>& G) {
  Real loss = 0;
  for (Eigen::Index i = 0; i < S.rows(); ++i) {
    const Real max = S.row(i).maxCoeff();
    loss += max - S(i, target);
    G.row(i) = (S.row(i).array() - max).exp().matrix();
    const Real sum = G.row(i).sum();
    G.row(i) /= sum;
    G(i, target) -= 1;
    loss += std::log(sum);
  }
  return loss;
}

}  // namespace w2v
