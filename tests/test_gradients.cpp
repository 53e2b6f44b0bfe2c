// Numerical gradient checks of every objective, in double precision: the
// analytic gradients the trainer applies must match central differences.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <random>
#include <span>
#include <vector>

#include "w2v/train/logistic_pair.h"
#include "w2v/train/objectives.h"
#include "w2v/train/row_kernels.h"
#include "w2v/train/softmax.h"

using w2v::MatrixMap;
using Matrix = w2v::RowMatrix<double>;

TEST_SUITE_BEGIN("unit");

namespace {

Matrix random_matrix(Eigen::Index rows, Eigen::Index cols, std::mt19937& rng, double scale = 1.0) {
  std::normal_distribution<double> normal(0.0, scale);
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = normal(rng);
  return m;
}

MatrixMap<double> view(Matrix& m) { return w2v::dense_map(m.data(), m.rows(), m.cols()); }

// Rows in the layout the kernels work on: each padded with zeros to whole
// SIMD chunks, addressed by pointers.
class PaddedRows {
 public:
  explicit PaddedRows(const Matrix& values)
      : cols_(values.cols()),
        chunks_(static_cast<int>((values.cols() + w2v::kChunk<double> - 1) / w2v::kChunk<double>)),
        values_(values.rows() * chunks_ * w2v::kChunk<double>, 0.0) {
    for (Eigen::Index r = 0; r < values.rows(); ++r) {
      double* row = values_.data() + r * chunks_ * w2v::kChunk<double>;
      for (Eigen::Index k = 0; k < cols_; ++k) row[k] = values(r, k);
      rows_.push_back(row);
    }
  }
  double* const* rows() const { return rows_.data(); }
  int size() const { return static_cast<int>(rows_.size()); }
  int chunks() const { return chunks_; }
  // Back to a dense matrix; the padding must still be zero.
  Matrix values() const {
    Matrix m(size(), cols_);
    for (int r = 0; r < size(); ++r) {
      for (Eigen::Index k = 0; k < cols_; ++k) m(r, k) = rows_[static_cast<std::size_t>(r)][k];
      for (Eigen::Index k = cols_; k < chunks_ * w2v::kChunk<double>; ++k) CHECK(rows_[static_cast<std::size_t>(r)][k] == 0.0);
    }
    return m;
  }

 private:
  Eigen::Index cols_;
  int chunks_;
  w2v::AlignedVector<double> values_;
  std::vector<double*> rows_;
};

// S = H Oᵀ by the kernel.
Matrix scores_of(const Matrix& H, const Matrix& O) {
  const PaddedRows h(H), o(O);
  Matrix S(H.rows(), O.rows());
  w2v::row_scores<double>(h.size(), h.rows(), o.rows(), o.size(), h.chunks(), S.data());
  return S;
}

// The kernel's step with alpha = 1: what H and O lose is dJ/dH and dJ/dO.
void step_gradients(const Matrix& G, const Matrix& H, const Matrix& O, Matrix& dH, Matrix& dO) {
  const PaddedRows h(H), o(O);
  w2v::row_step<double>(h.size(), h.rows(), o.rows(), o.size(), h.chunks(), G.data(), 1.0);
  dH = H - h.values();
  dO = O - o.values();
}

// A loss over the scores S = H Oᵀ: fills G = dJ/dS and returns J.
using ScoreLoss = std::function<double(const MatrixMap<double>&, MatrixMap<double>&)>;

double loss_of(const ScoreLoss& loss, const Matrix& H, const Matrix& O, Matrix* gradient = nullptr) {
  Matrix S = scores_of(H, O), G(H.rows(), O.rows());
  auto s = view(S), g = view(G);
  const double J = loss(s, g);
  if (gradient) *gradient = G;
  return J;
}

// Checks dJ/dH and dJ/dO of the kernel's step against central differences.
void check_gradients(const ScoreLoss& loss, Matrix H, Matrix O) {
  Matrix G, dH, dO;
  loss_of(loss, H, O, &G);
  step_gradients(G, H, O, dH, dO);
  const double eps = 1e-6;
  for (Matrix* param : {&H, &O}) {
    const Matrix& analytic = param == &H ? dH : dO;
    for (Eigen::Index k = 0; k < param->size(); ++k) {
      const double saved = param->data()[k];
      param->data()[k] = saved + eps;
      const double plus = loss_of(loss, H, O);
      param->data()[k] = saved - eps;
      const double minus = loss_of(loss, H, O);
      param->data()[k] = saved;
      const double numeric = (plus - minus) / (2 * eps);
      CHECK(analytic.data()[k] == doctest::Approx(numeric).epsilon(1e-6).scale(1.0));
    }
  }
}

ScoreLoss logistic(std::vector<double> labels) {
  return [labels](const MatrixMap<double>& S, MatrixMap<double>& G) {
    return w2v::logistic_loss<double>(S, labels.data(), G);
  };
}

ScoreLoss softmax(Eigen::Index target) {
  return [target](const MatrixMap<double>& S, MatrixMap<double>& G) { return w2v::softmax_loss<double>(S, target, G); };
}

}  // namespace

