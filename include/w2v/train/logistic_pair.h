#pragma once
#include <utility>
#include <vector>

#include "w2v/base/random.h"
#include "w2v/train/hierarchical_softmax.h"
#include "w2v/train/logistic_step.h"
#include "w2v/train/negative_sampling.h"

namespace w2v {

// Two logistic output layers trained together on the same hidden layer, each
// with its own output matrix: J = J_first + J_second, so
// dJ/dh = dJ_first/dh + dJ_second/dh, while each output row only gets the
// gradient of its own term. One step scores the rows of both at once.
template <class First, class Second>
class LogisticPair {
 public:
  LogisticPair(First first, Second second) : first_(std::move(first)), second_(std::move(second)) {}

  First& first() { return first_; }
  const First& first() const { return first_; }
  Second& second() { return second_; }
  const Second& second() const { return second_; }
  // Every matrix the pair learns, for checkpoints: the first's, then the second's.
  std::vector<Matrix*> matrices() {
    std::vector<Matrix*> all = first_.matrices();
    for (Matrix* matrix : second_.matrices()) all.push_back(matrix);
    return all;
  }
  std::vector<RowRange> busiest_rows(std::size_t words) const {
    std::vector<RowRange> all = first_.busiest_rows(words);
    for (const RowRange& rows : second_.busiest_rows(words)) all.push_back(rows);
    return all;
  }

  class Step : public LogisticStep<typename First::Rows, typename Second::Rows> {
   public:
    Step(LogisticPair& pair, Random& random)
        : LogisticStep<typename First::Rows, typename Second::Rows>(random, pair.first_, pair.second_) {}
  };

 private:
  First first_;
  Second second_;
};

// --loss ns+hs, word2vec.c's -hs 1 -negative N: negative sampling with its
// output vector per word, and hierarchical softmax with its vector per inner
// node of the Huffman tree.
using NegativeSamplingAndHierarchicalSoftmax = LogisticPair<NegativeSampling, HierarchicalSoftmax>;

}  // namespace w2v
