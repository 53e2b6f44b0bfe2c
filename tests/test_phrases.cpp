#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gensim_runner.h"
#include "test_util.h"
#include "w2v/text/pair_counts.h"
#include "w2v/text/phrases.h"

using namespace w2v;

TEST_SUITE_BEGIN("unit");

namespace {

test::CommandResult phrases(const std::string& arguments, const test::TempDir& dir) {
  return test::run(test::w2v_binary() + " phrases " + arguments, dir);
}

// A corpus of filler words drawn with Zipf frequencies, with collocations
// planted in it: "new york" (a third of the time "new york city"), "united
// states" and "los angeles" within lines, a few in a thousand words each;
// "new", "york" and "city" also alone. "san" ends a line and "diego" starts the next one again and again:
// a pair across lines, which must never be joined. `filler` distinct filler
// words; more of them, more distinct pairs.
std::string planted_corpus(unsigned seed, std::size_t lines, std::size_t filler) {
  std::mt19937 random(seed);
  std::vector<double> weights;
  for (std::size_t r = 0; r < filler; ++r) weights.push_back(1.0 / static_cast<double>(r + 1));
  std::discrete_distribution<std::size_t> word(weights.begin(), weights.end());
  std::uniform_int_distribution<int> length(4, 20), per_mille(0, 999);
  std::ostringstream text;
  for (std::size_t line = 0; line < lines; ++line) {
    if (line % 7 == 1) text << "diego ";
    const int words = length(random);
    for (int i = 0; i < words; ++i) {
      const int roll = per_mille(random);
      if (roll < 3) {
        text << (roll == 0 ? "new york city " : "new york ");
      } else if (roll < 5) {
        text << "united states ";
      } else if (roll < 7) {
        text << "los angeles ";
      } else if (roll < 8) {
        text << (i % 3 == 0 ? "new " : i % 3 == 1 ? "york " : "city ");
      } else {
        text << "w" << word(random) << " ";
      }
    }
    text << (line % 7 == 0 ? "san\n" : "\n");
  }
  return text.str();
}

// The phrases of a --save-phrases file.
std::set<std::string> phrase_set(const std::string& path) {
  std::istringstream lines(test::read_file(path));
  std::set<std::string> phrases;
  for (std::string line; std::getline(lines, line);) phrases.insert(line.substr(0, line.find(' ')));
  return phrases;
}

// The text with every phrase split again, and runs of blanks made single.
std::string unjoined(std::string text) {
  for (char& c : text) c = c == '_' ? ' ' : c;
  std::istringstream lines(text);
  std::string result;
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string joined;
    for (std::string word; words >> word;) joined += (joined.empty() ? "" : " ") + word;
    if (!joined.empty()) result += joined + "\n";
  }
  return result;
}

}  // namespace

TEST_CASE("pair counts: exact until the budget is full, then the rarest pairs are dropped") {
  PairCounts exact(1 << 24);
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint64_t> reference;
  std::mt19937 random(1);
  std::uniform_int_distribution<std::uint32_t> id(0, 999);
  for (int i = 0; i < 300000; ++i) {
    const std::uint32_t a = id(random), b = id(random) % (a + 1);  // skewed: some pairs often, most rarely
    exact.add(a, b);
    ++reference[{a, b}];
  }
  CHECK(exact.pruned_at_most() == 0);
  CHECK(exact.size() == reference.size());
  CHECK(exact.size() > PairCounts::kMinSlots);  // the table grew
  for (const auto& [pair, count] : reference) CHECK(exact.count(pair.first, pair.second) == count);
  CHECK(exact.count(5, 999) == 0);

  // In the smallest budget, the same pairs overflow it; frequent pairs, added
  // first, survive every pruning with exact counts.
  PairCounts bounded(PairCounts::kMinSlots * PairCounts::kSlotBytes);
  for (std::uint32_t frequent = 0; frequent < 10; ++frequent) {
    for (int i = 0; i < 1000; ++i) bounded.add(frequent, 7);
  }
  for (const auto& [pair, count] : reference) {
    for (std::uint64_t c = 0; c < count; ++c) bounded.add(pair.first, pair.second + 1000);
  }
  CHECK(bounded.pruned_at_most() > 0);
  CHECK(bounded.size() <= bounded.max_pairs());
  for (std::uint32_t frequent = 0; frequent < 10; ++frequent) CHECK(bounded.count(frequent, 7) == 1000);
  std::size_t found = 10;
  for (const auto& [pair, count] : reference) {
    const std::uint64_t kept = bounded.count(pair.first, pair.second + 1000);
    CHECK(kept <= count);
    found += kept > 0;
  }
  CHECK(found == bounded.size());  // every pair kept is still reachable
  CHECK_THROWS_AS(PairCounts(1000), Error);
}