TEST_CASE("row kernels: the scores and the step for every number of hidden rows") {
  std::mt19937 rng(9);
  for (int n = 1; n <= w2v::kMaxHidden; ++n) {
    CAPTURE(n);
    const Matrix H = random_matrix(n, 37, rng), O = random_matrix(6, 37, rng), G = random_matrix(n, 6, rng);
    CHECK((scores_of(H, O) - H * O.transpose()).cwiseAbs().maxCoeff() < 1e-12);
    const PaddedRows h(H), o(O);
    w2v::row_step<double>(n, h.rows(), o.rows(), o.size(), h.chunks(), G.data(), 0.5);
    CHECK((h.values() - (H - 0.5 * G * O)).cwiseAbs().maxCoeff() < 1e-12);
    CHECK((o.values() - (O - 0.5 * G.transpose() * H)).cwiseAbs().maxCoeff() < 1e-12);
    // A hidden layer that is not a row of the model: its gradient is handed back.
    const PaddedRows h2(H), o2(O), dh(Matrix::Zero(n, 37));
    w2v::row_step_outputs<double>(n, h2.rows(), o2.rows(), o2.size(), h2.chunks(), G.data(), 0.5, dh.rows());
    CHECK((h2.values() - H).cwiseAbs().maxCoeff() == 0.0);
    CHECK((dh.values() - G * O).cwiseAbs().maxCoeff() < 1e-12);
    CHECK((o2.values() - o.values()).cwiseAbs().maxCoeff() < 1e-12);
  }
}

TEST_CASE("row kernels: a row listed twice takes both of its steps") {
  std::mt19937 rng(19);
  const Matrix H = random_matrix(2, 21, rng), O = random_matrix(3, 21, rng), G = random_matrix(2, 3, rng);
  // The same output row as outputs 0 and 2 (a noise word drawn twice).
  PaddedRows h(H), o(O);
  std::vector<double*> outputs{o.rows()[0], o.rows()[1], o.rows()[0]};
  Matrix O_twice = O;
  O_twice.row(2) = O.row(0);
  w2v::row_step<double>(2, h.rows(), outputs.data(), 3, h.chunks(), G.data(), 1.0);
  const Matrix dO = G.transpose() * H;
  CHECK((o.values().row(0) - (O.row(0) - dO.row(0) - dO.row(2))).cwiseAbs().maxCoeff() < 1e-12);
  CHECK((o.values().row(1) - (O.row(1) - dO.row(1))).cwiseAbs().maxCoeff() < 1e-12);
  // The same hidden row twice (a context word twice in the window).
  const Matrix H_twice = H.row(0).replicate(2, 1);
  PaddedRows once(H.row(0)), outputs_once(O);
  std::vector<double*> hidden{once.rows()[0], once.rows()[0]};
  w2v::row_step<double>(2, hidden.data(), outputs_once.rows(), 3, once.chunks(), G.data(), 1.0);
  const Matrix dH = G * O;
  CHECK((once.values().row(0) - (H.row(0) - dH.row(0) - dH.row(1))).cwiseAbs().maxCoeff() < 1e-12);
  CHECK((outputs_once.values() - (O - G.transpose() * H_twice)).cwiseAbs().maxCoeff() < 1e-12);
}

