#pragma once
// The linear algebra of one SGD step, on rows addressed by pointers: the
// hidden rows h_0..h_{n-1} (skip-gram: the context words' input vectors;
// CBOW: their mean) and the output rows o_0..o_{m-1} the output layer
// selected, all in place in the model's matrices. Nothing is gathered or
// copied: each row is read from memory once per pass and written once.
//
// Rows are processed in whole SIMD registers ("chunks" of kChunk values).
// Every row handed to these kernels must be padded with zeros to a whole
// number of chunks, as Matrix rows are (64-byte rows): the padding adds 0 to
// every dot product and takes steps of 0, so it stays zero.
//
// The number of hidden rows is a template parameter up to kMaxHidden, so that
// their chunks and gradient sums live in registers; the trainer splits larger
// sets of hidden rows into blocks. Templates on Real, so that the gradient
// tests check this very code in double precision.
#include <Eigen/Core>
#include <array>
#include <cstddef>
#include <cstdint>

namespace w2v {

template <class Real>
inline constexpr int kChunk = Eigen::internal::packet_traits<Real>::size;
// At most this many hidden rows in one call.
inline constexpr int kMaxHidden = 10;

namespace row_kernels {

template <class Real>
using Chunk = Eigen::Array<Real, kChunk<Real>, 1>;

template <class Real>
Eigen::Map<const Chunk<Real>> load(const Real* row, int c) {
  return Eigen::Map<const Chunk<Real>>(row + static_cast<std::ptrdiff_t>(c) * kChunk<Real>);
}
template <class Real>
Eigen::Map<Chunk<Real>> at(Real* row, int c) {
  return Eigen::Map<Chunk<Real>>(row + static_cast<std::ptrdiff_t>(c) * kChunk<Real>);
}

// Independent multiply-add chains the kernels keep going: a chain waits for
// its last multiply-add (about 4 cycles) and a core starts two per cycle, so
// a single chain (one dot product, one running sum) would leave the
// arithmetic units mostly idle.
inline constexpr int kChains = 8;

// S(i, j) = h_i · o_j, S row-major n × m. Few hidden rows (CBOW has one)
// score several output rows at a time, to have kChains sums in flight.
template <class Real, int N>
void scores(const Real* const* h, const Real* const* o, int m, int chunks, Real* S) {
  constexpr int J = N >= kChains ? 1 : kChains / N;  // output rows at a time
  int j = 0;
  for (; j + J <= m; j += J) {
    std::array<std::array<Chunk<Real>, J>, N> sum;
    for (auto& row : sum) {
      for (auto& s : row) s.setZero();
    }
    for (int c = 0; c < chunks; ++c) {
      std::array<Chunk<Real>, J> outputs;
#pragma GCC unroll 8
      for (int b = 0; b < J; ++b) outputs[b] = load(o[j + b], c);
      for (int i = 0; i < N; ++i) {
        const Chunk<Real> hidden = load(h[i], c);
#pragma GCC unroll 8
        for (int b = 0; b < J; ++b) sum[i][b] += hidden * outputs[b];
      }
    }
    for (int i = 0; i < N; ++i) {
      for (int b = 0; b < J; ++b) S[i * m + j + b] = sum[i][b].sum();
    }
  }
  for (; j < m; ++j) {
    std::array<Chunk<Real>, N> sum;
    for (auto& s : sum) s.setZero();
    for (int c = 0; c < chunks; ++c) {
      const Chunk<Real> oj = load(o[j], c);
      for (int i = 0; i < N; ++i) sum[i] += load(h[i], c) * oj;
    }
    for (int i = 0; i < N; ++i) S[i * m + j] = sum[i].sum();
  }
}

// The step for G = ∂J/∂S, both gradients from the rows as they were:
//   o_j -= alpha Σ_i G_ij h_i,   and   dh_i = Σ_j G_ij o_j,
// then h_i -= alpha dh_i when kUpdateHidden, else dh_i is written to dh[i].
// A row listed twice (a noise word drawn twice, a context word twice in the
// window) takes each of its steps: writes add to what memory holds then.
// Few hidden rows split each dh_i into A partial sums, kept apart so that
// they form independent chains.
template <class Real, int N, bool kUpdateHidden>
void update(Real* const* h, Real* const* o, int m, int chunks, const Real* G, Real alpha, Real* const* dh) {
  constexpr int A = N >= kChains / 2 ? 1 : kChains / 2 / N;  // partial sums per hidden row
  for (int c = 0; c < chunks; ++c) {
    std::array<Chunk<Real>, N> hidden;
    std::array<std::array<Chunk<Real>, A>, N> d_hidden;
    for (int i = 0; i < N; ++i) {
      hidden[i] = load(h[i], c);
      for (auto& d : d_hidden[i]) d.setZero();
    }
    // Output row j feeds partial sum j % A: A rows at a time, then the rest.
    const auto step = [&](int j, int a) {
      const Chunk<Real> oj = load(o[j], c);
      Chunk<Real> d_output = Chunk<Real>::Zero();
      for (int i = 0; i < N; ++i) {
        const Real g = G[i * m + j];
        d_hidden[i][a] += g * oj;
        d_output += g * hidden[i];
      }
      at(o[j], c) = oj - alpha * d_output;
    };
    int j = 0;
    for (; j + A <= m; j += A) {
#pragma GCC unroll 8
      for (int a = 0; a < A; ++a) step(j + a, a);
    }
    for (int a = 0; j < m; ++j, ++a) step(j, a);
    for (int i = 0; i < N; ++i) {
      Chunk<Real> d = d_hidden[i][0];
      for (int a = 1; a < A; ++a) d += d_hidden[i][a];
      if constexpr (kUpdateHidden) {
        at(h[i], c) -= alpha * d;
      } else {
        at(dh[i], c) = d;
      }
    }
  }
}

// out = scale Σ_k rows[k], the mean or sum of n rows (CBOW's hidden layer).
template <class Real>
void sum(const Real* const* rows, int n, int chunks, Real scale, Real* out) {
  for (int c = 0; c < chunks; ++c) {
    Chunk<Real> total = load(rows[0], c);
    for (int k = 1; k < n; ++k) total += load(rows[k], c);
    at(out, c) = scale * total;
  }
}

// rows[k] -= alpha d for every k: the same step for several rows (CBOW's
// context words, which all take the hidden layer's step).
template <class Real>
void spread(Real* const* rows, int n, int chunks, Real alpha, const Real* d) {
  for (int c = 0; c < chunks; ++c) {
    const Chunk<Real> step = alpha * load(d, c);
    for (int k = 0; k < n; ++k) at(rows[k], c) -= step;
  }
}

template <class Real, int N = 1>
void scores_n(int n, const Real* const* h, const Real* const* o, int m, int chunks, Real* S) {
  if constexpr (N < kMaxHidden) {
    if (n != N) return scores_n<Real, N + 1>(n, h, o, m, chunks, S);
  }
  scores<Real, N>(h, o, m, chunks, S);
}

template <class Real, bool kUpdateHidden, int N = 1>
void update_n(int n, Real* const* h, Real* const* o, int m, int chunks, const Real* G, Real alpha, Real* const* dh) {
  if constexpr (N < kMaxHidden) {
    if (n != N) return update_n<Real, kUpdateHidden, N + 1>(n, h, o, m, chunks, G, alpha, dh);
  }
  update<Real, N, kUpdateHidden>(h, o, m, chunks, G, alpha, dh);
}

}  // namespace row_kernels

using row_kernels::spread;
using row_kernels::sum;

// S = H Oᵀ for n <= kMaxHidden hidden rows h and m output rows o of `chunks`
// chunks each; S is row-major n × m.
template <class Real>
void row_scores(int n, const Real* const* h, const Real* const* o, int m, int chunks, Real* S) {
  row_kernels::scores_n<Real>(n, h, o, m, chunks, S);
}

// With G = ∂J/∂S (row-major n × m), one SGD step of rate alpha on the output
// rows and the hidden rows, in place: o_j -= alpha (Gᵀ H)_j and
// h_i -= alpha (G O)_i, both from the rows as they were.
template <class Real>
void row_step(int n, Real* const* h, Real* const* o, int m, int chunks, const Real* G, Real alpha) {
  row_kernels::update_n<Real, true>(n, h, o, m, chunks, G, alpha, nullptr);
}

// The same step on the output rows, for hidden rows that are not rows of the
// model (CBOW's mean): dh_i = (G O)_i is written to dh[i] for the caller to
// spread over the rows it came from.
template <class Real>
void row_step_outputs(int n, Real* const* h, Real* const* o, int m, int chunks, const Real* G, Real alpha,
                      Real* const* dh) {
  row_kernels::update_n<Real, false>(n, h, o, m, chunks, G, alpha, dh);
}

}  // namespace w2v
