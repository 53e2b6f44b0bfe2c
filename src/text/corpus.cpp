#include "w2v/text/corpus.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstring>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>

#include "w2v/base/error.h"
#include "w2v/text/count_runs.h"
#include "w2v/text/text_reader.h"
#include "w2v/text/word_counter.h"

namespace w2v {
namespace {

// A word's position is its piece's number in the top bits and its index in
// the piece below: positions order words as the corpus does, and each piece
// numbers its words without knowing how many came before it.
constexpr int kPieceShift = 40;

// What a source's pieces report, added up in corpus order.
struct SourceTotals {
  std::uint64_t tokens = 0;
  std::uint64_t lines = 0;
  std::uint64_t truncated_words = 0;
  std::uint64_t invalid_utf8_words = 0;
  std::uint64_t first_invalid_utf8_line = 0;  // counted from the piece's first line

  static SourceTotals of(const WordSource& source, std::uint64_t tokens) {
    return {tokens, source.lines(), source.truncated_words(), source.invalid_utf8_words(),
            source.first_invalid_utf8_line()};
  }
  // Appends the next piece of the corpus: its line numbers continue ours.
  void add(const SourceTotals& next) {
    if (invalid_utf8_words == 0 && next.invalid_utf8_words > 0) {
      first_invalid_utf8_line = lines + next.first_invalid_utf8_line;
    }
    tokens += next.tokens;
    lines += next.lines;
    truncated_words += next.truncated_words;
    invalid_utf8_words += next.invalid_utf8_words;
  }
};

// The words a scan has read but not yet counted, so that each word's table
// lookup can be fetched into the cache while the words before it are counted:
// with hundreds of thousands of distinct words the table outgrows the caches,
// and a lookup that waits for memory three times over (slot, entry, bytes)
// was half the scan (perf, wiki17m).
class CountAhead {
 public:
  explicit CountAhead(WordCounter& counter) : counter_(counter) {}

  void add(std::string_view word, std::uint64_t hash, std::uint64_t position) {
    Pending& slot = pending_[next_ % kAhead];
    if (next_ >= kAhead) counter_.add({slot.bytes.data(), slot.length}, slot.hash, slot.position);
    std::copy(word.begin(), word.end(), slot.bytes.begin());
    slot.length = word.size();
    slot.hash = hash;
    slot.position = position;
    counter_.prefetch_slot(hash);
    if (next_ >= kAhead / 2) counter_.prefetch_entry(pending_[(next_ - kAhead / 2) % kAhead].hash);
    ++next_;
  }
  void finish() {
    for (std::size_t i = next_ > kAhead ? next_ - kAhead : 0; i < next_; ++i) {
      const Pending& slot = pending_[i % kAhead];
      counter_.add({slot.bytes.data(), slot.length}, slot.hash, slot.position);
    }
    next_ = 0;
  }

 private:
  static constexpr std::size_t kAhead = 16;
  struct Pending {
    std::array<char, WordSource::kMaxWordBytes> bytes;
    std::size_t length;
    std::uint64_t hash;
    std::uint64_t position;
  };
  WordCounter& counter_;
  std::array<Pending, kAhead> pending_;
  std::size_t next_ = 0;
};

// Reads one piece of the corpus: counts its words and writes their hashes.
// The last piece ends its last sentence; the others leave it to the next.
SourceTotals scan_piece(WordSource& source, std::uint64_t piece, bool last, WordCounter& counter, HashedTokens* tokens,
                        const std::function<void()>& report) {
  const std::uint64_t base = piece << kPieceShift;
  std::uint64_t index = 0;
  std::string_view word;
  CountAhead ahead(counter);
  for (;;) {
    const WordSource::Token token = source.next(word);
    if (token == WordSource::Token::kEnd) break;
    if (token == WordSource::Token::kEndOfLine) {
      if (tokens) tokens->end_sentence();
      continue;
    }
    const std::uint64_t hash = token_hash(word);
    ahead.add(word, hash, base + index);
    if (tokens) tokens->push_token(hash);
    if (++index % kScanReportWords == 0 && report) report();
  }
  ahead.finish();
  if (tokens && last) {
    tokens->finish();
  } else if (tokens) {
    tokens->flush();
  }
  return SourceTotals::of(source, index);
}

// Keeps the words that can make the vocabulary as the merged counts stream
// by: those of at least min_count and, with max_vocab, the max_vocab best in
// Vocabulary's order (more frequent first, then earlier), in a heap whose
// top is the worst kept.
class CandidateSelection {
 public:
  CandidateSelection(std::uint64_t min_count, std::uint64_t max_vocab) : min_count_(min_count), max_vocab_(max_vocab) {}

