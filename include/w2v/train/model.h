#pragma once
#include <utility>
#include <variant>
#include <vector>

#include "w2v/base/matrix.h"
#include "w2v/text/vocabulary.h"
#include "w2v/train/hierarchical_softmax.h"
#include "w2v/train/logistic_pair.h"
#include "w2v/train/negative_sampling.h"
#include "w2v/train/softmax.h"
#include "w2v/train/train_options.h"

namespace w2v {

// The output layer of a run, chosen once from --loss; the trainer dispatches
// on it once per run, never per example.
using OutputLayer = std::variant<NegativeSampling, HierarchicalSoftmax, NegativeSamplingAndHierarchicalSoftmax, Softmax>;

// What training learns: the input (word) vectors, one row per vocabulary
// word, and the output layer.
class Model {
 public:
  // Input vectors start uniform in ±1/dim (gensim's and fastText's initialisation, from
  // options.seed), output rows at zero.
  Model(const Vocabulary& vocabulary, const TrainOptions& options);

  Matrix& input() { return input_; }
  const Matrix& input() const { return input_; }
  OutputLayer& output_layer() { return output_layer_; }
  // The output vectors of the words, one row per word (--save-context), or
  // nullptr when the layer has none (hierarchical softmax: tree nodes). With
  // ns+hs, those of negative sampling.
  const Matrix* context() const;
  Matrix* context() { return const_cast<Matrix*>(std::as_const(*this).context()); }
  // Every matrix training changes: the input vectors, then the output
  // layer's (Layer::matrices()). Checkpoints save and restore these (and
  // ModelSync keeps them in step across processes), so an
  // output layer needs nothing more to be checkpointed.
  std::vector<Matrix*> matrices();
  std::vector<const Matrix*> matrices() const;
  // For each of matrices(), the rows the `words` most frequent words use
  // most (ModelSync keeps these in step more often).
  std::vector<RowRange> busiest_rows(std::size_t words) const;

 private:
  Matrix input_;
  OutputLayer output_layer_;
};

}  // namespace w2v
