#pragma once
#include <cstddef>
#include <cstdint>

#include "w2v/train/train_options.h"

namespace w2v {

// What a training run will allocate, in bytes, known before it allocates
// anything, so that a run that cannot fit is refused at once with the size it
// needs instead of failing (or being killed) after reading the corpus.
// Doubles: with 1024 threads of exact-softmax scratch the sum passes 2^64.
struct MemoryNeeds {
  double model = 0;       // the input and output matrices, the noise sampler's and Huffman tree's tables
  double per_thread = 0;  // one thread's scratch: scores, gradients, its sentence
  int threads = 1;

  double total() const { return model + per_thread * threads; }
};

// For a vocabulary of `words` words and a corpus of `tokens` tokens (no
// sentence is longer).
MemoryNeeds memory_needs(std::size_t words, std::uint64_t tokens, const TrainOptions& options);

// Throws Error when `needs` exceeds the memory available (available_memory()):
// "not enough memory: training needs X GiB (...), Y GiB available; ...".
void check_memory(const MemoryNeeds& needs);

}  // namespace w2v
