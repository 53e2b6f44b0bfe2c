#include "w2v/train/memory_needs.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "w2v/base/error.h"
#include "w2v/base/system_memory.h"

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
  switch (options.loss) {
    case LossKind::kNegativeSampling:
      return options.negative + 1.0;
    case LossKind::kHierarchicalSoftmax:
      // The longest Huffman path; deeper than 64 needs counts summing past 10^13.
      return std::min(words - 1, 64.0);
    case LossKind::kSoftmax:
      return words;
  }
  return words;
}

std::string gib(double bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f GiB", bytes / (1024.0 * 1024.0 * 1024.0));
  return text;
}

}  // namespace

MemoryNeeds memory_needs(std::size_t words, std::uint64_t tokens, const TrainOptions& options) {
  const auto v = static_cast<double>(words);
  const double dim = options.dim;
  MemoryNeeds needs;
  needs.threads = options.threads;
  // Input rows per word; output rows per word (or per inner tree node);
  // per word about 64 bytes of sampling tables and tree paths.
  needs.model = 2 * matrix_bytes(v, options.dim) + 64 * v;
  const double inputs = options.model == ModelKind::kSkipGram ? 2.0 * options.window : 1.0;
  const double outputs = max_outputs(v, options);
  const double sentence = static_cast<double>(std::min<std::uint64_t>(options.max_sentence, tokens));
  needs.per_thread = 2 * inputs * dim * kFloat        // hidden rows and their gradient
                     + 2 * outputs * dim * kFloat     // gathered output rows and their gradient
                     + 2 * inputs * outputs * kFloat  // scores and their gradient
                     + 2 * sentence * sizeof(std::int32_t) + (1 << 18);  // the sentence, the token reader's buffer
  return needs;
}

void check_memory(const MemoryNeeds& needs) {
  const auto available = available_memory();
  if (!available || needs.total() <= static_cast<double>(*available)) return;
  throw Error("not enough memory: training needs " + gib(needs.total()) + " (matrices " + gib(needs.model) + ", " +
              std::to_string(needs.threads) + " thread" + (needs.threads == 1 ? "" : "s") + " x " +
              gib(needs.per_thread) + " of scratch), " + gib(static_cast<double>(*available)) +
              " available; lower --dim or --threads, or shrink the vocabulary (--min-count, --max-vocab)");
}

}  // namespace w2v
