#pragma once
// A corpus with planted structure, and measures of whether training found it.
#include <Eigen/Core>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "w2v/base/matrix.h"

namespace w2v::test {

constexpr int kGroups = 8, kWordsPerGroup = 8;

// Sentences of 16 words, each sentence from one topic group ("g3w5" is word 5
// of group 3), with the filler words "the" and "of" everywhere: a word's
// nearest words are its group only if training works. `prefix` names the
// groups, so that two corpora can have groups of their own ("g", "h").
inline std::string planted_corpus(int sentences, unsigned seed, int groups = kGroups,
                                  int words_per_group = kWordsPerGroup, const std::string& prefix = "g") {
  std::mt19937 rng(seed);
  std::string text;
  for (int s = 0; s < sentences; ++s) {
    const int group = static_cast<int>(rng() % static_cast<unsigned>(groups));
    for (int k = 0; k < 16; ++k) {
      if (rng() % 5 == 0) {
        text += rng() % 2 ? "the " : "of ";
      } else {
        text += prefix + std::to_string(group) + "w" + std::to_string(rng() % static_cast<unsigned>(words_per_group)) + " ";
      }
    }
    text.back() = '\n';
  }
  return text;
}

// "g12" for "g12w3"; "" for a filler word or a word of another prefix's groups.
inline std::string topic_of(const std::string& word, const std::string& prefix = "g") {
  const bool topical = word.starts_with(prefix) && word.size() > prefix.size() &&
                       word[prefix.size()] >= '0' && word[prefix.size()] <= '9';
  return topical ? word.substr(0, word.find('w', prefix.size())) : std::string();
}

// The fraction of the topic words of groups `prefix`... whose nearest word
// (cosine, among all words) is in their group.
inline double neighbour_accuracy(const std::vector<std::string>& words, ConstMatrixMap<float> vectors,
                                 const std::string& prefix = "g") {
  RowMatrix<float> unit = vectors;
  unit.rowwise().normalize();
  const RowMatrix<float> cosine = unit * unit.transpose();
  int right = 0, total = 0;
  for (Eigen::Index i = 0; i < cosine.rows(); ++i) {
    const std::string topic = topic_of(words[static_cast<std::size_t>(i)], prefix);
    if (topic.empty()) continue;
    Eigen::Index best = i == 0 ? 1 : 0;
    for (Eigen::Index j = 0; j < cosine.cols(); ++j) {
      if (j != i && cosine(i, j) > cosine(i, best)) best = j;
    }
    ++total;
    right += topic_of(words[static_cast<std::size_t>(best)], prefix) == topic;
  }
  return static_cast<double>(right) / total;
}

// Of the pairs of topic words that share a class, the fraction from the same
// group (random classes score about 1 / groups).
inline double class_precision(const std::vector<std::string>& words, const std::vector<std::int32_t>& class_of) {
  std::map<std::int32_t, std::vector<std::string>> members;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!topic_of(words[i]).empty()) members[class_of[i]].push_back(topic_of(words[i]));
  }
  long same = 0, pairs = 0;
  for (const auto& [c, topics] : members) {
    for (std::size_t a = 0; a < topics.size(); ++a) {
      for (std::size_t b = a + 1; b < topics.size(); ++b) {
        ++pairs;
        same += topics[a] == topics[b];
      }
    }
  }
  return pairs ? static_cast<double>(same) / static_cast<double>(pairs) : 0.0;
}

}  // namespace w2v::test
