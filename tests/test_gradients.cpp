// Numerical gradient checks of every objective, in double precision: the
// analytic gradients the trainer applies must match central differences.
#include <doctest/doctest.h>

#include <functional>
#include <random>

#include "w2v/train/logistic_pair.h"
#include "w2v/train/objectives.h"

using w2v::MatrixMap;
using Matrix = w2v::RowMatrix<double>;

namespace {

Matrix random_matrix(Eigen::Index rows, Eigen::Index cols, std::mt19937& rng, double scale = 1.0) {
  std::normal_distribution<double> normal(0.0, scale);
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = normal(rng);
  return m;
}

MatrixMap<double> view(Matrix& m) { return w2v::dense_map(m.data(), m.rows(), m.cols()); }

// A loss over the scores S = H Oᵀ: fills G = dJ/dS and returns J.
using ScoreLoss = std::function<double(const MatrixMap<double>&, MatrixMap<double>&)>;

double loss_of(const ScoreLoss& loss, Matrix& H, Matrix& O) {
  Matrix S(H.rows(), O.rows()), G(H.rows(), O.rows());
  auto h = view(H), o = view(O), s = view(S), g = view(G);
  w2v::scores<double>(h, o, s);
  return loss(s, g);
}

// Checks dJ/dH and dJ/dO from backpropagate() against central differences.
void check_gradients(const ScoreLoss& loss, Matrix H, Matrix O) {
  Matrix S = H * O.transpose(), G(S.rows(), S.cols()), dH(H.rows(), H.cols()), dO(O.rows(), O.cols());
  auto s = view(S), g = view(G), h = view(H), o = view(O), dh = view(dH), d_o = view(dO);
  loss(s, g);
  w2v::backpropagate<double>(g, h, o, dh, d_o);
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

TEST_CASE("scores: S = H Oᵀ") {
  std::mt19937 rng(9);
  Matrix H = random_matrix(3, 17, rng), O = random_matrix(6, 17, rng), S(3, 6);
  auto h = view(H), o = view(O), s = view(S);
  w2v::scores<double>(h, o, s);
  CHECK((S - H * O.transpose()).cwiseAbs().maxCoeff() < 1e-12);
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
  Matrix S = h * U.transpose(), G(1, 4), dh(1, 5), dU(4, 5);
  auto s = view(S), g = view(G), hv = view(h), uv = view(U), dhv = view(dh), duv = view(dU);
  const std::vector<double> labels{1, 0, 0, 0};
  const double J = w2v::logistic_loss<double>(s, labels.data(), g);
  w2v::backpropagate<double>(g, hv, uv, dhv, duv);
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
  Matrix S = h * U.transpose(), G(1, 6), dh(1, 4), dU(6, 4);
  auto s = view(S), g = view(G), hv = view(h), uv = view(U), dhv = view(dh), duv = view(dU);
  const double J = w2v::softmax_loss<double>(s, 1, g);
  w2v::backpropagate<double>(g, hv, uv, dhv, duv);
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
      Matrix h = hidden(C), S = h * O.transpose(), G(1, 4), dh(1, dim), dO(4, dim);
      auto s = view(S), g = view(G), hv = view(h), ov = view(O), dhv = view(dh), dov = view(dO);
      loss(s, g);
      w2v::backpropagate<double>(g, hv, ov, dhv, dov);
      const double scale = mean ? 1.0 / static_cast<double>(contexts) : 1.0;
      const double eps = 1e-6;
      for (Eigen::Index i = 0; i < contexts; ++i) {
        for (Eigen::Index k = 0; k < dim; ++k) {
          const double saved = C(i, k);
          C(i, k) = saved + eps;
          Matrix hp = hidden(C);
          const double plus = loss_of(loss, hp, O);
          C(i, k) = saved - eps;
          Matrix hm = hidden(C);
          const double minus = loss_of(loss, hm, O);
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

namespace {

w2v::RowMatrix<float> random_rows(std::size_t rows, std::size_t cols, std::mt19937& rng) {
  std::normal_distribution<float> normal(0.0f, 0.5f);
  w2v::RowMatrix<float> m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = normal(rng);
  return m;
}

void fill(w2v::Matrix& matrix, const w2v::RowMatrix<float>& values) { matrix.map() = values; }

// One step of `Step` on hidden rows H: the loss, dJ/dH, and the output
// matrices after an update with alpha = 1.
template <class Step, class Layer>
double step_once(Layer& layer, std::uint64_t seed, std::int32_t target, w2v::RowMatrix<float> H, w2v::RowMatrix<float>& dH) {
  w2v::Random random(seed);
  Step step(layer, random);
  const MatrixMap<float> O = step.select(target);
  w2v::RowMatrix<float> S(H.rows(), O.rows()), G(H.rows(), O.rows()), dO(O.rows(), O.cols());
  dH.resize(H.rows(), H.cols());
  auto h = w2v::dense_map(H.data(), H.rows(), H.cols()), s = w2v::dense_map(S.data(), S.rows(), S.cols()),
       g = w2v::dense_map(G.data(), G.rows(), G.cols()), dh = w2v::dense_map(dH.data(), dH.rows(), dH.cols()),
       d_o = w2v::dense_map(dO.data(), dO.rows(), dO.cols());
  w2v::scores<float>(h, O, s);
  const double loss = step.loss(s, target, g);
  w2v::backpropagate<float>(g, h, O, dh, d_o);
  step.update(d_o, 1.0f);
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
