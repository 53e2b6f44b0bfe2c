// Numerical gradient checks of every objective, in double precision: the
// analytic gradients the trainer applies must match central differences.
#include <doctest/doctest.h>

#include <functional>
#include <random>

#include "w2v/train/objectives.h"

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

TEST_SUITE_END();
