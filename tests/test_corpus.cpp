#include <doctest/doctest.h>
#include <zlib.h>

#include <random>

#include "test_util.h"
#include "w2v/text/corpus.h"
#include "w2v/base/error.h"
#include "w2v/base/utf8.h"
#include "w2v/text/text_reader.h"

using namespace w2v;

TEST_SUITE_BEGIN("unit");

namespace {

// Every token of a file as the reader sees it, with "\n" for each line end.
std::vector<std::string> tokens_of(const std::string& path) {
  TextReader reader(path);
  std::vector<std::string> tokens;
  std::string_view word;
  for (TextReader::Token t; (t = reader.next(word)) != TextReader::Token::kEnd;) {
    tokens.emplace_back(t == TextReader::Token::kWord ? std::string(word) : "\n");
  }
  return tokens;
}

}  // namespace

TEST_CASE("text reader: whitespace, lines as sentences, no final newline") {
  test::TempDir dir;
  test::write_file(dir.file("a.txt"), "  one two\tthree\r\n\n\nfour  \n five");
  using V = std::vector<std::string>;
  CHECK(tokens_of(dir.file("a.txt")) == V{"one", "two", "three", "\n", "four", "\n", "five", "\n"});
  test::write_file(dir.file("b.txt"), "x y\n");
  CHECK(tokens_of(dir.file("b.txt")) == V{"x", "y", "\n"});
  test::write_file(dir.file("empty.txt"), "");
  CHECK(tokens_of(dir.file("empty.txt")).empty());
}

TEST_CASE("text reader: gzip is recognised by content, not by name") {
  test::TempDir dir;
  const std::string text = "alpha beta\ngamma\n";
  gzFile gz = gzopen(dir.file("corpus.txt").c_str(), "wb");
  gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
  gzclose(gz);
  CHECK(test::read_file(dir.file("corpus.txt")).substr(0, 2) == "\x1f\x8b");
  CHECK(tokens_of(dir.file("corpus.txt")) == std::vector<std::string>{"alpha", "beta", "\n", "gamma", "\n"});
  // A cut-off gzip file is an error, not a silently shorter corpus.
  const std::string gz_bytes = test::read_file(dir.file("corpus.txt"));
  test::write_file(dir.file("cut.gz"), gz_bytes.substr(0, gz_bytes.size() / 2));
  CHECK(test::error_of([&] { tokens_of(dir.file("cut.gz")); }).find("cut.gz") != std::string::npos);
}

TEST_CASE("text reader: long words are cut on a UTF-8 boundary and counted") {
  test::TempDir dir;
  const std::string long_ascii(150, 'x');
  // 99 ASCII bytes then a 2-byte character: byte 100 would split it.
  const std::string straddling = std::string(99, 'y') + "\xc3\xa9" + "zz";
  test::write_file(dir.file("long.txt"), "short " + long_ascii + " " + straddling + "\n");
  TextReader reader(dir.file("long.txt"));
  std::string_view word;
  std::vector<std::string> words;
  while (reader.next(word) == TextReader::Token::kWord) words.emplace_back(word);
  REQUIRE(words.size() == 3);
  CHECK(words[1] == std::string(100, 'x'));
  CHECK(words[2] == std::string(99, 'y'));
  CHECK(reader.truncated_words() == 2);
  CHECK(is_valid_utf8(words[2]));
}

TEST_CASE("text reader: a word across the read buffer boundary stays whole") {
  test::TempDir dir;
  std::string text;
  std::vector<std::string> expected;
  for (long long i = 0; text.size() < (3u << 20); ++i) {  // long long: i * 7919 passes INT_MAX
    const std::string word = "word" + std::to_string(i * 7919 % 100003);
    text += word + ((i % 17 == 16) ? "\n" : " ");
    expected.push_back(word);
    if (i % 17 == 16) expected.emplace_back("\n");
  }
  text.pop_back();  // no final newline
  test::write_file(dir.file("big.txt"), text);
  expected.back() = expected.back() == "\n" ? "\n" : expected.back();
  if (expected.back() != "\n") expected.emplace_back("\n");
  CHECK(tokens_of(dir.file("big.txt")) == expected);
}

TEST_CASE("text reader: UTF-8 validation") {
  CHECK(is_valid_utf8("plain"));
  CHECK(is_valid_utf8("na\xc3\xafve \xe2\x82\xac \xf0\x9f\x98\x80"));
  CHECK_FALSE(is_valid_utf8("\xc3"));          // cut sequence
  CHECK_FALSE(is_valid_utf8("\xc0\xaf"));      // overlong
  CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));  // surrogate
  CHECK_FALSE(is_valid_utf8("\xff"));
  CHECK(utf8_prefix("\xe2\x82\xac\xe2\x82\xac", 4) == "\xe2\x82\xac");
}

TEST_CASE("text reader: bad input is one clear error naming the file") {
  test::TempDir dir;
  CHECK(test::error_of([&] { TextReader r(dir.file("nope.txt")); }).find("nope.txt: cannot open") != std::string::npos);
  test::write_file(dir.file("bin.dat"), std::string("text\0more", 9));
  CHECK(test::error_of([&] { tokens_of(dir.file("bin.dat")); }).find("bin.dat: binary data (a NUL byte) at byte 4") !=
        std::string::npos);
  test::write_file(dir.file("blank.txt"), " \n\n\t\n");
  CHECK(test::error_of([&] { scan_corpus(dir.file("blank.txt")); }).find("blank.txt: the corpus is empty") !=
        std::string::npos);
}

