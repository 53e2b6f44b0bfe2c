// A thread's private copies of the most written rows (PrivateRows), and that
// training with them leaves every thread's steps in the shared model.
#include <doctest/doctest.h>

#include <variant>

#include "planted_corpus.h"
#include "test_util.h"
#include "w2v/text/corpus.h"
#include "w2v/train/logistic_pair.h"
#include "w2v/train/private_rows.h"
#include "w2v/train/softmax.h"
#include "w2v/train/trainer.h"

using namespace w2v;

TEST_SUITE_BEGIN("unit");

// The steps whose threads keep private rows: the worker asks by this concept.
static_assert(HasPrivateRows<HierarchicalSoftmax::Step>);
static_assert(HasPrivateRows<NegativeSampling::Step>);
static_assert(HasPrivateRows<NegativeSamplingAndHierarchicalSoftmax::Step>);
static_assert(!HasPrivateRows<Softmax::Step>);

namespace {

Matrix numbered(std::size_t rows, std::size_t cols) {
  Matrix m(rows, cols);
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < cols; ++j) m.row(i)[j] = static_cast<float>(i) + 0.1f * static_cast<float>(j);
  }
  return m;
}

}  // namespace

TEST_CASE("private rows: the rows of the range are copies, the others the matrix's own") {
  Matrix m = numbered(10, 5);
  PrivateRows last(m, {7, 10});  // hierarchical softmax: the heaviest nodes
  CHECK(last.row(6) == m.row(6));
  for (std::size_t i = 7; i < 10; ++i) {
    CHECK(last.row(i) != m.row(i));
    for (std::size_t j = 0; j < 5; ++j) CHECK(last.row(i)[j] == m.row(i)[j]);
  }
  PrivateRows first(m, {0, 2});  // negative sampling: the most frequent words
  CHECK(first.row(1) != m.row(1));
  CHECK(first.row(1)[3] == m.row(1)[3]);
  CHECK(first.row(2) == m.row(2));
  PrivateRows middle(m, {3, 5});
  CHECK(middle.row(2) == m.row(2));
  CHECK(middle.row(3) != m.row(3));
  CHECK(middle.row(4) != m.row(4));
  CHECK(middle.row(5) == m.row(5));
  PrivateRows none(m, {});
  CHECK(none.row(0) == m.row(0));
  CHECK(none.row(9) == m.row(9));
  PrivateRows all(m, {0, 50});  // more than there are: all of them
  CHECK(all.row(0) != m.row(0));
  CHECK(all.row(9) != m.row(9));
  CHECK(all.row(0)[4] == m.row(0)[4]);
}

TEST_CASE("private rows: with no other writer, a merge makes the matrix the copies, bit for bit") {
  Matrix m = numbered(6, 7);
  PrivateRows rows(m, {4, 6});
  rows.row(5)[3] = 1.0f / 3.0f;  // a value whose sum with others would round
  rows.row(4)[0] -= 1e-7f;
  const float expected5 = rows.row(5)[3], expected4 = rows.row(4)[0];
  CHECK(m.row(5)[3] != expected5);
  rows.merge();
  CHECK(m.row(5)[3] == expected5);
  CHECK(m.row(4)[0] == expected4);
  CHECK(m.row(3)[0] == 3.0f);
}

TEST_CASE("private rows: a merge keeps both this thread's and the matrix's changes, and takes the matrix's") {
  Matrix m = numbered(4, 3);
  PrivateRows rows(m, {3, 4});
  rows.row(3)[1] += 2.0f;  // this thread's step
  m.row(3)[1] += 0.5f;     // another thread's, meanwhile
  rows.merge();
  CHECK(m.row(3)[1] == doctest::Approx(3.1f + 2.5f));
  CHECK(rows.row(3)[1] == m.row(3)[1]);
  m.row(3)[2] += 1.0f;  // another thread again: reaches this thread's copy at the next merge
  CHECK(rows.row(3)[2] == doctest::Approx(3.2f));
  rows.merge();
  CHECK(rows.row(3)[2] == doctest::Approx(4.2f));
  CHECK(m.row(3)[2] == doctest::Approx(4.2f));
}

namespace {

// Trains the planted corpus with 2 threads and `loss`; checks that every row
// of the output matrix the layer gives moved. Fewer examples per thread than
// a merge period: only the merge at the end of the run brings the threads'
// private rows into the model, which start at zero and stay zero without it.
template <class Layer>
void check_every_output_row_trained(LossKind loss) {
  test::TempDir dir;
  test::write_file(dir.file("topics.txt"), test::planted_corpus(20, 13));
  const ScannedCorpus corpus = scan_corpus(dir.file("topics.txt"));
  const Vocabulary vocab(corpus.counts, 1, 0);
  const TokenStream tokens = encode_corpus(corpus, vocab);
  TrainOptions options;
  options.loss = loss;
  options.dim = 10;
  options.epochs = 1;
  options.sample = 0;
  options.threads = 2;
  Model model(vocab, options);
  TrainingObserver silent;
  Trainer(options, vocab).train(model, tokens, silent);
  const Matrix& rows = std::get<Layer>(model.output_layer()).output();
  REQUIRE(rows.rows() > 0);
  for (std::size_t i = 0; i < rows.rows(); ++i) {
    CAPTURE(i);
    CHECK(rows.map().row(static_cast<Eigen::Index>(i)).squaredNorm() > 0);
  }
}

}  // namespace

TEST_CASE("training: with 2 threads, the hierarchical softmax's nodes hold every thread's steps at the end") {
  check_every_output_row_trained<HierarchicalSoftmax>(LossKind::kHierarchicalSoftmax);
}

TEST_CASE("training: with 2 threads, negative sampling's output rows hold every thread's steps at the end") {
  check_every_output_row_trained<NegativeSampling>(LossKind::kNegativeSampling);
}

TEST_SUITE_END();