TEST_CASE("negative sampling: gradient w.r.t. the inputs and every output row") {
  std::mt19937 rng(1);
  // Output 0 is the target, outputs 1..5 noise words; 4 inputs is skip-gram's
  // batch of context words, 1 input is CBOW's hidden vector.
  for (Eigen::Index inputs : {1, 4}) {
    check_gradients(logistic({1, 0, 0, 0, 0, 0}), random_matrix(inputs, 7, rng), random_matrix(6, 7, rng));
  }
}

TEST_CASE("negative sampling: matches the closed form for one hidden vector") {
  std::mt19937 rng(2);
  Matrix h = random_matrix(1, 5, rng), U = random_matrix(4, 5, rng);
  Matrix S = h * U.transpose(), G(1, 4), dh, dU;
  auto s = view(S), g = view(G);
  const std::vector<double> labels{1, 0, 0, 0};
  const double J = w2v::logistic_loss<double>(s, labels.data(), g);
  step_gradients(G, h, U, dh, dU);
  const auto sigma = [](double x) { return 1 / (1 + std::exp(-x)); };
  double expected_J = -std::log(sigma(S(0, 0)));
  Eigen::RowVectorXd expected_dh = (sigma(S(0, 0)) - 1) * U.row(0);
  for (int k = 1; k < 4; ++k) {
    expected_J -= std::log(sigma(-S(0, k)));
    expected_dh += sigma(S(0, k)) * U.row(k);
  }
  CHECK(J == doctest::Approx(expected_J).epsilon(1e-12));
  CHECK((dh - expected_dh).cwiseAbs().maxCoeff() < 1e-12);
  CHECK((dU.row(0) - (sigma(S(0, 0)) - 1) * h).cwiseAbs().maxCoeff() < 1e-12);
}

TEST_CASE("hierarchical softmax: gradient along a path of inner nodes") {
  std::mt19937 rng(3);
  // Labels are 1 - code along a root-to-leaf path.
  for (Eigen::Index inputs : {1, 3}) {
    check_gradients(logistic({1, 0, 0, 1, 0, 1, 1}), random_matrix(inputs, 6, rng), random_matrix(7, 6, rng));
  }
}

TEST_CASE("full softmax: gradient w.r.t. the inputs and all output rows") {
  std::mt19937 rng(4);
  for (Eigen::Index inputs : {1, 3}) {
    check_gradients(softmax(2), random_matrix(inputs, 5, rng), random_matrix(9, 5, rng));
  }
}

TEST_CASE("full softmax: dJ/dh = -u_o + sum_w p(w|h) u_w") {
  std::mt19937 rng(5);
  Matrix h = random_matrix(1, 4, rng), U = random_matrix(6, 4, rng);
  Matrix S = h * U.transpose(), G(1, 6), dh, dU;
  auto s = view(S), g = view(G);
  const double J = w2v::softmax_loss<double>(s, 1, g);
  step_gradients(G, h, U, dh, dU);
  const Eigen::RowVectorXd p = S.row(0).array().exp() / S.row(0).array().exp().sum();
  CHECK(J == doctest::Approx(-std::log(p(1))).epsilon(1e-12));
  const Eigen::RowVectorXd expected = -U.row(1) + p * U;
  CHECK((dh - expected).cwiseAbs().maxCoeff() < 1e-12);
  for (int w = 0; w < 6; ++w) {
    CHECK((dU.row(w) - (p(w) - (w == 1)) * h).cwiseAbs().maxCoeff() < 1e-12);
  }
}

