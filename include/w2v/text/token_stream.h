#pragma once
#include <cstdint>
#include <utility>
#include <vector>

namespace w2v {

// The corpus as word ids in an anonymous temporary file (under $TMPDIR),
// written once while the text is read and then re-read by every epoch: later
// epochs never parse text again, and memory does not grow with the corpus.
// Each entry is a uint32 word id or kEndOfSentence.
class TokenStream {
 public:
  static constexpr std::uint32_t kEndOfSentence = 0xFFFFFFFFu;

  TokenStream();
  ~TokenStream();
  TokenStream(TokenStream&& other) noexcept;
  TokenStream& operator=(TokenStream&& other) noexcept;
  TokenStream(const TokenStream&) = delete;
  TokenStream& operator=(const TokenStream&) = delete;

  void push_token(std::uint32_t id);
  // Ends the current sentence; does nothing if it has no token.
  void end_sentence();
  // Flushes what is buffered; call once, after the last push.
  void finish();

  std::uint64_t entries() const { return entries_; }
  std::uint64_t tokens() const { return tokens_; }
  // CRC-32 (zlib's) of the entries written so far, as little-endian uint32s:
  // with entries(), it tells whether two streams hold the same corpus.
  std::uint32_t checksum() const { return checksum_; }

  // A copy in which each id i becomes new_id[i]; ids mapped to a negative
  // value are dropped, and so are the sentences left empty.
  TokenStream remap(const std::vector<std::int32_t>& new_id) const;

  // Entry range [begin, end) of part `part` of `parts` nearly equal parts.
  std::pair<std::uint64_t, std::uint64_t> part(int part, int parts) const { return part_of(entries_, part, parts); }
  // The same for a stream of `entries` entries.
  static std::pair<std::uint64_t, std::uint64_t> part_of(std::uint64_t entries, int part, int parts);

  // Reads the sentences of an entry range; a range boundary inside a
  // sentence splits it there, so each token is read by exactly one range.
  class Reader {
   public:
    Reader(const TokenStream& stream, std::uint64_t begin, std::uint64_t end);
    // Fills `sentence` with the next sentence, at most `max_length` tokens
    // (a longer one continues in the next call). False at the end of range.
    bool next_sentence(std::vector<std::int32_t>& sentence, std::size_t max_length);
    // The next raw entry (a word id or kEndOfSentence). False at the end of range.
    bool next_entry(std::uint32_t& entry);
    // The index of the entry the next call reads: a Reader made from here
    // returns the same sentences this one would.
    std::uint64_t position() const { return next_ - (buffer_.size() - pos_); }

   private:
    bool refill();

    int fd_;
    std::uint64_t next_;  // next entry to load from the file
    std::uint64_t end_;
    std::vector<std::uint32_t> buffer_;
    std::size_t pos_ = 0;
  };

 private:
  void flush();

  int fd_ = -1;
  std::vector<std::uint32_t> pending_;
  std::uint64_t entries_ = 0;
  std::uint64_t tokens_ = 0;
  std::uint32_t checksum_ = 0;
  bool sentence_open_ = false;
};

}  // namespace w2v
