// The arithmetic ceiling of w2v's own step: one SGD step of each mode
// (include/w2v/train/row_kernels.h and the logistic loss of objectives.h, as
// src/train/worker.h calls them) on rows that stay in L1, so nothing waits
// for memory. What is left is the kernels' instructions: FMAs, the loads
// and stores of every row chunk, the loss. docs/bounds.md compares it with
// the FMA peak and with the whole training step. Built and run by
// scripts/machine-peaks.sh; the best and the median of the repeats printed.
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "w2v/train/objectives.h"
#include "w2v/train/row_kernels.h"

namespace {

constexpr int kDim = 100;
constexpr int kChunks = (kDim + w2v::kChunk<float> - 1) / w2v::kChunk<float>;
constexpr int kStride = kChunks * w2v::kChunk<float>;

double thread_cpu_seconds() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

struct Rows {
  w2v::AlignedVector<float> data;
  std::vector<float*> pointers;
  explicit Rows(int n) : data(static_cast<std::size_t>(n) * kStride, 0.0f) {
    for (int i = 0; i < n; ++i) {
      float* row = data.data() + static_cast<std::size_t>(i) * kStride;
      for (int c = 0; c < kDim; ++c) row[c] = 0.01f * static_cast<float>((i * 7 + c) % 13 - 6);
      pointers.push_back(row);
    }
  }
};

// One step of skip-gram (cbow = false: n hidden rows) or CBOW (the mean of n
// context rows) against m output rows, the first with label 1.
struct Step {
  int n, m;
  bool cbow;
  Rows context, outputs;
  w2v::AlignedVector<float> hidden, d_hidden, S, G;
  std::vector<float> labels;
  Step(int n_, int m_, bool cbow_)
      : n(n_), m(m_), cbow(cbow_), context(n_), outputs(m_), hidden(kStride), d_hidden(kStride),
        S(static_cast<std::size_t>(n_ * m_)), G(static_cast<std::size_t>(n_ * m_)), labels(static_cast<std::size_t>(m_), 0.0f) {
    labels[0] = 1;
  }
  float run(float alpha) {
    float* const* O = outputs.pointers.data();
    const int rows = cbow ? 1 : n;
    float* h = hidden.data();
    float* dh = d_hidden.data();
    float* const* H = cbow ? &h : context.pointers.data();
    if (cbow) w2v::sum<float>(context.pointers.data(), n, kChunks, 1.0f / static_cast<float>(n), h);
    w2v::row_scores<float>(rows, H, O, m, kChunks, S.data());
    const auto s = w2v::dense_map(S.data(), rows, m);
    auto g = w2v::dense_map(G.data(), rows, m);
    const float loss = w2v::logistic_loss<float>(s, labels.data(), g);
    if (cbow) {
      w2v::row_step_outputs<float>(1, &h, const_cast<float* const*>(O), m, kChunks, G.data(), alpha, &dh);
      w2v::spread<float>(context.pointers.data(), n, kChunks, alpha, dh);
    } else {
      w2v::row_step<float>(n, const_cast<float* const*>(H), const_cast<float* const*>(O), m, kChunks, G.data(), alpha);
    }
    return loss;
  }
  // FLOPs counted as docs/bounds.md counts them (d = 100, a multiply-add = 2).
  double flops() const {
    const double d = kDim;
    return cbow ? 8.0 * m * d + 2.0 * (n + 1) * d : 2.0 * (3.0 * n * m + n + m) * d;
  }
};

}  // namespace

int main(int argc, char** argv) {
  const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 9;
  std::printf("one training step on rows in L1 (w2v's kernels, %d-float chunks), %d repeats\n", w2v::kChunk<float>, repeats);
  struct Case {
    const char* name;
    int n, m;
    bool cbow;
  };
  // n = 6 context words, m = 6 (ns) or 14 (hs, the mean path is 13.7) outputs.
  const Case cases[] = {{"sg ns   (n 6, m 6)", 6, 6, false},
                        {"sg hs   (n 6, m 14)", 6, 14, false},
                        {"cbow ns (n 6, m 6)", 6, 6, true},
                        {"cbow hs (n 6, m 14)", 6, 14, true}};
  double sink = 0;
  for (const Case& c : cases) {
    Step step(c.n, c.m, c.cbow);
    constexpr int kSteps = 2'000'000;
    std::vector<double> ns;
    for (int r = 0; r <= repeats; ++r) {  // the first is a warm-up
      const double start = thread_cpu_seconds();
      for (int k = 0; k < kSteps; ++k) sink += step.run(1e-7f);
      if (r > 0) ns.push_back((thread_cpu_seconds() - start) / kSteps * 1e9);
    }
    std::sort(ns.begin(), ns.end());
    std::printf("%-20s %8.0f FLOPs  best %6.1f ns  median %6.1f ns  = %5.1f GFLOP/s at best\n", c.name, step.flops(),
                ns.front(), ns[ns.size() / 2], step.flops() / ns.front());
  }
  std::printf("(sink %g)\n", sink > 0 ? 0.0 : 1.0);
}