TEST_CASE("CBOW: gradient w.r.t. each context vector through the mean or sum") {
  std::mt19937 rng(6);
  const Eigen::Index contexts = 4, dim = 5;
  for (bool mean : {true, false}) {
    for (const ScoreLoss& loss : {logistic({1, 0, 0, 0}), softmax(2)}) {
      Matrix C = random_matrix(contexts, dim, rng), O = random_matrix(4, dim, rng);
      const auto hidden = [&](const Matrix& c) {
        Matrix h = c.colwise().sum();
        return mean ? Matrix(h / static_cast<double>(contexts)) : h;
      };
      // Analytic: dJ/dc_i = dJ/dh * dh/dc_i, dh/dc_i = 1/n (mean) or 1 (sum).
      Matrix h = hidden(C), G, dh, dO;
      loss_of(loss, h, O, &G);
      step_gradients(G, h, O, dh, dO);
      const double scale = mean ? 1.0 / static_cast<double>(contexts) : 1.0;
      const double eps = 1e-6;
      for (Eigen::Index i = 0; i < contexts; ++i) {
        for (Eigen::Index k = 0; k < dim; ++k) {
          const double saved = C(i, k);
          C(i, k) = saved + eps;
          const double plus = loss_of(loss, hidden(C), O);
          C(i, k) = saved - eps;
          const double minus = loss_of(loss, hidden(C), O);
          C(i, k) = saved;
          CHECK(scale * dh(0, k) == doctest::Approx((plus - minus) / (2 * eps)).epsilon(1e-6));
        }
      }
    }
  }
}

TEST_CASE("full softmax: invariant to shifting all logits, finite at +-1000") {
  Matrix S(1, 4), G(1, 4), G_shifted(1, 4);
  S << 0.5, -1.0, 2.0, 0.0;
  Matrix shifted = S.array() + 500.0;
  auto s = view(S), g = view(G), sh = view(shifted), gs = view(G_shifted);
  const double J = w2v::softmax_loss<double>(s, 2, g);
  CHECK(w2v::softmax_loss<double>(sh, 2, gs) == doctest::Approx(J).epsilon(1e-12));
  CHECK((G - G_shifted).cwiseAbs().maxCoeff() < 1e-12);

  w2v::RowMatrix<float> big(1, 3), big_G(1, 3);
  big << 1000.0f, -1000.0f, 0.0f;
  MatrixMap<float> bs = w2v::dense_map(big.data(), 1, 3), bg = w2v::dense_map(big_G.data(), 1, 3);
  CHECK(w2v::softmax_loss<float>(bs, 0, bg) == doctest::Approx(0.0));
  CHECK(w2v::softmax_loss<float>(bs, 1, bg) == doctest::Approx(2000.0));
  CHECK(bg.allFinite());
  CHECK(bg(0, 1) == doctest::Approx(-1.0));
}

TEST_CASE("logistic loss: finite and exact at +-1000") {
  w2v::RowMatrix<float> S(1, 2), G(1, 2);
  S << -1000.0f, 1000.0f;
  MatrixMap<float> s = w2v::dense_map(S.data(), 1, 2), g = w2v::dense_map(G.data(), 1, 2);
  const float labels_right[] = {0.0f, 1.0f};  // both scores agree with their labels
  CHECK(w2v::logistic_loss<float>(s, labels_right, g) == doctest::Approx(0.0));
  CHECK(g.allFinite());
  const float labels_wrong[] = {1.0f, 0.0f};
  CHECK(w2v::logistic_loss<float>(s, labels_wrong, g) == doctest::Approx(2000.0));
  CHECK(g(0, 0) == doctest::Approx(-1.0));
  CHECK(g(0, 1) == doctest::Approx(1.0));
}

