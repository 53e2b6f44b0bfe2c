#include "w2v/train/memory_needs.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "w2v/base/error.h"
#include "w2v/base/system_memory.h"
#include "w2v/train/row_kernels.h"
#include "w2v/train/softmax.h"

namespace w2v {
namespace {

constexpr double kFloat = sizeof(float);

// A Matrix pads each row to whole 64-byte cache lines.
double matrix_bytes(double rows, int cols) {
  const double stride = static_cast<double>((cols + 15) / 16 * 16);
  return rows * stride * kFloat;
}

// The most output rows one example is scored against.
double max_outputs(double words, const TrainOptions& options) {
  const double path = std::min(words - 1, 64.0);  // the longest Huffman path; deeper needs counts past 10^13
  switch (options.loss) {
    case LossKind::kNegativeSampling:
      return options.negative + 1.0;
    case LossKind::kHierarchicalSoftmax:
      return path;
    case LossKind::kNegativeSamplingAndHierarchicalSoftmax:
      return options.negative + 1.0 + path;
    case LossKind::kSoftmax:
      return words;
  }
  return words;
}

// "1.5 GiB", or "16.0 MiB" below a GiB.
std::string size_text(double bytes) {
  const double mib = bytes / (1024.0 * 1024.0);
  char text[32];
  if (mib < 1024) {
    std::snprintf(text, sizeof text, "%.1f MiB", mib);
  } else {
    std::snprintf(text, sizeof text, "%.1f GiB", mib / 1024.0);
  }
  return text;
}

}  // namespace

MemoryNeeds memory_needs(std::size_t words, std::uint64_t tokens, const TrainOptions& options) {
  const auto v = static_cast<double>(words);
  const double dim = options.dim;
  MemoryNeeds needs;
  needs.threads = options.threads;
  // Input rows per word; output rows per word (or per inner tree node; both
  // for ns+hs); per word about 64 bytes of sampling tables and tree paths.
  const double output_matrices = options.loss == LossKind::kNegativeSamplingAndHierarchicalSoftmax ? 2 : 1;
  needs.model = (1 + output_matrices) * matrix_bytes(v, options.dim) + 64 * v;
  const double sentence = static_cast<double>(std::min<std::uint64_t>(options.max_sentence, tokens));
  // The hidden layer and its gradient (CBOW), the sentence and the token reader's buffer.
  needs.per_thread = 2 * dim * kFloat + 2 * sentence * sizeof(std::int32_t) + (1 << 18);
  if (options.loss == LossKind::kSoftmax) {
    // A minibatch of hidden rows, their gradients and their scores against every word.
    const auto rows = static_cast<double>(Softmax::Step::batch_rows(words));
    needs.per_thread += 2 * rows * dim * kFloat + rows * v * kFloat;
  } else {
    // Scores and their gradient, for up to kMaxHidden hidden rows at a time.
    needs.per_thread += 2 * kMaxHidden * max_outputs(v, options) * kFloat;
  }
  return needs;
}

void check_memory(const MemoryNeeds& needs) {
  const auto available = available_memory();
  if (!available || needs.total() <= static_cast<double>(*available)) return;
  throw Error("not enough memory: training needs " + size_text(needs.total()) + " (matrices " + size_text(needs.model) + ", " +
              std::to_string(needs.threads) + " thread" + (needs.threads == 1 ? "" : "s") + " x " +
              size_text(needs.per_thread) + " of scratch), " + size_text(static_cast<double>(*available)) +
              " available; lower --dim or --threads, or shrink the vocabulary (--min-count, --max-vocab)");
}

}  // namespace w2v
