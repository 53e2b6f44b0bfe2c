#pragma once
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "w2v/base/temp_file.h"

namespace w2v {

// A corpus as a sequence of token ids in an anonymous temporary file (under
// $TMPDIR), written once while the text is read and then re-read by every
// epoch: later epochs never parse text again, and memory does not grow with
// the corpus. Each entry is an Id or kEndOfSentence.
template <class Id>
class BasicTokenStream {
 public:
  static constexpr Id kEndOfSentence = std::numeric_limits<Id>::max();

  BasicTokenStream();

  void push_token(Id id);
  // Ends the current sentence; does nothing if it has no token.
  void end_sentence();
  // Writes what is buffered and leaves the last sentence open: the stream is
  // a piece of a corpus whose next piece continues that sentence.
  void flush();
  // Ends the last sentence and flushes; call once, after the last push.
  void finish();

  std::uint64_t entries() const { return entries_; }
  std::uint64_t tokens() const { return tokens_; }
  // CRC-32 (zlib's) of the entries written so far, as little-endian Ids:
  // with entries(), it tells whether two streams hold the same corpus.
  std::uint32_t checksum() const { return checksum_; }

  // Entry range [begin, end) of part `part` of `parts` nearly equal parts.
  std::pair<std::uint64_t, std::uint64_t> part(int part, int parts) const { return part_of(entries_, part, parts); }
  // The same for a stream of `entries` entries.
  static std::pair<std::uint64_t, std::uint64_t> part_of(std::uint64_t entries, int part, int parts);

  // Reads the sentences of an entry range; a range boundary inside a
  // sentence splits it there, so each token is read by exactly one range.
  class Reader {
   public:
    Reader(const BasicTokenStream& stream, std::uint64_t begin, std::uint64_t end);
    // Fills `sentence` with the next sentence, at most `max_length` tokens
    // (a longer one continues in the next call). False at the end of range.
    bool next_sentence(std::vector<std::int32_t>& sentence, std::size_t max_length);
    // The next raw entry (an id or kEndOfSentence). False at the end of range.
    bool next_entry(Id& entry);
    // The index of the entry the next call reads: a Reader made from here
    // returns the same sentences this one would.
    std::uint64_t position() const { return next_ - (buffer_.size() - pos_); }

   private:
    bool refill();

    const TempFile& file_;
    std::uint64_t next_;  // next entry to load from the file
    std::uint64_t end_;
    std::vector<Id> buffer_;
    std::size_t pos_ = 0;
  };

 private:
  TempFile file_;
  std::vector<Id> pending_;
  std::uint64_t entries_ = 0;
  std::uint64_t tokens_ = 0;
  std::uint32_t checksum_ = 0;
  bool sentence_open_ = false;
};

// The training stream: vocabulary ids.
using TokenStream = BasicTokenStream<std::uint32_t>;
// The corpus scan's stream: each word as its 64-bit hash (see corpus.h).
using HashedTokens = BasicTokenStream<std::uint64_t>;

}  // namespace w2v