TEST_CASE("logistic step: scores at or beyond +-6 take no step, the others the exact gradient") {
  w2v::RowMatrix<float> S(2, 5), G(2, 5);
  S << -7.0f, -6.0f, -5.99f, 0.5f, 6.0f,  //
      8.0f, 5.99f, -100.0f, 6.5f, -0.25f;
  const float labels[] = {1.0f, 0.0f, 1.0f, 0.0f, 0.0f};
  MatrixMap<float> s = w2v::dense_map(S.data(), 2, 5), g = w2v::dense_map(G.data(), 2, 5);
  const float loss = w2v::logistic_loss<float>(s, labels, g);
  w2v::RowMatrix<float> exact = G;
  w2v::skip_saturated<float>(s, g);
  for (Eigen::Index i = 0; i < 2; ++i) {
    for (Eigen::Index j = 0; j < 5; ++j) {
      CAPTURE(S(i, j));
      if (std::abs(S(i, j)) >= 6.0f) {
        CHECK(G(i, j) == 0.0f);
      } else {
        CHECK(G(i, j) == exact(i, j));
        CHECK(G(i, j) == doctest::Approx(1.0 / (1.0 + std::exp(-S(i, j))) - labels[j]));
      }
    }
  }
  // The loss still counts every term: -log sigmoid(-7) alone is about 7.
  CHECK(loss > 7.0f + 100.0f);
}

namespace {

w2v::RowMatrix<float> random_rows(std::size_t rows, std::size_t cols, std::mt19937& rng) {
  std::normal_distribution<float> normal(0.0f, 0.5f);
  w2v::RowMatrix<float> m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = normal(rng);
  return m;
}

void fill(w2v::Matrix& matrix, const w2v::RowMatrix<float>& values) { matrix.map() = values; }

// One step of `Step` on hidden rows H (copied): the loss, dJ/dH, and the
// output matrices after an update with alpha = 1.
template <class Step, class Layer>
double step_once(Layer& layer, std::uint64_t seed, std::int32_t target, const w2v::RowMatrix<float>& H,
                 w2v::RowMatrix<float>& dH) {
  w2v::Random random(seed);
  Step step(layer, random);
  const std::span<float* const> O = step.select(target);
  w2v::Matrix hidden(static_cast<std::size_t>(H.rows()), static_cast<std::size_t>(H.cols()));
  fill(hidden, H);
  std::vector<float*> h;
  for (std::size_t i = 0; i < hidden.rows(); ++i) h.push_back(hidden.row(i));
  const int n = static_cast<int>(H.rows()), m = static_cast<int>(O.size());
  const int chunks = static_cast<int>(hidden.stride()) / w2v::kChunk<float>;
  w2v::RowMatrix<float> S(n, m), G(n, m);
  w2v::row_scores<float>(n, h.data(), O.data(), m, chunks, S.data());
  auto s = w2v::dense_map(S.data(), n, m), g = w2v::dense_map(G.data(), n, m);
  const double loss = step.loss(s, target, g);
  w2v::row_step<float>(n, h.data(), O.data(), m, chunks, G.data(), 1.0f);
  dH = H - hidden.map();
  return loss;
}

}  // namespace

TEST_CASE("ns+hs: one step is the sum of a negative sampling and a hierarchical softmax step, each on its own matrix") {
  using w2v::HierarchicalSoftmax;
  using w2v::NegativeSampling;
  const std::vector<std::uint64_t> counts{40, 20, 9, 7, 5, 3, 2, 1};
  const std::size_t dim = 6;
  std::mt19937 rng(10);
  const w2v::RowMatrix<float> ns_rows = random_rows(counts.size(), dim, rng), hs_rows = random_rows(counts.size() - 1, dim, rng);
  const w2v::RowMatrix<float> H = random_rows(3, dim, rng);  // three context words (skip-gram)
  const std::int32_t target = 5;

  NegativeSampling ns(counts, dim, 4, 0.75);
  HierarchicalSoftmax hs(counts, dim);
  fill(ns.output(), ns_rows);
  fill(hs.output(), hs_rows);
  w2v::NegativeSamplingAndHierarchicalSoftmax both(NegativeSampling(counts, dim, 4, 0.75), HierarchicalSoftmax(counts, dim));
  fill(both.first().output(), ns_rows);
  fill(both.second().output(), hs_rows);

  // The same seed draws the same noise words: the pair's negative sampling
  // rows come first and hierarchical softmax draws nothing.
  w2v::RowMatrix<float> dH_ns, dH_hs, dH_both;
  const double loss_ns = step_once<NegativeSampling::Step>(ns, 3, target, H, dH_ns);
  const double loss_hs = step_once<HierarchicalSoftmax::Step>(hs, 3, target, H, dH_hs);
  const double loss_both = step_once<w2v::NegativeSamplingAndHierarchicalSoftmax::Step>(both, 3, target, H, dH_both);
  CHECK(loss_both == doctest::Approx(loss_ns + loss_hs).epsilon(1e-6));
  CHECK((dH_both - (dH_ns + dH_hs)).cwiseAbs().maxCoeff() < 1e-5f);
  // Each output row took the step of its own term only, in its own matrix.
  CHECK((both.first().output().map() - ns.output().map()).cwiseAbs().maxCoeff() < 1e-6f);
  CHECK((both.second().output().map() - hs.output().map()).cwiseAbs().maxCoeff() < 1e-6f);
  CHECK((ns.output().map() - ns_rows).cwiseAbs().maxCoeff() > 1e-3f);  // the step did change them
  CHECK((hs.output().map() - hs_rows).cwiseAbs().maxCoeff() > 1e-3f);
}