TEST_CASE("w2v phrases: joins exactly the planted collocations, never across lines" * doctest::test_suite("cli")) {
  const test::TempDir dir;
  const std::string corpus = planted_corpus(1, 3000, 400);
  test::write_file(dir.file("corpus.txt"), corpus);
  const auto one = phrases("--input " + dir.file("corpus.txt") + " --output " + dir.file("out.txt") +
                               " --save-phrases " + dir.file("phrases.txt") + " --quiet",
                           dir);
  CHECK(one.exit_code == 0);
  CHECK(one.errors.empty());
  CHECK(phrase_set(dir.file("phrases.txt")) == std::set<std::string>{"los_angeles", "new_york", "united_states"});
  const std::string out = test::read_file(dir.file("out.txt"));
  CHECK(unjoined(out) == unjoined(corpus));  // only joins; the lines are kept
  CHECK(out.find("san_diego") == std::string::npos);
  CHECK(out.find(" new york ") == std::string::npos);

  // A second pass joins new_york with city.
  const auto two = phrases("--input " + dir.file("corpus.txt") + " --output " + dir.file("out2.txt") +
                               " --passes 2 --save-phrases " + dir.file("phrases2.txt"),
                           dir);
  CHECK(two.exit_code == 0);
  CHECK(phrase_set(dir.file("phrases2.txt")) ==
        std::set<std::string>{"los_angeles", "new_york", "new_york_city", "united_states"});
  CHECK(unjoined(test::read_file(dir.file("out2.txt"))) == unjoined(corpus));
  // Progress on stderr: the corpus, each pass, the result.
  CHECK(two.errors.find(dir.file("corpus.txt") + ": ") != std::string::npos);
  CHECK(two.errors.find("pass 1 (threshold 100): ") != std::string::npos);
  CHECK(two.errors.find("pass 2 (threshold 100): ") != std::string::npos);
  CHECK(two.errors.find("w2v phrases: wrote ") != std::string::npos);

  // The phrases file: phrase, times joined, score; most joined first.
  std::istringstream lines(test::read_file(dir.file("phrases2.txt")));
  std::string phrase;
  std::uint64_t joined = 0, previous = ~std::uint64_t{0};
  double score = 0;
  std::size_t new_york_city = 0;
  for (std::string line; std::getline(lines, line);) {
    std::istringstream fields(line);
    fields >> phrase >> joined >> score;
    REQUIRE_FALSE(fields.fail());
    CHECK(score > 100);
    if (phrase == "new_york_city") {
      new_york_city = joined;
    } else {
      CHECK(joined <= previous);  // the first pass's phrases, most joined first
      previous = joined;
    }
  }
  std::size_t planted = 0;
  for (std::size_t at = corpus.find("new york city"); at != std::string::npos; at = corpus.find("new york city", at + 1)) {
    ++planted;
  }
  CHECK(new_york_city >= planted);
}