  void offer(CountedWord& word) {
    if (word.shares_hash && (shared_.empty() || shared_.back() != word.hash)) shared_.push_back(word.hash);
    if (word.count < min_count_) return;
    if (max_vocab_ > 0 && kept_.size() == max_vocab_) {
      if (!better(word, kept_.front())) return;
      std::pop_heap(kept_.begin(), kept_.end(), better);
      kept_.back() = std::move(word);
      std::push_heap(kept_.begin(), kept_.end(), better);
      return;
    }
    kept_.push_back(std::move(word));
    if (max_vocab_ > 0) std::push_heap(kept_.begin(), kept_.end(), better);
  }
  void offer_all(CountMerge& merge) {
    for (CountedWord word; merge.next(word);) offer(word);
  }

  std::vector<CountedWord>& kept() { return kept_; }
  std::vector<std::uint64_t>& shared_hashes() { return shared_; }

 private:
  static bool better(const CountedWord& a, const CountedWord& b) {
    return a.count != b.count ? a.count > b.count : a.first < b.first;
  }

  std::uint64_t min_count_, max_vocab_;
  std::vector<CountedWord> kept_;
  std::vector<std::uint64_t> shared_;
};

std::string bytes_of(std::span<const std::uint64_t> values) {
  return {reinterpret_cast<const char*>(values.data()), values.size_bytes()};
}

std::vector<std::uint64_t> values_of(const std::string& bytes) {
  std::vector<std::uint64_t> values(bytes.size() / sizeof(std::uint64_t));
  if (!values.empty()) std::memcpy(values.data(), bytes.data(), values.size() * sizeof(std::uint64_t));
  return values;
}

// Adds up the counts of every process, with memory bounded by `memory`:
// in rounds, each over the next stretch of hash values, every process sends
// each word to the process that owns its hash (the stretch cut into equal
// parts), which merges what it receives and selects candidates. The
// candidates of all processes are then gathered everywhere.
void add_up_counts(CountMerge& local, ProcessGroup& group, std::uint64_t memory, CandidateSelection& selection) {
  const auto processes = static_cast<std::uint64_t>(group.size());
  const std::size_t round_bytes = static_cast<std::size_t>(std::max<std::uint64_t>(memory / 4, 1 << 20));
  std::uint64_t from = 0;  // the round's first hash
  std::vector<CountedWord> pending;  // read from `local`, not sent yet
  std::size_t pending_bytes = 0;
  CountedWord next;
  bool more = local.next(next);
  for (;;) {
    while (more && pending_bytes < round_bytes) {
      pending_bytes += next.word.size() + 32;
      pending.push_back(std::move(next));
      more = local.next(next);
    }
    // This round ends where the first process's buffer does.
    const std::uint64_t mine = more ? next.hash : std::numeric_limits<std::uint64_t>::max();
    std::uint64_t to = mine;
    for (const std::string& proposal : group.gather(bytes_of(std::span(&mine, 1)))) to = std::min(to, values_of(proposal)[0]);
    const bool last_round = to == std::numeric_limits<std::uint64_t>::max();
    // Hashes [from, to) (or [from, max] in the last round), cut into equal parts.
    const unsigned __int128 width = static_cast<unsigned __int128>(to - from) + (last_round ? 1 : 0);
    std::vector<std::string> send(static_cast<std::size_t>(processes));
    std::size_t sent = 0;
    for (; sent < pending.size() && (last_round || pending[sent].hash < to); ++sent) {
      const CountedWord& word = pending[sent];
      const auto owner = static_cast<std::size_t>(static_cast<unsigned __int128>(word.hash - from) * processes / width);
      append_record(send[owner], word);
    }
    pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(sent));
    pending_bytes = 0;
    for (const CountedWord& word : pending) pending_bytes += word.word.size() + 32;
    std::vector<std::unique_ptr<CountRun>> received;
    for (std::string& bytes : group.exchange(send)) received.push_back(std::make_unique<MemoryRun>(std::move(bytes)));
    CountMerge merge(std::move(received), 0);  // in memory: no read buffers
    selection.offer_all(merge);
    if (last_round) break;
    from = to;
  }
  // Every process's candidates and shared hashes, everywhere.
  std::string mine;
  for (const CountedWord& word : selection.kept()) append_record(mine, word);
  std::vector<CountedWord> all;
  for (std::string& bytes : group.gather(mine)) {
    MemoryRun run(std::move(bytes));
    for (CountedWord word; run.next(word);) all.push_back(std::move(word));
  }
  selection.kept() = std::move(all);
  std::vector<std::uint64_t> shared;
  for (const std::string& bytes : group.gather(bytes_of(selection.shared_hashes()))) {
    const std::vector<std::uint64_t> values = values_of(bytes);
    shared.insert(shared.end(), values.begin(), values.end());
  }
  selection.shared_hashes() = std::move(shared);
}

// Merges the pieces' counts (and those of the other processes) into the
// corpus's candidates, in order of first appearance.
void count_words(std::vector<std::unique_ptr<CountRun>> runs, const ScanOptions& options, ScannedCorpus& corpus) {
  CountMerge merge(std::move(runs), options.memory / 2);
  CandidateSelection selection(options.min_count, options.max_vocab);
  if (options.group && options.group->size() > 1) {
    add_up_counts(merge, *options.group, options.memory, selection);
  } else {
    selection.offer_all(merge);
  }
  std::vector<CountedWord>& kept = selection.kept();
  std::sort(kept.begin(), kept.end(), [](const CountedWord& a, const CountedWord& b) { return a.first < b.first; });
  corpus.counts.words.reserve(kept.size());
  corpus.counts.counts.reserve(kept.size());
  for (CountedWord& word : kept) {
    corpus.counts.words.push_back(std::move(word.word));
    corpus.counts.counts.push_back(word.count);
  }
  corpus.shared_hashes = std::move(selection.shared_hashes());
  std::sort(corpus.shared_hashes.begin(), corpus.shared_hashes.end());
}

void finish_totals(SourceTotals totals, const ScanOptions& options, ScannedCorpus& corpus) {
  if (options.group && options.group->size() > 1) {
    const std::uint64_t mine[] = {totals.tokens, totals.lines, totals.truncated_words, totals.invalid_utf8_words,
                                  totals.first_invalid_utf8_line};
    totals = {};
    for (const std::string& bytes : options.group->gather(bytes_of(mine))) {
      const std::vector<std::uint64_t> v = values_of(bytes);
      totals.add({v[0], v[1], v[2], v[3], v[4]});
    }
  }
  corpus.tokens = totals.tokens;
  corpus.lines = totals.lines;
  corpus.truncated_words = totals.truncated_words;
  corpus.invalid_utf8_words = totals.invalid_utf8_words;
  corpus.first_invalid_utf8_line = totals.first_invalid_utf8_line;
  if (corpus.tokens == 0) throw Error(corpus.path + ": the corpus is empty (no words)");
}

// Reads pieces [cuts[i], cuts[i+1]) of a plain file, one per thread.
ScannedCorpus scan_pieces(const std::string& path, const std::vector<std::uint64_t>& cuts, std::uint64_t first_piece,
                          bool ends_file, const ScanOptions& options,
                          const std::function<void(std::uint64_t words)>& reading) {
  const int pieces = static_cast<int>(cuts.size()) - 1;
  ScannedCorpus corpus;
  corpus.path = path;
  if (options.keep_tokens) corpus.pieces.resize(static_cast<std::size_t>(pieces));
  std::vector<SourceTotals> totals(static_cast<std::size_t>(pieces));
  std::vector<std::vector<std::unique_ptr<CountRun>>> runs(static_cast<std::size_t>(pieces));
  std::vector<std::size_t> spills(static_cast<std::size_t>(pieces));
  std::uint64_t words = 0;
  std::mutex reporting;
  std::atomic<bool> stop{false};
  std::exception_ptr error;
#pragma omp parallel for num_threads(pieces) schedule(static, 1)
  for (int p = 0; p < pieces; ++p) {
    const auto i = static_cast<std::size_t>(p);
    try {
      TextReader reader(path, {cuts[i], cuts[i + 1]});
      WordCounter counter(options.memory / static_cast<std::uint64_t>(pieces));
      // One thread at a time, so that `reading` sees the counts rise.
      const auto report = [&] {
        if (stop.load(std::memory_order_relaxed)) throw Error("stopped");
        const std::lock_guard lock(reporting);
        words += kScanReportWords;
        if (reading) reading(words);
      };
      HashedTokens* tokens = options.keep_tokens ? &corpus.pieces[i] : nullptr;
      totals[i] = scan_piece(reader, first_piece + i, ends_file && p == pieces - 1, counter, tokens, report);
      spills[i] = counter.spills();
      runs[i] = counter.finish();
    } catch (...) {
#pragma omp critical(w2v_scan_error)
      if (!error) error = std::current_exception();
      stop.store(true);
    }
  }
  if (error) std::rethrow_exception(error);
  SourceTotals all;
  std::vector<std::unique_ptr<CountRun>> all_runs;
  for (std::size_t i = 0; i < totals.size(); ++i) {
    all.add(totals[i]);
    corpus.spills += spills[i];
    for (auto& run : runs[i]) all_runs.push_back(std::move(run));
  }
  runs.clear();
  finish_totals(all, options, corpus);
  count_words(std::move(all_runs), options, corpus);
  return corpus;
}

}  // namespace

