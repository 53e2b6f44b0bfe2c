#pragma once
// word2vec.c's reading and writing of vocabulary files, re-implemented from
// the rules its code follows (not from its code), so that the tests can check
// that w2v's files and word2vec.c's are read the same on both sides.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace w2v::test::word2vec_c {

struct Entry {
  std::string word;
  long long count;
  bool operator==(const Entry&) const = default;
};

// Its word reader: words are separated by space, tab and newline; CR is
// dropped; a newline where a word would start is read as the word "</s>";
// words are cut at 99 bytes. A read that reaches the end of the input
// yields nothing (word2vec.c checks feof after each read).
class WordReader {
 public:
  explicit WordReader(const std::string& text) : text_(text) {}

  std::optional<std::string> word() {
    std::string word;
    while (pos_ < text_.size()) {
      const char ch = text_[pos_++];
      if (ch == '\r') continue;
      if (ch == ' ' || ch == '\t' || ch == '\n') {
        if (!word.empty()) {
          if (ch == '\n') --pos_;  // the newline is the next word, </s>
          return word;
        }
        if (ch == '\n') return std::string("</s>");
        continue;
      }
      if (word.size() < 99) word += ch;
    }
    return std::nullopt;
  }

  // fscanf("%lld%c"): blanks, a number, then one more byte.
  long long count() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    const std::size_t start = pos_;
    while (pos_ < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[pos_])) || (pos_ == start && text_[pos_] == '-'))) ++pos_;
    const long long value = std::stoll(text_.substr(start, pos_ - start));
    if (pos_ < text_.size()) ++pos_;
    return value;
  }

 private:
  const std::string& text_;
  std::size_t pos_ = 0;
};

// What SortVocab leaves: the first entry stays first (it is the sentence
// break), the others by descending count, and entries under min_count go.
inline std::vector<Entry> sort_vocab(std::vector<Entry> entries, long long min_count) {
  if (entries.empty()) return entries;
  std::stable_sort(entries.begin() + 1, entries.end(), [](const Entry& a, const Entry& b) { return a.count > b.count; });
  std::erase_if(entries, [&](const Entry& e) { return e.count < min_count; });
  return entries;
}

// ReadVocab: "word count" pairs in file order; the first is the sentence break.
inline std::vector<Entry> read_vocab(const std::string& file_text, long long min_count) {
  WordReader reader(file_text);
  std::vector<Entry> entries;
  while (const auto word = reader.word()) entries.push_back({*word, reader.count()});
  return sort_vocab(std::move(entries), min_count);
}

// LearnVocabFromTrainFile: </s> first, counted once per newline, then every
// word in order of first appearance with its count.
inline std::vector<Entry> learn_vocab(const std::string& corpus_text, long long min_count) {
  WordReader reader(corpus_text);
  std::vector<Entry> entries{{"</s>", 0}};
  std::map<std::string, std::size_t> index{{"</s>", 0}};
  while (const auto word = reader.word()) {
    const auto [it, added] = index.emplace(*word, entries.size());
    if (added) entries.push_back({*word, 0});
    ++entries[it->second].count;
  }
  return sort_vocab(std::move(entries), min_count);
}

// SaveVocab: "%s %lld\n" per entry.
inline std::string save_vocab(const std::vector<Entry>& entries) {
  std::string text;
  for (const Entry& e : entries) text += e.word + " " + std::to_string(e.count) + "\n";
  return text;
}

}  // namespace w2v::test::word2vec_c
