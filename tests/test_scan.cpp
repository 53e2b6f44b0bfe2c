#include <doctest/doctest.h>

#include <map>
#include <random>

#include "test_util.h"
#include "w2v/base/error.h"
#include "w2v/text/corpus.h"
#include "w2v/text/count_runs.h"
#include "w2v/text/text_reader.h"

using namespace w2v;

TEST_SUITE_BEGIN("unit");

namespace {

// Text with a Zipf-like vocabulary in the given layout, with a long word and
// an invalid UTF-8 word late in the file.
std::string layout_text(const std::string& layout, unsigned seed, int words) {
  std::mt19937 rng(seed);
  std::string text;
  for (int i = 0; i < words; ++i) {
    const unsigned r = rng() % 1000;
    text += "w" + std::to_string(r * r / 1000);  // small ids are frequent
    if (i == words * 3 / 4) text += " " + std::string(130, 'x') + " bad\xff";
    const bool newline = layout == "lines" ? rng() % 9 == 0 : layout == "empty lines" ? rng() % 3 == 0 : false;
    text += newline ? (layout == "empty lines" ? "\n\n \n" : "\n") : (rng() % 7 == 0 ? " \t " : " ");
  }
  if (layout == "no final newline") text.pop_back();
  if (layout == "lines") text.back() = '\n';
  return text;
}

void check_same_scan(const ScannedCorpus& a, const ScannedCorpus& b) {
  CHECK(a.counts.words == b.counts.words);
  CHECK(a.counts.counts == b.counts.counts);
  CHECK(a.tokens == b.tokens);
  CHECK(a.lines == b.lines);
  CHECK(a.truncated_words == b.truncated_words);
  CHECK(a.invalid_utf8_words == b.invalid_utf8_words);
  CHECK(a.first_invalid_utf8_line == b.first_invalid_utf8_line);
}

}  // namespace

TEST_CASE("corpus scan: pieces read in parallel give the words, counts, ties and tokens of one thread") {
  test::TempDir dir;
  for (const char* layout : {"lines", "one line", "empty lines", "no final newline"}) {
    CAPTURE(layout);
    test::write_file(dir.file("c.txt"), layout_text(layout, 11, 20000));
    ScanOptions one;
    one.threads = 1;
    const ScannedCorpus sequential = scan_corpus(dir.file("c.txt"), one);
    REQUIRE(sequential.pieces.size() == 1);
    CHECK(sequential.truncated_words == 1);
    CHECK(sequential.invalid_utf8_words == 1);
    const Vocabulary vocabulary(sequential.counts, 1, 0);
    const std::vector<std::uint32_t> expected = test::token_entries(encode_corpus(sequential, vocabulary));
    for (int threads : {2, 3, 8}) {
      CAPTURE(threads);
      ScanOptions options;
      options.threads = threads;
      const ScannedCorpus parallel = scan_corpus(dir.file("c.txt"), options);
      CHECK(parallel.pieces.size() == static_cast<std::size_t>(threads));
      check_same_scan(sequential, parallel);
      CHECK(test::token_entries(encode_corpus(parallel, vocabulary)) == expected);
      // A vocabulary pass: the same counts, and no tokens kept.
      options.keep_tokens = false;
      const ScannedCorpus counted = scan_corpus(dir.file("c.txt"), options);
      CHECK(counted.pieces.empty());
      check_same_scan(sequential, counted);
    }
  }
}

TEST_CASE("corpus scan: pieces start at a word") {
  test::TempDir dir;
  const std::string text = "alpha  beta\ngamma\n\n  delta epsilon\n";
  test::write_file(dir.file("c.txt"), text);
  REQUIRE(plain_file_size(dir.file("c.txt")) == text.size());
  const std::vector<std::uint64_t> cuts = split_into_pieces(dir.file("c.txt"), {0, text.size()}, 4);
  REQUIRE(cuts.size() == 5);
  CHECK(cuts.front() == 0);
  CHECK(cuts.back() == text.size());
  for (std::size_t i = 1; i + 1 < cuts.size(); ++i) {
    CAPTURE(cuts[i]);
    CHECK(cuts[i] >= cuts[i - 1]);
    CHECK((cuts[i] == text.size() || (std::isspace(text[cuts[i] - 1]) && !std::isspace(text[cuts[i]]))));
  }
  CHECK_FALSE(plain_file_size("-"));
}

