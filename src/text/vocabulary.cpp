#include "w2v/text/vocabulary.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>
#include <cerrno>

#include "w2v/base/atomic_file.h"
#include "w2v/base/error.h"
#include "w2v/base/utf8.h"

namespace w2v {

WordCounts read_word_counts(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open vocabulary file");
  WordCounts result;
  WordIndex seen;
  std::uint64_t total = 0;
  std::string line;
  std::size_t line_number = 0, rows = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const auto where = [&] { return path + ": line " + std::to_string(line_number) + ": "; };
    std::istringstream fields(line);
    std::string word, number, extra;
    fields >> word >> number;
    if (number.empty() || (fields >> extra)) throw Error(where() + "expected 'word count'");
    char* end = nullptr;
    errno = 0;
    const unsigned long long count = std::strtoull(number.c_str(), &end, 10);
    if (*end != '\0' || errno != 0 || number[0] == '-') {
      throw Error(where() + "'" + printable(number) + "' is not a count");
    }
    if (rows++ == 0 && word == kSentenceBreak) continue;
    if (seen.find(word) != WordIndex::kNotFound) throw Error(where() + "word '" + printable(word) + "' appears twice");
    // Sums of counts (the Huffman tree's weights, subsampling's total) must not wrap around.
    if (count > kMaxTotalCount - total) throw Error(where() + "the counts add up to more than 2^62");
    total += count;
    seen.insert(word);
    result.words.push_back(word);
    result.counts.push_back(count);
  }
  if (in.bad()) throw Error(path + ": read error");
  return result;
}

Vocabulary::Vocabulary(WordCounts counts, std::uint64_t min_count, std::size_t max_vocab) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < counts.words.size(); ++i) {
    if (counts.counts[i] >= min_count) order.push_back(i);
  }
  const auto before = [&](std::size_t a, std::size_t b) {
    if (counts.counts[a] != counts.counts[b]) return counts.counts[a] > counts.counts[b];
    return a < b;
  };
  if (max_vocab > 0 && order.size() > max_vocab) {
    std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(max_vocab), order.end(), before);
    order.resize(max_vocab);
  }
  std::sort(order.begin(), order.end(), before);
  counts_.reserve(order.size());
  for (std::size_t i : order) {
    index_.insert(std::move(counts.words[i]));
    counts_.push_back(counts.counts[i]);
    total_ += counts.counts[i];
  }
}

std::vector<double> Vocabulary::keep_probabilities(double sample) const {
  std::vector<double> keep(size(), 1.0);
  if (sample <= 0 || total_ == 0) return keep;
  const double threshold = sample * static_cast<double>(total_);
  for (std::size_t i = 0; i < size(); ++i) {
    const double c = static_cast<double>(counts_[i]);
    keep[i] = std::min(1.0, (std::sqrt(c / threshold) + 1.0) * threshold / c);
  }
  return keep;
}

void Vocabulary::save(AtomicFile& file, std::uint64_t sentences) const {
  std::fprintf(file.stream(), "%s %" PRIu64 "\n", std::string(kSentenceBreak).c_str(), sentences);
  for (std::size_t i = 0; i < size(); ++i) {
    std::fprintf(file.stream(), "%s %" PRIu64 "\n", index_.word(static_cast<std::int32_t>(i)).c_str(), counts_[i]);
  }
}

void Vocabulary::save(const std::string& path, std::uint64_t sentences) const {
  AtomicFile file(path);
  save(file, sentences);
  file.commit();
}

}  // namespace w2v