std::uint64_t token_hash(std::string_view word) {
  const std::uint64_t hash = hash_word(word);
  return hash == HashedTokens::kEndOfSentence ? hash - 1 : hash;
}

ScannedCorpus scan_corpus(WordSource& source, const ScanOptions& options,
                          const std::function<void(std::uint64_t words)>& reading) {
  if (options.group && options.group->size() > 1) {
    throw Error(source.name() + ": the processes of a job share only a plain text file, each reading its own part "
                "(gzip and stdin can only be read from the start): decompress it first");
  }
  ScannedCorpus corpus;
  corpus.path = source.name();
  if (options.keep_tokens) corpus.pieces.resize(1);
  WordCounter counter(options.memory);
  std::uint64_t words = 0;
  std::mutex reporting;
  const auto report = [&] { if (reading) reading(words += kScanReportWords); };
  const SourceTotals totals =
      scan_piece(source, 0, true, counter, options.keep_tokens ? &corpus.pieces[0] : nullptr, report);
  corpus.spills = counter.spills();
  finish_totals(totals, options, corpus);
  count_words(counter.finish(), options, corpus);
  return corpus;
}

ScannedCorpus scan_corpus(const std::string& path, const ScanOptions& options,
                          const std::function<void(std::uint64_t words)>& reading) {
  const std::optional<std::uint64_t> size = plain_file_size(path);
  const int processes = options.group ? options.group->size() : 1;
  if (!size || (options.threads <= 1 && processes == 1)) {
    TextReader reader(path);
    return scan_corpus(reader, options, reading);
  }
  const int threads = std::max(1, options.threads);
  // This process's share of the file, then its threads' pieces of that.
  const int rank = processes > 1 ? options.group->rank() : 0;
  const std::vector<std::uint64_t> shares = split_into_pieces(path, {0, *size}, processes);
  const auto r = static_cast<std::size_t>(rank);
  const std::vector<std::uint64_t> cuts = split_into_pieces(path, {shares[r], shares[r + 1]}, threads);
  return scan_pieces(path, cuts, static_cast<std::uint64_t>(rank) * static_cast<std::uint64_t>(threads),
                     rank == processes - 1, options, reading);
}