TEST_CASE("corpus scan: a tiny budget spills to disk and the counts stay exact") {
  test::TempDir dir;
  // 60000 distinct words (about 3 MB of table) through 1 MB tables.
  std::mt19937 rng(3);
  std::string text;
  std::map<std::string, std::uint64_t> exact;
  std::vector<std::string> order;  // first appearance
  for (int i = 0; i < 200000; ++i) {
    const unsigned r = rng() % 60000;
    const std::string word = "word" + std::to_string(r % 7 == 0 ? r % 50 : r);
    if (exact[word]++ == 0) order.push_back(word);
    text += word + (i % 20 == 19 ? "\n" : " ");
  }
  test::write_file(dir.file("c.txt"), text);
  WordCounts expected;
  for (const std::string& word : order) {
    expected.words.push_back(word);
    expected.counts.push_back(exact[word]);
  }
  for (int threads : {1, 2}) {
    CAPTURE(threads);
    ScanOptions options;
    options.threads = threads;
    options.memory = 1 << 20;
    const ScannedCorpus corpus = scan_corpus(dir.file("c.txt"), options);
    CHECK(corpus.spills >= 3);
    CHECK(corpus.counts.words == expected.words);
    CHECK(corpus.counts.counts == expected.counts);
    // Pruned while merging: the same vocabulary as from the exact counts.
    options.min_count = 3;
    options.max_vocab = 1000;
    const ScannedCorpus pruned = scan_corpus(dir.file("c.txt"), options);
    CHECK(pruned.counts.words.size() == 1000);
    CHECK(Vocabulary(pruned.counts, 3, 1000).words() == Vocabulary(expected, 3, 1000).words());
  }
}

TEST_CASE("corpus scan: two words with one hash are flagged, and a vocabulary holding one is refused") {
  const auto run_of = [](std::vector<CountedWord> words) {
    std::string bytes;
    for (const CountedWord& w : words) append_record(bytes, w);
    return std::make_unique<MemoryRun>(bytes);
  };
  std::vector<std::unique_ptr<CountRun>> runs;
  runs.push_back(run_of({{5, 0, 2, "a"}, {7, 3, 1, "c"}, {9, 4, 1, "d"}}));
  runs.push_back(run_of({{5, 1, 1, "a"}, {7, 2, 4, "b"}}));
  CountMerge merge(std::move(runs), 0);
  std::vector<std::string> words, flagged;
  std::vector<std::uint64_t> counts, firsts;
  for (CountedWord w; merge.next(w);) {
    words.push_back(w.word);
    counts.push_back(w.count);
    firsts.push_back(w.first);
    if (w.shares_hash) flagged.push_back(w.word);
  }
  CHECK(words == std::vector<std::string>{"a", "b", "c", "d"});
  CHECK(counts == std::vector<std::uint64_t>{3, 4, 1, 1});
  CHECK(firsts == std::vector<std::uint64_t>{0, 2, 3, 4});
  CHECK(flagged == std::vector<std::string>{"b", "c"});

  test::TempDir dir;
  test::write_file(dir.file("c.txt"), "a b a\n");
  ScannedCorpus corpus = scan_corpus(dir.file("c.txt"));
  corpus.shared_hashes = {token_hash("b")};  // as if another word of the corpus had b's hash
  CHECK(test::error_of([&] { encode_corpus(corpus, Vocabulary(corpus.counts, 1, 0)); }) ==
        dir.file("c.txt") +
            ": the word 'b' has the same 64-bit hash as another word of the corpus; the two cannot be told apart in "
            "training");
  CHECK(encode_corpus(corpus, Vocabulary(corpus.counts, 2, 0)).tokens() == 2);  // without b
}

TEST_SUITE_END();