TEST_CASE("ns+hs: gradient of the summed logistic terms w.r.t. the inputs and both sets of output rows") {
  std::mt19937 rng(11);
  // The target and 3 noise words (1, 0, 0, 0), then a path of 4 inner nodes (1 - code).
  for (Eigen::Index inputs : {1, 3}) {
    check_gradients(logistic({1, 0, 0, 0, 1, 0, 0, 1}), random_matrix(inputs, 5, rng), random_matrix(8, 5, rng));
  }
}
TEST_CASE("softmax minibatch: each example's step, all from the output rows as the batch found them") {
  const std::size_t words = 7, dim = 5;
  std::mt19937 rng(21);
  const w2v::RowMatrix<float> O0 = random_rows(words, dim, rng), inputs0 = random_rows(3, dim, rng);
  w2v::Softmax softmax(words, dim);
  fill(softmax.output(), O0);
  w2v::Matrix inputs(3, dim);
  fill(inputs, inputs0);
  w2v::Random random(1);
  w2v::Softmax::Step step(softmax, random);
  // Example 0: hidden row = input 0, its step goes to input 0 (skip-gram);
  // example 1: hidden row = the mean of inputs 1 and 2, whose step both take (CBOW).
  const w2v::RowMatrix<float> mean = (inputs0.row(1) + inputs0.row(2)) / 2;
  float* first[] = {inputs.row(0)};
  float* both[] = {inputs.row(1), inputs.row(2)};
  CHECK_FALSE(step.add(inputs.row(0), 3, first));
  CHECK_FALSE(step.add(mean.data(), 5, both));
  const float alpha = 0.5f;
  const double loss = step.flush(alpha);

  double expected_loss = 0;
  w2v::RowMatrix<float> expected_O = O0, expected_inputs = inputs0;
  const w2v::RowMatrix<float> hidden[] = {inputs0.row(0), mean};
  const std::int32_t targets[] = {3, 5};
  for (int b = 0; b < 2; ++b) {
    w2v::RowMatrix<float> S = hidden[b] * O0.transpose(), G(1, words);
    auto s = w2v::dense_map(S.data(), 1, words), g = w2v::dense_map(G.data(), 1, words);
    expected_loss += w2v::softmax_loss<float>(s, targets[b], g);
    expected_O -= alpha * G.transpose() * hidden[b];
    const w2v::RowMatrix<float> dh = G * O0;
    if (b == 0) expected_inputs.row(0) -= alpha * dh;
    if (b == 1) expected_inputs.bottomRows(2).rowwise() -= alpha * dh.row(0);
  }
  CHECK(loss == doctest::Approx(expected_loss).epsilon(1e-5));
  CHECK((softmax.output().map() - expected_O).cwiseAbs().maxCoeff() < 1e-5f);
  CHECK((inputs.map() - expected_inputs).cwiseAbs().maxCoeff() < 1e-5f);
  CHECK(step.flush(alpha) == 0.0);  // the batch was emptied
}

TEST_SUITE_END();
