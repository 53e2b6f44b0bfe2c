#pragma once
#include <cstdint>

namespace w2v {

// splitmix64: tiny state, fast, and good enough for SGD sampling; each
// thread owns one, seeded from the run's seed and the thread number.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}

  // The whole state: Random(state()) continues the same stream.
  std::uint64_t state() const { return state_; }

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n), by the multiply-shift method (no division).
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32);
  }
  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

}  // namespace w2v
