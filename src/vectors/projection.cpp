#include "w2v/vectors/projection.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <limits>

#include "w2v/base/error.h"

namespace w2v {
namespace {

// t-SNE's schedule (scikit-learn's defaults, after the reference code).
constexpr int kExaggerationIterations = 250;
constexpr double kExaggeration = 12;
constexpr double kStartMomentum = 0.5;
constexpr double kFinalMomentum = 0.8;
constexpr double kMinGain = 0.01;
constexpr double kTiny = 1e-12;  // keeps probabilities off zero, as the reference code does

// Squared Euclidean distances between all rows.
Eigen::MatrixXd squared_distances(const Eigen::MatrixXd& x) {
  const Eigen::VectorXd norms = x.rowwise().squaredNorm();
  Eigen::MatrixXd d = (-2 * x * x.transpose()).colwise() + norms;
  d.rowwise() += norms.transpose();
  d = d.cwiseMax(0.0);
  d.diagonal().setZero();
  return d;
}

// Row i of the conditional probabilities p_j|i = exp(-beta d_ij) / sum, with
// beta found by bisection so that the row's entropy is ln(perplexity).
void conditional_row(const Eigen::MatrixXd& d, Eigen::Index i, double log_perplexity, Eigen::MatrixXd& p) {
  const Eigen::Index n = d.rows();
  double beta = 1, low = 0, high = std::numeric_limits<double>::infinity();
  for (int step = 0; step < 100; ++step) {
    double sum = 0, weighted = 0;
    for (Eigen::Index j = 0; j < n; ++j) {
      const double value = j == i ? 0.0 : std::exp(-beta * d(i, j));
      p(i, j) = value;
      sum += value;
      weighted += value * d(i, j);
    }
    sum = std::max(sum, kTiny);
    // H = ln(sum) + beta * E[d], the entropy of the normalised row.
    const double entropy = std::log(sum) + beta * weighted / sum;
    p.row(i) /= sum;
    const double gap = entropy - log_perplexity;
    if (std::abs(gap) < 1e-5) return;
    if (gap > 0) {  // too spread out: narrow the kernel
      low = beta;
      beta = std::isinf(high) ? beta * 2 : (beta + high) / 2;
    } else {
      high = beta;
      beta = (beta + low) / 2;
    }
  }
}

// The axis of `component`, signed so that its largest coordinate is positive.
void orient(Eigen::Ref<Eigen::VectorXd> component) {
  Eigen::Index largest = 0;
  component.cwiseAbs().maxCoeff(&largest);
  if (component(largest) < 0) component = -component;
}

}  // namespace

PcaResult pca(const Points& points) {
  if (points.rows() < 2) throw Error("a principal component analysis needs 2 points or more");
  const Eigen::MatrixXd centred = points.rowwise() - points.colwise().mean();
  const Eigen::MatrixXd covariance = centred.transpose() * centred / static_cast<double>(points.rows() - 1);
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(covariance);
  // Eigenvalues come in increasing order: the last two are the largest.
  const Eigen::Index d = covariance.rows();
  PcaResult result;
  result.points.resize(points.rows(), 2);
  const double total = solver.eigenvalues().sum();
  for (int axis = 0; axis < 2; ++axis) {
    const Eigen::Index index = d - 1 - axis;
    if (index < 0) {  // one dimension: the second axis is flat
      result.points.col(axis).setZero();
      continue;
    }
    result.explained(axis) = total > 0 ? std::max(0.0, solver.eigenvalues()(index)) / total : 0.0;
    result.points.col(axis) = centred * solver.eigenvectors().col(index);
    orient(result.points.col(axis));
  }
  return result;
}

TsneResult tsne(const Points& points, const TsneOptions& options) {
  const Eigen::Index n = points.rows();
  if (n < 3) throw Error("t-SNE needs 3 points or more");
  if (!(options.perplexity > 0)) throw Error("--perplexity: must be above 0");
  if (options.iterations < 1) throw Error("--iterations: must be at least 1");
  TsneResult result;
  result.perplexity = std::min(options.perplexity, static_cast<double>(n - 1) / 3);

  // Joint probabilities p_ij = (p_j|i + p_i|j) / 2n.
  const Eigen::MatrixXd distances = squared_distances(points);
  Eigen::MatrixXd p(n, n);
  const double log_perplexity = std::log(result.perplexity);
  for (Eigen::Index i = 0; i < n; ++i) conditional_row(distances, i, log_perplexity, p);
  p = p + p.transpose().eval();
  p /= p.sum();
  p = p.cwiseMax(kTiny);

  // Start from the PCA picture, its first axis scaled to a standard deviation of 1e-4.
  Eigen::MatrixXd y = pca(points).points;
  const double spread = std::sqrt((y.col(0).array() - y.col(0).mean()).square().sum() / static_cast<double>(n));
  if (spread > 0) y *= 1e-4 / spread;
  Eigen::MatrixXd step = Eigen::MatrixXd::Zero(n, 2);
  Eigen::MatrixXd gains = Eigen::MatrixXd::Ones(n, 2);
  // scikit-learn's learning_rate='auto'.
  const double learning_rate = std::max(static_cast<double>(n) / kExaggeration / 4, 50.0);

  // Plain loops over the pairs: with 2 columns, matrix products would only
  // wake Eigen's threads for little work each.
  Eigen::MatrixXd kernel(n, n), gradient(n, 2);
  // The Student t kernel (1 + |y_i - y_j|^2)^-1; returns its sum over i != j.
  const auto student_kernel = [&] {
    double sum = 0;
    for (Eigen::Index j = 0; j < n; ++j) {
      kernel(j, j) = 0;
      for (Eigen::Index i = j + 1; i < n; ++i) {
        const double value = 1 / (1 + (y.row(i) - y.row(j)).squaredNorm());
        kernel(i, j) = kernel(j, i) = value;
        sum += 2 * value;
      }
    }
    return sum;
  };
  for (int iteration = 0; iteration < options.iterations; ++iteration) {
    const bool early = iteration < kExaggerationIterations;
    const double exaggeration = early ? kExaggeration : 1.0;
    const double kernel_sum = student_kernel();
    // dC/dy_i = 4 sum_j (p_ij - q_ij) (1 + |y_i - y_j|^2)^-1 (y_i - y_j), q_ij = kernel_ij / sum.
    gradient.setZero();
    for (Eigen::Index j = 0; j < n; ++j) {
      for (Eigen::Index i = 0; i < n; ++i) {
        if (i == j) continue;
        const double q = std::max(kernel(i, j) / kernel_sum, kTiny);
        gradient.row(i) += 4 * (exaggeration * p(i, j) - q) * kernel(i, j) * (y.row(i) - y.row(j));
      }
    }
    // Gains grow while a coordinate keeps moving the same way, shrink when it turns back.
    for (Eigen::Index i = 0; i < n; ++i) {
      for (int k = 0; k < 2; ++k) {
        const bool same_direction = (gradient(i, k) > 0) == (step(i, k) > 0);
        gains(i, k) = std::max(kMinGain, same_direction ? gains(i, k) * 0.8 : gains(i, k) + 0.2);
      }
    }
    const double momentum = early ? kStartMomentum : kFinalMomentum;
    step = momentum * step - learning_rate * gains.cwiseProduct(gradient);
    y += step;
    y.rowwise() -= y.colwise().mean();
  }
  const double kernel_sum = student_kernel();
  for (Eigen::Index j = 0; j < n; ++j) {
    for (Eigen::Index i = 0; i < n; ++i) {
      if (i == j) continue;
      result.kl_divergence += p(i, j) * std::log(p(i, j) / std::max(kernel(i, j) / kernel_sum, kTiny));
    }
  }
  result.points = y;
  return result;
}

}  // namespace w2v