TEST_CASE("w2v phrases: stdin to stdout, a high threshold joins only the strongest" * doctest::test_suite("cli")) {
  const test::TempDir dir;
  const std::string corpus = planted_corpus(2, 2000, 300);
  test::write_file(dir.file("corpus.txt"), corpus);
  test::write_file(dir.file("corpus.gz"), test::gzip(corpus));
  const auto file = phrases("--input " + dir.file("corpus.gz") + " --output " + dir.file("out.txt") + " --quiet", dir);
  REQUIRE(file.exit_code == 0);
  const auto piped = test::run("cat " + dir.file("corpus.txt") + " | " + test::w2v_binary() +
                                   " phrases --input - --output - --quiet",
                               dir);
  CHECK(piped.exit_code == 0);
  CHECK(piped.output == test::read_file(dir.file("out.txt")));
  // united states and los angeles are rarer than new york, so they score higher.
  const auto strict = phrases("--input " + dir.file("corpus.txt") + " --output - --quiet --threshold 1e9", dir);
  CHECK(strict.exit_code == 0);
  CHECK(strict.output == unjoined(corpus));
  // NPMI's default threshold suits its range.
  const auto npmi = phrases("--input " + dir.file("corpus.txt") + " --output - --scoring npmi", dir);
  CHECK(npmi.exit_code == 0);
  CHECK(npmi.errors.find("pass 1 (threshold 0.5): ") != std::string::npos);
  CHECK(npmi.output.find("united_states") != std::string::npos);
}

TEST_CASE("w2v phrases: the same corpus as gensim's Phrases, word2vec and npmi scoring, two passes" * doctest::test_suite("slow")) {
  if (!test::gensim_available()) {
    MESSAGE("skipped: gensim is not importable by /usr/bin/python3");
    return;
  }
  const test::TempDir dir;
  // Few filler words: many of their pairs pass min-count, and the low thresholds
  // put some of them near the line.
  test::write_file(dir.file("corpus.txt"), planted_corpus(3, 3000, 60));
  // Each run: scoring, thresholds (one per pass), min-count.
  const std::vector<std::string> runs{"word2vec 1.1,1 5", "word2vec 100,100 3", "npmi 0.03,0.01 5", "npmi -0.2,0.6 2"};
  const char* const script = R"(
import sys
from gensim.models.phrases import Phrases
def word2phrase(worda_count, wordb_count, bigram_count, len_vocab, min_count, corpus_word_count):
    return (bigram_count - min_count) / float(worda_count * wordb_count) * corpus_word_count
path, runs = sys.argv[1], sys.argv[2:]
corpus = [line.split() for line in open(path, encoding='utf8')]
corpus = [s for s in corpus if s]
for i in range(0, len(runs), 3):
    scoring, thresholds, min_count = runs[i], runs[i + 1], int(runs[i + 2])
    sentences = corpus
    for threshold in thresholds.split(','):
        model = Phrases(sentences, min_count=min_count, threshold=float(threshold),
                        scoring=word2phrase if scoring == 'word2vec' else 'npmi')
        sentences = [model[s] for s in sentences]
    for s in sentences:
        print(' '.join(s))
    print('=====')
)";
  std::string arguments = dir.file("corpus.txt");
  for (const std::string& run : runs) arguments += " " + run;
  std::istringstream gensim(test::run_python(script, arguments, dir));
  for (const std::string& run : runs) {
    CAPTURE(run);
    std::istringstream fields(run);
    std::string scoring, thresholds, min_count;
    fields >> scoring >> thresholds >> min_count;
    const auto ours = phrases("--input " + dir.file("corpus.txt") + " --output - --quiet --scoring " + scoring +
                                  " --threshold " + thresholds + " --min-count " + min_count,
                              dir);
    REQUIRE(ours.exit_code == 0);
    std::string theirs;
    for (std::string line; std::getline(gensim, line) && line != "=====";) theirs += line + "\n";
    CHECK(ours.output.find('_') != std::string::npos);
    CHECK(ours.output == theirs);
  }
}

