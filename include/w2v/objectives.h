#pragma once
// The training objectives as pure functions of the scores S = H Oᵀ between
// n input rows H (skip-gram: the context words; CBOW: their mean) and m
// output rows O. Each returns the loss J and fills G = dJ/dS; backpropagate()
// turns G into dJ/dH and dJ/dO. Templates, so the tests check the very same
// code in double precision against numerical derivatives.
#include <Eigen/Core>
#include <cmath>

#include "w2v/matrix.h"

namespace w2v {

enum class LossKind { kNegativeSampling, kHierarchicalSoftmax, kSoftmax };

// Negative sampling and hierarchical softmax: independent logistic terms,
// output j with label y_j in {0, 1}:
//   J = sum_ij -log sigmoid((2 y_j - 1) S_ij),   dJ/dS_ij = sigmoid(S_ij) - y_j.
// Negative sampling: output 0 is the target (y = 1), the rest noise (y = 0).
// Hierarchical softmax: the inner nodes on the target's path, y = 1 - code.
template <class Real>
Real logistic_loss(const MatrixMap<Real>& S, const Real* labels, MatrixMap<Real>& G) {
  using Array = Eigen::Array<Real, 1, Eigen::Dynamic>;
  const Eigen::Map<const Array> y(labels, S.cols());
  const Array sign = 2 * y - 1;
  Real loss = 0;
  for (Eigen::Index i = 0; i < S.rows(); ++i) {
    const Array s = S.row(i).array();
    G.row(i) = (1 / (1 + (-s).exp()) - y).matrix();
    // -log sigmoid(z) = softplus(-z), in the form that never overflows.
    const Array z = sign * s;
    loss += ((-z).max(Real(0)) + (-z.abs()).exp().log1p()).sum();
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

// dJ/dH = G O and dJ/dO = Gᵀ H, for S = H Oᵀ.
template <class Real>
void backpropagate(const MatrixMap<Real>& G, const MatrixMap<Real>& H, const MatrixMap<Real>& O,
                   MatrixMap<Real>& dH, MatrixMap<Real>& dO) {
  dH.noalias() = G * O;
  dO.noalias() = G.transpose() * H;
}

}  // namespace w2v
