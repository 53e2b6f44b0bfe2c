#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace w2v {

// Word -> dense id (0, 1, 2, ... in insertion order). Open addressing with
// linear probing over a power-of-two table: the corpus pass looks up every
// token, so this is on the hot path of reading text.
class WordIndex {
 public:
  static constexpr std::int32_t kNotFound = -1;

  WordIndex();

  std::int32_t find(std::string_view word) const;
  // The id of `word`, adding it with the next id if it is new.
  std::int32_t insert(std::string word);

  std::size_t size() const { return words_.size(); }
  const std::string& word(std::int32_t id) const { return words_[static_cast<std::size_t>(id)]; }
  const std::vector<std::string>& words() const { return words_; }

 private:
  std::size_t slot_of(std::string_view word, std::uint64_t hash) const;

  void grow();

  std::vector<std::int32_t> slots_;  // id, or kNotFound for an empty slot
  std::vector<std::uint64_t> hashes_;  // hash of each word, by id
  std::vector<std::string> words_;
};

std::uint64_t hash_word(std::string_view word);

}  // namespace w2v
