#include "w2v/text/phrases.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <unordered_map>

#include "w2v/base/error.h"
#include "w2v/text/pair_counts.h"

namespace w2v {
namespace {

constexpr std::uint32_t kEnd = TokenStream::kEndOfSentence;
constexpr char kDelimiter = '_';

double pair_score(PhraseScoring scoring, std::uint64_t a, std::uint64_t b, std::uint64_t ab, std::uint64_t min_count,
                  double words) {
  if (scoring == PhraseScoring::word2vec) {
    return static_cast<double>(ab - min_count) / static_cast<double>(a * b) * words;
  }
  // A pair occurs at most N - 1 times, so p(a b) < 1 and -ln p(a b) > 0.
  const double pa = static_cast<double>(a) / words, pb = static_cast<double>(b) / words;
  const double pab = static_cast<double>(ab) / words;
  return std::log(pab / (pa * pb)) / -std::log(pab);
}

}  // namespace

void check_phrase_threshold(PhraseScoring scoring, double threshold) {
  if (scoring == PhraseScoring::word2vec && !(threshold > 0)) {
    throw Error("--threshold: must be above 0 for --scoring word2vec");
  }
  if (scoring == PhraseScoring::npmi && !(threshold >= -1 && threshold <= 1)) {
    throw Error("--threshold: must be within [-1, 1] for --scoring npmi");
  }
}

PhraseCorpus::PhraseCorpus(const ScannedCorpus& corpus) : tokens_(encode_words(corpus, corpus.counts.words)) {
  for (const std::string& word : corpus.counts.words) words_.insert(word);
}

PhrasePass PhraseCorpus::join_pass(const PhraseOptions& options, double threshold) {
  check_phrase_threshold(options.scoring, threshold);
  if (options.min_count < 1) throw Error("--min-count: must be at least 1");
  const auto start = std::chrono::steady_clock::now();
  PhrasePass pass;
  pass.threshold = threshold;
  pass.words = tokens_.tokens();

  // Count words and the pairs within lines.
  std::vector<std::uint64_t> counts(words_.size(), 0);
  PairCounts pairs(options.pair_memory_bytes);
  {
    TokenStream::Reader reader(tokens_, 0, tokens_.entries());
    std::uint32_t previous = kEnd;
    for (std::uint32_t entry; reader.next_entry(entry); previous = entry) {
      if (entry == kEnd) continue;
      ++counts[entry];
      if (previous != kEnd) pairs.add(previous, entry);
    }
  }
  pass.distinct_words =
      static_cast<std::uint64_t>(std::count_if(counts.begin(), counts.end(), [](std::uint64_t c) { return c > 0; }));
  pass.distinct_pairs = pairs.size();
  pass.pruned_at_most = pairs.pruned_at_most();

  // Join from the left: `pending` is the word waiting to see whether it
  // starts a phrase with the next one.
  const double words = static_cast<double>(pass.words);
  std::unordered_map<std::uint64_t, std::size_t> phrase_of_pair;  // index into pass.phrases
  std::vector<std::uint32_t> phrase_ids;
  TokenStream joined;
  TokenStream::Reader reader(tokens_, 0, tokens_.entries());
  std::uint32_t pending = kEnd;
  for (std::uint32_t entry; reader.next_entry(entry);) {
    if (entry == kEnd) {
      if (pending != kEnd) joined.push_token(pending);
      pending = kEnd;
      joined.end_sentence();
      continue;
    }
    if (pending != kEnd) {
      const std::uint64_t together = pairs.count(pending, entry);
      if (together >= options.min_count) {
        const double score =
            pair_score(options.scoring, counts[pending], counts[entry], together, options.min_count, words);
        if (score > threshold) {
          const std::uint64_t key = std::uint64_t{pending} << 32 | entry;
          auto [found, added] = phrase_of_pair.try_emplace(key, pass.phrases.size());
          if (added) {
            std::string text = words_.word(static_cast<std::int32_t>(pending)) + kDelimiter +
                               words_.word(static_cast<std::int32_t>(entry));
            phrase_ids.push_back(static_cast<std::uint32_t>(words_.insert(text)));
            pass.phrases.push_back({std::move(text), together, 0, score});
          }
          ++pass.phrases[found->second].joined;
          joined.push_token(phrase_ids[found->second]);
          ++pass.joins;
          pending = kEnd;
          continue;
        }
      }
      joined.push_token(pending);
    }
    pending = entry;
  }
  if (pending != kEnd) joined.push_token(pending);
  joined.finish();
  tokens_ = std::move(joined);

  std::sort(pass.phrases.begin(), pass.phrases.end(), [](const Phrase& a, const Phrase& b) {
    return a.joined != b.joined ? a.joined > b.joined : a.text < b.text;
  });
  pass.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return pass;
}

void PhraseCorpus::write(std::FILE* out) const {
  TokenStream::Reader reader(tokens_, 0, tokens_.entries());
  bool line_start = true;
  for (std::uint32_t entry; reader.next_entry(entry);) {
    if (entry == kEnd) {
      std::fputc('\n', out);
      line_start = true;
      continue;
    }
    if (!line_start) std::fputc(' ', out);
    const std::string& word = words_.word(static_cast<std::int32_t>(entry));
    std::fwrite(word.data(), 1, word.size(), out);
    line_start = false;
  }
}

}  // namespace w2v
