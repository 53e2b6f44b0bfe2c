#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "w2v/train/huffman_tree.h"
#include "w2v/base/matrix.h"
#include "w2v/train/noise_sampler.h"
#include "w2v/train/progress.h"
#include "w2v/text/token_stream.h"
#include "w2v/train/train_options.h"
#include "w2v/text/vocabulary.h"

namespace w2v {

struct TrainSummary {
  std::uint64_t words = 0;  // corpus tokens processed, over all epochs
  double seconds = 0;
  double final_loss = 0;    // mean loss per predicted word in the last epoch
};

// Lock-free parallel SGD (Hogwild) over one shared model: each thread trains
// on its own part of the token stream and updates the shared matrices
// without locks, as word2vec.c does.
class Trainer {
 public:
  Trainer(const TrainOptions& options, const Vocabulary& vocabulary);
  ~Trainer();

  // Trains for options.epochs epochs over `corpus`. `on_epoch_end(epoch)`
  // runs between epochs while the other threads wait.
  TrainSummary train(const TokenStream& corpus, bool show_progress,
                     const std::function<void(int)>& on_epoch_end = {});

  const Matrix& input() const { return input_; }    // the word vectors
  const Matrix& output() const { return output_; }  // context vectors, or tree nodes for hs

 private:
  class Worker;
  friend class Worker;

  TrainOptions options_;
  std::vector<std::uint32_t> keep_threshold_;  // subsampling, as 32-bit fractions
  std::unique_ptr<NoiseSampler> noise_;
  std::unique_ptr<HuffmanTree> tree_;
  Matrix input_;
  Matrix output_;
};

}  // namespace w2v
