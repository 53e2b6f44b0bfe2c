#include "w2v/train/noise_sampler.h"

#include <cmath>

#include "w2v/base/error.h"

namespace w2v {

NoiseSampler::NoiseSampler(const std::vector<std::uint64_t>& counts, double exponent)
    : size_(counts.size()), slots_(counts.size()), probability_(counts.size()) {
  if (counts.empty()) throw Error("noise distribution: empty vocabulary");
  double total = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    // A word that never occurs (a word of --init's vectors absent from the
    // corpus) is never noise, whatever the exponent: 0^-0.5 would be inf.
    probability_[i] = counts[i] == 0 ? 0.0 : std::pow(static_cast<double>(counts[i]), exponent);
    total += probability_[i];
  }
  if (!(total > 0) || !std::isfinite(total)) throw Error("noise distribution: no word has a count to draw by");
  const double n = static_cast<double>(counts.size());
  std::vector<double> scaled(counts.size());
  std::vector<std::int32_t> small, large;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    probability_[i] /= total;
    scaled[i] = probability_[i] * n;
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::int32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const std::int32_t s = small.back(), l = large.back();
    small.pop_back();
    slots_[static_cast<std::size_t>(s)] = {static_cast<std::uint32_t>(scaled[static_cast<std::size_t>(s)] * 0x1.0p32), l};
    scaled[static_cast<std::size_t>(l)] -= 1.0 - scaled[static_cast<std::size_t>(s)];
    if (scaled[static_cast<std::size_t>(l)] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // What is left has probability 1 up to rounding: always keep the slot.
  for (auto list : {&small, &large}) {
    for (std::int32_t i : *list) {
      slots_[static_cast<std::size_t>(i)] = {0xFFFFFFFFu, i};
    }
  }
}

}  // namespace w2v
