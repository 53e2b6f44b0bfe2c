#include "w2v/vectors/word_classes.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "w2v/base/error.h"
#include "w2v/base/random.h"

namespace w2v {
namespace {

// Rows scored against all centres by one matrix product: 8192 rows x 1000
// centres is 32 MB of scores. Eigen spreads each product over the threads.
constexpr Eigen::Index kRowsPerBlock = 8192;

using Rows = RowMatrix<float>;

Rows unit_rows(ConstMatrixMap<float> vectors) {
  Rows unit = vectors;
  for (Eigen::Index i = 0; i < unit.rows(); ++i) {
    const float norm = unit.row(i).norm();
    if (norm > 0) unit.row(i) /= norm;  // a zero row has no direction and stays zero
  }
  return unit;
}

// A row drawn with probability proportional to `weight`.
Eigen::Index draw(const Eigen::VectorXd& weight, double total, Random& random) {
  double target = random.uniform() * total;
  for (Eigen::Index i = 0; i < weight.size(); ++i) {
    target -= weight(i);
    if (target < 0 && weight(i) > 0) return i;
  }
  Eigen::Index last = weight.size() - 1;
  while (last > 0 && weight(last) <= 0) --last;
  return last;
}

// Greedy k-means++ (Arthur & Vassilvitskii 2007; the variant scikit-learn
// uses): each next centre is the best of 2 + ln(K) rows drawn with
// probability proportional to their squared distance to the nearest centre so
// far (for unit vectors 2 (1 - cosine)), best meaning the one that leaves the
// smallest total distance. Plain k-means++ often puts two centres in one
// tight cluster and leaves two clusters to one centre, which Lloyd's
// iterations never undo.
Rows seed_centres(const Rows& unit, std::size_t classes, std::uint64_t seed) {
  Random random(seed);
  const Eigen::Index n = unit.rows();
  const auto trials = static_cast<Eigen::Index>(2 + std::log(static_cast<double>(classes)));
  Rows centres(static_cast<Eigen::Index>(classes), unit.cols());
  Rows candidates(trials, unit.cols());
  RowMatrix<float> cosines(n, trials);
  Eigen::VectorXd distance = Eigen::VectorXd::Constant(n, 1.0), best_distance(n), trial_distance(n);
  for (Eigen::Index c = 0; c < centres.rows(); ++c) {
    const double total = distance.sum();
    const Eigen::Index count = c == 0 ? 1 : trials;
    std::vector<Eigen::Index> drawn;
    for (Eigen::Index t = 0; t < count; ++t) {
      // With no distance left (fewer directions than classes) any row will do.
      drawn.push_back(c == 0 || total <= 0 ? static_cast<Eigen::Index>(random.below(static_cast<std::uint32_t>(n)))
                                           : draw(distance, total, random));
      candidates.row(t) = unit.row(drawn.back());
    }
    cosines.leftCols(count).noalias() = unit * candidates.topRows(count).transpose();
    double best_total = 0;
    for (Eigen::Index t = 0; t < count; ++t) {
      trial_distance = distance.cwiseMin((1.0 - cosines.col(t).cast<double>().array()).max(0.0).matrix());
      const double trial_total = trial_distance.sum();
      if (t == 0 || trial_total < best_total) {
        best_total = trial_total;
        best_distance = trial_distance;
        centres.row(c) = candidates.row(t);
      }
    }
    distance = best_distance;
  }
  return centres;
}

// Each row's nearest centre by cosine (ties: the lower class) and that cosine.
void assign(const Rows& unit, const Rows& centres, std::vector<std::int32_t>& class_of, Eigen::VectorXf& best) {
  Rows scores;
  for (Eigen::Index begin = 0; begin < unit.rows(); begin += kRowsPerBlock) {
    const Eigen::Index rows = std::min(kRowsPerBlock, unit.rows() - begin);
    scores.noalias() = unit.middleRows(begin, rows) * centres.transpose();
    for (Eigen::Index i = 0; i < rows; ++i) {
      Eigen::Index c = 0;
      best(begin + i) = scores.row(i).maxCoeff(&c);
      class_of[static_cast<std::size_t>(begin + i)] = static_cast<std::int32_t>(c);
    }
  }
}

// Centres as the normalised sums of their rows. A class left empty takes the
// row farthest from its centre among the classes of more than one row.
void update(const Rows& unit, std::vector<std::int32_t>& class_of, Eigen::VectorXf& best, Rows& centres) {
  std::vector<std::size_t> members(static_cast<std::size_t>(centres.rows()), 0);
  for (std::int32_t c : class_of) ++members[static_cast<std::size_t>(c)];
  for (Eigen::Index c = 0; c < centres.rows(); ++c) {
    if (members[static_cast<std::size_t>(c)] > 0) continue;
    Eigen::Index farthest = -1;
    for (Eigen::Index i = 0; i < unit.rows(); ++i) {
      if (members[static_cast<std::size_t>(class_of[static_cast<std::size_t>(i)])] > 1 &&
          (farthest < 0 || best(i) < best(farthest))) {
        farthest = i;
      }
    }
    --members[static_cast<std::size_t>(class_of[static_cast<std::size_t>(farthest)])];
    class_of[static_cast<std::size_t>(farthest)] = static_cast<std::int32_t>(c);
    members[static_cast<std::size_t>(c)] = 1;
    best(farthest) = 1;  // it is its class's centre now: not taken again
  }
  centres.setZero();
  for (Eigen::Index i = 0; i < unit.rows(); ++i) centres.row(class_of[static_cast<std::size_t>(i)]) += unit.row(i);
  for (Eigen::Index c = 0; c < centres.rows(); ++c) {
    const float norm = centres.row(c).norm();
    if (norm > 0) centres.row(c) /= norm;
  }
}

// Class ids in order of first appearance among the rows; returns how many
// classes have a row (the last pass may have emptied one).
std::size_t renumber(std::vector<std::int32_t>& class_of, std::size_t classes) {
  std::vector<std::int32_t> id(classes, -1);
  std::int32_t next = 0;
  for (std::int32_t& c : class_of) {
    std::int32_t& renamed = id[static_cast<std::size_t>(c)];
    if (renamed < 0) renamed = next++;
    c = renamed;
  }
  return static_cast<std::size_t>(next);
}

}  // namespace

WordClasses cluster_words(ConstMatrixMap<float> vectors, std::size_t classes, int max_iterations, std::uint64_t seed) {
  const auto rows = static_cast<std::size_t>(vectors.rows());
  if (classes == 0) throw Error("the number of classes must be at least 1");
  if (classes > rows) {
    throw Error(std::to_string(classes) + " classes for " + std::to_string(rows) +
                " words: there can be at most one class per word");
  }
  if (max_iterations < 1) throw Error("k-means needs at least 1 iteration");
  const Rows unit = unit_rows(vectors);
  Rows centres = seed_centres(unit, classes, seed);
  WordClasses result;
  result.class_of.assign(rows, 0);
  std::vector<std::int32_t> previous;
  Eigen::VectorXf best(vectors.rows());
  for (int iteration = 1; iteration <= max_iterations; ++iteration) {
    if (iteration > 1) update(unit, result.class_of, best, centres);
    previous = result.class_of;
    assign(unit, centres, result.class_of, best);
    result.iterations = iteration;
    if (iteration > 1 && result.class_of == previous) {
      result.converged = true;
      break;
    }
  }
  result.mean_cosine = best.cast<double>().mean();
  result.classes = renumber(result.class_of, classes);
  return result;
}

void write_word_classes(std::FILE* out, const std::vector<std::string>& words, const WordClasses& classes) {
  for (std::size_t i = 0; i < words.size(); ++i) std::fprintf(out, "%s %d\n", words[i].c_str(), classes.class_of[i]);
}

}  // namespace w2v
