#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <queue>
#include <random>
#include <string>

#include "w2v/train/huffman_tree.h"
#include "w2v/train/noise_sampler.h"
#include "w2v/base/error.h"
#include "w2v/base/random.h"

using namespace w2v;

TEST_SUITE_BEGIN("unit");

TEST_CASE("noise sampler: exact probabilities are count^0.75 normalised") {
  const std::vector<std::uint64_t> counts{1000, 500, 100, 10, 1};
  const NoiseSampler sampler(counts, 0.75);
  double total = 0;
  for (auto c : counts) total += std::pow(static_cast<double>(c), 0.75);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    CHECK(sampler.probability(static_cast<std::int32_t>(i)) ==
          doctest::Approx(std::pow(static_cast<double>(counts[i]), 0.75) / total).epsilon(1e-12));
  }
}

TEST_CASE("noise sampler: a word with count 0 is never drawn, whatever the exponent") {
  for (const double exponent : {0.75, -0.5, 0.0}) {
    CAPTURE(exponent);
    const NoiseSampler sampler({50, 20, 0, 0}, exponent);
    CHECK(sampler.probability(2) == 0.0);
    CHECK(sampler.probability(0) + sampler.probability(1) == doctest::Approx(1.0));
    Random random(3);
    int never_words = 0;
    for (int k = 0; k < 10000; ++k) never_words += sampler.sample(random.next()) >= 2;
    CHECK(never_words == 0);
  }
  CHECK_THROWS_AS(NoiseSampler({0, 0}, 0.75), Error);
}

TEST_CASE("noise sampler: drawn frequencies match count^0.75 (chi-square, fixed seed)") {
  std::vector<std::uint64_t> counts;
  for (int i = 0; i < 50; ++i) counts.push_back(static_cast<std::uint64_t>(100000 / (i + 1)));  // Zipf-like
  const NoiseSampler sampler(counts, 0.75);
  Random random(12345);
  const int draws = 2000000;
  std::vector<double> seen(counts.size(), 0);
  for (int k = 0; k < draws; ++k) {
    seen.at(static_cast<std::size_t>(sampler.sample(random.next()))) += 1;
  }
  double chi2 = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const double expected = draws * sampler.probability(static_cast<std::int32_t>(i));
    chi2 += (seen[i] - expected) * (seen[i] - expected) / expected;
  }
  // 49 degrees of freedom: the 99.9th percentile is about 85.4.
  CHECK(chi2 < 85.4);
  // A uniform sampler, or one on raw counts, fails the same test badly.
  const NoiseSampler raw(counts, 1.0);
  double chi2_raw = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const double expected = draws * raw.probability(static_cast<std::int32_t>(i));
    chi2_raw += (seen[i] - expected) * (seen[i] - expected) / expected;
  }
  CHECK(chi2_raw > 1000);
}

namespace {

std::vector<std::uint64_t> descending_counts(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<std::uint64_t> counts(n);
  for (auto& c : counts) c = 1 + rng() % 5000;
  std::sort(counts.rbegin(), counts.rend());
  return counts;
}

// The optimal (Huffman) cost sum count_w * depth_w, by the textbook method.
std::uint64_t optimal_cost(const std::vector<std::uint64_t>& counts) {
  std::priority_queue<std::uint64_t, std::vector<std::uint64_t>, std::greater<>> heap(counts.begin(), counts.end());
  std::uint64_t cost = 0;
  while (heap.size() > 1) {
    const auto a = heap.top();
    heap.pop();
    const auto b = heap.top();
    heap.pop();
    cost += a + b;
    heap.push(a + b);
  }
  return cost;
}

}  // namespace

TEST_CASE("huffman tree: prefix-free codes, Kraft sum 1, optimal total length") {
  for (std::size_t n : {2, 3, 10, 257, 1000}) {
    CAPTURE(n);
    const auto counts = descending_counts(n, static_cast<unsigned>(n));
    const HuffmanTree tree(counts);
    CHECK(tree.inner_nodes() == n - 1);
    std::vector<std::string> codes;
    double kraft = 0;
    std::uint64_t cost = 0;
    for (std::size_t w = 0; w < n; ++w) {
      const auto path = tree.path(static_cast<std::int32_t>(w));
      REQUIRE(path.length >= 1);
      CHECK(path.nodes[0] == static_cast<std::int32_t>(n - 2));  // every path starts at the root
      std::string code;
      for (int k = 0; k < path.length; ++k) {
        CHECK(path.nodes[k] >= 0);
        CHECK(path.nodes[k] < static_cast<std::int32_t>(n - 1));
        code += static_cast<char>('0' + path.codes[k]);
      }
      codes.push_back(code);
      kraft += std::ldexp(1.0, -path.length);
      cost += counts[w] * static_cast<std::uint64_t>(path.length);
    }
    CHECK(kraft == doctest::Approx(1.0).epsilon(1e-12));
    CHECK(cost == optimal_cost(counts));
    std::sort(codes.begin(), codes.end());
    for (std::size_t i = 0; i + 1 < codes.size(); ++i) {
      CHECK(codes[i + 1].compare(0, codes[i].size(), codes[i]) != 0);  // no code is a prefix of the next
    }
  }
}

TEST_CASE("huffman tree: a path's nodes differ when the codes first differ") {
  // Two words sharing a code prefix share exactly those inner nodes.
  const auto counts = descending_counts(64, 9);
  const HuffmanTree tree(counts);
  const auto a = tree.path(0), b = tree.path(63);
  int shared = 0;
  while (shared < std::min(a.length, b.length) && a.codes[shared] == b.codes[shared]) ++shared;
  for (int k = 0; k <= shared && k < std::min(a.length, b.length); ++k) CHECK(a.nodes[k] == b.nodes[k]);
}

TEST_CASE("huffman tree: words with count 0 get short paths, not a chain as long as the vocabulary") {
  std::vector<std::uint64_t> counts{100, 50, 20};
  counts.resize(100000, 0);  // --init from vectors: many words the corpus never has
  const HuffmanTree tree(counts);
  CHECK(tree.max_depth() <= 20);
}
TEST_SUITE_END();