namespace {

// Sentences handed over as they are, as the Python module's iterables are.
class ListSource : public WordSource {
 public:
  explicit ListSource(std::vector<std::vector<std::string>> sentences) : sentences_(std::move(sentences)) {}

  Token next(std::string_view& word) override {
    while (sentence_ < sentences_.size()) {
      const auto& sentence = sentences_[sentence_];
      if (word_ < sentence.size()) {
        word = checked_word(sentence[word_++]);
        return Token::kWord;
      }
      ++sentence_;
      word_ = 0;
      count_line();
      if (!sentence.empty()) return Token::kEndOfLine;
    }
    return Token::kEnd;
  }
  const std::string& name() const override { return name_; }

 private:
  std::vector<std::vector<std::string>> sentences_;
  std::size_t sentence_ = 0, word_ = 0;
  std::string name_ = "<list>";
};

}  // namespace

TEST_CASE("corpus scan: any word source, cut and counted as a file is") {
  const std::string long_word(120, 'z');
  ListSource source({{"a", "b", long_word}, {}, {"b", "\xff\xfe"}, {"a"}});
  const ScannedCorpus corpus = scan_corpus(source);
  CHECK(corpus.path == "<list>");
  CHECK(corpus.lines == 4);
  CHECK(corpus.tokens == 6);
  CHECK(corpus.counts.words == std::vector<std::string>{"a", "b", std::string(100, 'z'), "\xff\xfe"});
  CHECK(corpus.counts.counts == std::vector<std::uint64_t>{2, 2, 1, 1});
  CHECK(corpus.truncated_words == 1);
  CHECK(corpus.invalid_utf8_words == 1);
  CHECK(corpus.first_invalid_utf8_line == 3);

  ListSource empty({{}, {}});
  CHECK(test::error_of([&] { scan_corpus(empty); }) == "<list>: the corpus is empty (no words)");
}

TEST_CASE("corpus scan: reports the words read, and a throwing report abandons the scan") {
  std::vector<std::string> many(2 * kScanReportWords + 5, "w");
  std::vector<std::uint64_t> reports;
  ListSource source({many});
  const ScannedCorpus corpus = scan_corpus(source, {}, [&](std::uint64_t words) { reports.push_back(words); });
  CHECK(corpus.tokens == many.size());
  CHECK(reports == std::vector<std::uint64_t>{kScanReportWords, 2 * kScanReportWords});

  ListSource again({many});
  CHECK(test::error_of([&] { scan_corpus(again, {}, [](std::uint64_t) { throw Error("stop reading"); }); }) ==
        "stop reading");
}

TEST_CASE("token stream: thread parts read every token exactly once") {
  test::TempDir dir;
  std::mt19937 rng(7);
  for (const char* layout : {"lines", "one line", "one line, final newline", "many empty lines"}) {
    CAPTURE(layout);
    std::string text;
    const std::string name = layout;
    for (int i = 0; i < 5000; ++i) {
      text += "w" + std::to_string(rng() % 300);
      const bool newline = name == "lines" ? rng() % 9 == 0 : name == "many empty lines" ? rng() % 3 == 0 : false;
      text += newline ? (name == "many empty lines" ? "\n\n\n" : "\n") : " ";
    }
    if (name == "one line, final newline") text.back() = '\n';
    test::write_file(dir.file("c.txt"), text);
    const ScannedCorpus corpus = scan_corpus(dir.file("c.txt"));
    const Vocabulary vocab(corpus.counts, 1, 0);
    const TokenStream stream = encode_corpus(corpus, vocab);
    REQUIRE(stream.tokens() == 5000);

    std::vector<std::int32_t> all, sentence;
    TokenStream::Reader whole(stream, 0, stream.entries());
    while (whole.next_sentence(sentence, SIZE_MAX)) all.insert(all.end(), sentence.begin(), sentence.end());
    REQUIRE(all.size() == 5000);
    // Ids match the text, token by token.
    std::size_t k = 0;
    for (const std::string& t : tokens_of(dir.file("c.txt"))) {
      if (t != "\n") CHECK_EQ(vocab.word(all[k++]), t);
    }

    for (int parts : {1, 2, 3, 5, 7, 64}) {
      std::vector<std::int32_t> joined;
      for (int p = 0; p < parts; ++p) {
        const auto [begin, end] = stream.part(p, parts);
        TokenStream::Reader reader(stream, begin, end);
        while (reader.next_sentence(sentence, 13)) {
          CHECK(sentence.size() <= 13);
          joined.insert(joined.end(), sentence.begin(), sentence.end());
        }
      }
      CHECK(joined == all);
    }
  }
}

TEST_CASE("token stream: out-of-vocabulary words are dropped, sentences kept apart") {
  test::TempDir dir;
  test::write_file(dir.file("c.txt"), "a b rare a\nrare\nb a b\n");
  const ScannedCorpus corpus = scan_corpus(dir.file("c.txt"));
  const Vocabulary vocab(corpus.counts, 3, 0);
  const TokenStream stream = encode_corpus(corpus, vocab);
  CHECK(stream.tokens() == 6);
  CHECK(stream.entries() == 8);  // two sentences; the one of only "rare" is gone
  TokenStream::Reader reader(stream, 0, stream.entries());
  std::vector<std::int32_t> s;
  REQUIRE(reader.next_sentence(s, 100));
  CHECK(s == std::vector<std::int32_t>{0, 1, 0});
  REQUIRE(reader.next_sentence(s, 100));
  CHECK(s == std::vector<std::int32_t>{1, 0, 1});
  CHECK_FALSE(reader.next_sentence(s, 100));
}

TEST_SUITE_END();
