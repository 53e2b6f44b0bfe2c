#pragma once
// The sentences of a Python iterable of token lists as a corpus.
#include <pybind11/pybind11.h>

#include <cstdint>
#include <string>
#include <vector>

#include "w2v/text/word_source.h"

namespace w2v::python {

// Reads an iterable of sentences, each a list (or any iterable) of str, as a
// WordSource. The iterable is read once, a batch of sentences at a time with
// the GIL held, and the words are handed to the corpus scan without it, so
// the corpus is never held in memory whole. Words are cut to kMaxWordBytes as
// a file's are; a sentence given as one str, a word that is not a str, an
// empty word, and a word with a blank (which the text and vectors formats use
// to separate words) or a NUL byte are errors naming the sentence and word.
// Construct and destroy it with the GIL held; next() takes the GIL itself.
class PythonWordSource : public WordSource {
 public:
  explicit PythonWordSource(const pybind11::iterable& sentences);

  Token next(std::string_view& word) override;
  const std::string& name() const override { return name_; }

 private:
  static constexpr std::size_t kSentenceEnd = SIZE_MAX;

  // Fills the batch from the iterator; false when it is exhausted.
  bool pull();
  void append_sentence(pybind11::handle sentence);
  void append_word(pybind11::handle word, std::size_t number);
  std::string where(std::size_t word) const;

  pybind11::iterator iterator_;
  std::string text_;                // the batch's words, back to back
  std::vector<std::size_t> ends_;   // per entry: where its word ends in text_, or kSentenceEnd
  std::size_t next_ = 0;            // the next entry of the batch
  std::size_t word_begin_ = 0;      // where that entry's word begins in text_
  std::uint64_t sentences_ = 0;     // sentences taken from the iterator
  bool exhausted_ = false;
  bool sentence_has_words_ = false;
  std::string name_ = "<iterable>";
};

}  // namespace w2v::python