std::vector<std::string> scan_warnings(const ScannedCorpus& corpus) {
  std::vector<std::string> warnings;
  if (corpus.truncated_words) {
    warnings.push_back(corpus.path + ": " + std::to_string(corpus.truncated_words) + " words longer than " +
                       std::to_string(WordSource::kMaxWordBytes) + " bytes were cut");
  }
  if (corpus.invalid_utf8_words) {
    warnings.push_back(corpus.path + ": " + std::to_string(corpus.invalid_utf8_words) +
                       " words are not valid UTF-8 (first on line " + std::to_string(corpus.first_invalid_utf8_line) +
                       "); they are kept as bytes");
  }
  return warnings;
}

TokenStream encode_words(const ScannedCorpus& corpus, const std::vector<std::string>& words) {
  // Ids by token hash: open addressing, at most half full.
  const std::size_t slots = std::bit_ceil(std::max<std::size_t>(2 * words.size(), 16));
  std::vector<std::uint64_t> keys(slots, HashedTokens::kEndOfSentence);
  std::vector<std::int32_t> ids(slots, -1);
  const auto slot_of = [&](std::uint64_t hash) {
    std::size_t slot = hash & (slots - 1);
    while (keys[slot] != hash && keys[slot] != HashedTokens::kEndOfSentence) slot = (slot + 1) & (slots - 1);
    return slot;
  };
  for (std::size_t id = 0; id < words.size(); ++id) {
    const std::string& word = words[id];
    const std::uint64_t hash = token_hash(word);
    if (std::binary_search(corpus.shared_hashes.begin(), corpus.shared_hashes.end(), hash)) {
      throw Error(corpus.path + ": the word '" + word +
                  "' has the same 64-bit hash as another word of the corpus; the two cannot be told apart in training");
    }
    const std::size_t slot = slot_of(hash);
    if (keys[slot] == hash) {  // two words of a vocabulary file, neither in the corpus
      throw Error("the words '" + words[static_cast<std::size_t>(ids[slot])] + "' and '" + word +
                  "' of the vocabulary have the same 64-bit hash; the two cannot be told apart in training");
    }
    keys[slot] = hash;
    ids[slot] = static_cast<std::int32_t>(id);
  }
  TokenStream result;
  for (const HashedTokens& piece : corpus.pieces) {
    HashedTokens::Reader reader(piece, 0, piece.entries());
    // Entry by entry, not sentence by sentence: a one-line corpus is one
    // sentence of millions of words.
    for (std::uint64_t entry; reader.next_entry(entry);) {
      if (entry == HashedTokens::kEndOfSentence) {
        result.end_sentence();
      } else if (const std::int32_t id = ids[slot_of(entry)]; id >= 0) {
        result.push_token(static_cast<std::uint32_t>(id));
      }
    }
  }
  result.finish();
  return result;
}

TokenStream encode_corpus(const ScannedCorpus& corpus, const Vocabulary& vocabulary) {
  return encode_words(corpus, vocabulary.words());
}

}  // namespace w2v