TEST_CASE("w2v phrases: a full pair table drops rare pairs with a warning and still finds the phrases" * doctest::test_suite("cli")) {
  const test::TempDir dir;
  // 20000 filler words: more distinct pairs than 1 MiB holds.
  const std::string corpus = planted_corpus(4, 8000, 20000);
  test::write_file(dir.file("corpus.txt"), corpus);
  const auto result = phrases("--input " + dir.file("corpus.txt") + " --output " + dir.file("out.txt") +
                                  " --pair-memory 1 --quiet --save-phrases " + dir.file("phrases.txt"),
                              dir);
  CHECK(result.exit_code == 0);
  CHECK(result.errors.starts_with("w2v phrases: warning: pass 1: the pair table filled --pair-memory, so pairs seen "));
  CHECK(phrase_set(dir.file("phrases.txt")) == std::set<std::string>{"los_angeles", "new_york", "united_states"});
  CHECK(unjoined(test::read_file(dir.file("out.txt"))) == unjoined(corpus));
}

TEST_CASE("w2v phrases: bad options and inputs fail with one line and write nothing" * doctest::test_suite("cli")) {
  const test::TempDir dir;
  test::write_file(dir.file("corpus.txt"), planted_corpus(5, 50, 20));
  test::write_file(dir.file("empty.txt"), " \n\n");
  test::write_file(dir.file("binary.bin"), std::string("ab\0cd", 5));
  const std::string in = " --input " + dir.file("corpus.txt");
  const std::string out = dir.file("out.txt");
  const auto expect_error = [&](const std::string& arguments, const std::string& message) {
    CAPTURE(arguments);
    const auto result = phrases(arguments, dir);
    CHECK(result.exit_code == 1);
    CHECK(result.errors == "w2v phrases: error: " + message + "\n");
    CHECK_FALSE(std::filesystem::exists(out));
  };
  expect_error("--output " + out, "--input is required");
  expect_error(in, "--output is required");
  expect_error(in + " --output " + out + " extra", "unexpected argument 'extra'");
  expect_error(in + " --output " + out + " --scoring pmi", "--scoring: expected 'word2vec' or 'npmi', got 'pmi'");
  expect_error(in + " --output " + out + " --threshold 0", "--threshold: must be above 0 for --scoring word2vec");
  expect_error(in + " --output " + out + " --scoring npmi --threshold 1.5",
               "--threshold: must be within [-1, 1] for --scoring npmi");
  expect_error(in + " --output " + out + " --threshold ten", "--threshold: invalid value 'ten'");
  expect_error(in + " --output " + out + " --threshold 200,", "--threshold: invalid value '200,'");
  expect_error(in + " --output " + out + " --threshold 200,,100", "--threshold: invalid value '200,,100'");
  expect_error(in + " --output " + out + " --threshold 200,100 --passes 1", "--threshold: 2 thresholds for 1 passes");
  expect_error(in + " --output " + out + " --passes 0", "--passes: must be at least 1");
  expect_error(in + " --output " + out + " --min-count 0", "--min-count: must be at least 1");
  expect_error(in + " --output " + out + " --pair-memory 0", "--pair-memory: must be at least 1");
  expect_error("--input " + dir.file("absent.txt") + " --output " + out,
               dir.file("absent.txt") + ": cannot open: No such file or directory");
  expect_error("--input " + dir.file("empty.txt") + " --output " + out,
               dir.file("empty.txt") + ": the corpus is empty (no words)");
  expect_error("--input " + dir.file("binary.bin") + " --output " + out,
               dir.file("binary.bin") + ": binary data (a NUL byte) at byte 2: not a text corpus");
  expect_error(in + " --output " + dir.file("no/dir/out.txt"),
               dir.file("no/dir/out.txt") + ": cannot create file: No such file or directory");
  CHECK(dir.entries() == 3);  // no temporary file left behind
}

TEST_SUITE_END();
