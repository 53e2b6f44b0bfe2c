#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "gensim_runner.h"
#include "test_util.h"
#include "w2v/vectors/similarity_index.h"
#include "w2v/vectors/vectors_file.h"

using namespace w2v;

TEST_SUITE_BEGIN("unit");

namespace {

// Hand-made vectors with known answers: man and woman differ by gender, king
// and queen add royalty to them; prince is a more manly king.
const std::vector<std::string> kWords{"man", "woman", "king", "queen", "prince", "apple"};
const std::vector<float> kValues{1, 0, 0, /**/ 0, 1, 0, /**/ 1, 0, 1, /**/ 0, 1, 1, /**/ 2, 0, 1, /**/ -1, -1, 0.2f};

SimilarityIndex hand_made_index(const test::TempDir& dir) {
  write_vectors(dir.file("v.txt"), kWords, kValues.data(), 3, 3, false);
  return SimilarityIndex(read_vectors(dir.file("v.txt")));
}

std::vector<std::string> words_of(const SimilarityIndex& index, const std::vector<Neighbor>& neighbors) {
  std::vector<std::string> words;
  for (const Neighbor& n : neighbors) words.push_back(index.vectors().word(n.row));
  return words;
}

std::size_t row(const SimilarityIndex& index, const std::string& word) { return *index.vectors().find(word); }

// Scores straight from the definitions, in double.
std::vector<double> unit(const float* v, std::size_t dim) {
  double norm = 0;
  for (std::size_t j = 0; j < dim; ++j) norm += double(v[j]) * v[j];
  std::vector<double> u(v, v + dim);
  for (double& x : u) x /= std::sqrt(norm);
  return u;
}

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double sum = 0;
  for (std::size_t j = 0; j < a.size(); ++j) sum += a[j] * b[j];
  return sum;
}

double reference_score(const std::vector<std::vector<double>>& units, const SimilarityQuery& query, Scoring scoring,
                       std::size_t row) {
  if (scoring == Scoring::add) {
    std::vector<double> target(units[row].size(), 0.0);
    for (std::size_t p : query.positive)
      for (std::size_t j = 0; j < target.size(); ++j) target[j] += units[p][j];
    for (std::size_t n : query.negative)
      for (std::size_t j = 0; j < target.size(); ++j) target[j] -= units[n][j];
    return dot(units[row], target) / std::sqrt(dot(target, target));
  }
  double numerator = 1, denominator = 1;
  for (std::size_t p : query.positive) numerator *= (1 + dot(units[row], units[p])) / 2;
  for (std::size_t n : query.negative) denominator *= (1 + dot(units[row], units[n])) / 2;
  return numerator / (denominator + 1e-6);
}

std::string vectors_file(const test::TempDir& dir) {
  write_vectors(dir.file("v.txt"), kWords, kValues.data(), 3, 3, false);
  return dir.file("v.txt");
}

test::CommandResult run_w2v(const std::string& arguments, const test::TempDir& dir) {
  return test::run(test::w2v_binary() + " " + arguments, dir);
}

// Runs w2v with `input` on its stdin.
test::CommandResult run_w2v_with_input(const std::string& arguments, const std::string& input,
                                       const test::TempDir& dir) {
  test::write_file(dir.file("input"), input);
  return test::run("(" + test::w2v_binary() + " " + arguments + " < " + dir.file("input") + ")", dir);
}

}  // namespace

TEST_CASE("similarity index: nearest words by cosine, best first, the query words left out") {
  const test::TempDir dir;
  const SimilarityIndex index = hand_made_index(dir);
  const SimilarityQuery king{{row(index, "king")}, {}};
  const auto answers = index.most_similar({&king, 1}, Scoring::add, 4, 100);
  REQUIRE(answers.size() == 1);
  CHECK(words_of(index, answers[0]) == std::vector<std::string>{"prince", "man", "queen", "woman"});
  CHECK(answers[0][0].score == doctest::Approx(3 / std::sqrt(10.0)));
  CHECK(answers[0][1].score == doctest::Approx(1 / std::sqrt(2.0)));
  CHECK(answers[0][2].score == doctest::Approx(0.5));
  CHECK(answers[0][3].score == doctest::Approx(0.0));
  // Only the first `candidates` rows compete.
  CHECK(words_of(index, index.most_similar({&king, 1}, Scoring::add, 10, 3)[0]) ==
        std::vector<std::string>{"man", "woman"});
  CHECK(index.most_similar({&king, 1}, Scoring::add, 0, 100)[0].empty());
}

TEST_CASE("similarity index: king - man + woman = queen with 3CosAdd and 3CosMul") {
  const test::TempDir dir;
  const SimilarityIndex index = hand_made_index(dir);
  const SimilarityQuery analogy{{row(index, "king"), row(index, "woman")}, {row(index, "man")}};
  std::vector<std::vector<double>> units;
  for (std::size_t r = 0; r < index.vectors().size(); ++r) units.push_back(unit(kValues.data() + 3 * r, 3));
  for (const Scoring scoring : {Scoring::add, Scoring::mul}) {
    CAPTURE(static_cast<int>(scoring));
    const auto answer = index.most_similar({&analogy, 1}, scoring, 10, 100)[0];
    REQUIRE(answer.size() == 3);  // six words less the three of the question
    CHECK(index.vectors().word(answer[0].row) == "queen");
    for (const Neighbor& n : answer) CHECK(n.score == doctest::Approx(reference_score(units, analogy, scoring, n.row)));
  }
}

TEST_CASE("similarity index: a query vector is added as it is, all scores of a query in row order") {
  const test::TempDir dir;
  const SimilarityIndex index = hand_made_index(dir);
  std::vector<std::vector<double>> units;
  for (std::size_t r = 0; r < index.vectors().size(); ++r) units.push_back(unit(kValues.data() + 3 * r, 3));
  // apple + (0, 3, 0), not scaled: the offset outweighs apple's unit vector.
  const SimilarityQuery query{{row(index, "apple")}, {}, {0, 3, 0}};
  std::vector<double> target = units[row(index, "apple")];
  target[1] += 3;
  const auto answer = index.most_similar({&query, 1}, Scoring::add, 2, 100)[0];
  CHECK(words_of(index, answer) == std::vector<std::string>{"woman", "queen"});
  const std::vector<float> scores = index.scores(query, Scoring::add, 100);
  REQUIRE(scores.size() == kWords.size());  // apple itself included
  for (std::size_t r = 0; r < scores.size(); ++r) {
    CAPTURE(r);
    CHECK(scores[r] == doctest::Approx(dot(units[r], target) / std::sqrt(dot(target, target))));
  }
  CHECK(scores[row(index, "woman")] == answer[0].score);
  // An offset alone is a query for that direction.
  const SimilarityQuery direction{{}, {}, {1, 0, 0}};
  CHECK(words_of(index, index.most_similar({&direction, 1}, Scoring::add, 1, 100)[0]) ==
        std::vector<std::string>{"man"});
  CHECK(index.scores(direction, Scoring::add, 3).size() == 3);

  const SimilarityQuery short_vector{{}, {}, {1, 0}};
  CHECK(test::error_of([&] { index.most_similar({&short_vector, 1}, Scoring::add, 1, 100); }) ==
        "a query vector has 2 values, expected 3");
  CHECK(test::error_of([&] { index.scores(direction, Scoring::mul, 100); }) ==
        "3CosMul scores words only, not a query vector");
}

TEST_CASE("similarity index: equal scores rank the earlier row first, a zero vector scores 0") {
  const test::TempDir dir;
  const std::vector<std::string> words{"q", "zero", "late", "early"};
  const std::vector<float> values{1, 0, 0, 0, 1, 1, 2, 2};
  write_vectors(dir.file("v.txt"), words, values.data(), 2, 2, false);
  const SimilarityIndex index(read_vectors(dir.file("v.txt")));
  const SimilarityQuery q{{0}, {}};
  const auto answer = index.most_similar({&q, 1}, Scoring::add, 3, 100)[0];
  CHECK(words_of(index, answer) == std::vector<std::string>{"late", "early", "zero"});
  CHECK(answer[2].score == 0.0f);
}

TEST_CASE("similarity index: batched answers to many queries agree with the definitions") {
  const std::size_t words = 300, dim = 8;
  const auto [names, values] = test::random_vectors(words, dim, 7);
  std::mt19937 random(7);
  const test::TempDir dir;
  write_vectors(dir.file("v.bin"), names, values.data(), dim, dim, true);
  const SimilarityIndex index(read_vectors(dir.file("v.bin")));
  std::vector<std::vector<double>> units;
  for (std::size_t r = 0; r < words; ++r) units.push_back(unit(values.data() + dim * r, dim));

  // More queries than one block holds, so several blocks run in parallel.
  std::vector<SimilarityQuery> queries;
  std::uniform_int_distribution<std::size_t> any_row(0, words - 1);
  for (std::size_t i = 0; i < 300; ++i) {
    queries.push_back(i % 3 == 0 ? SimilarityQuery{{any_row(random)}, {}}
                                 : SimilarityQuery{{any_row(random), any_row(random)}, {any_row(random)}});
  }
  const std::size_t k = 5, candidates = 250;
  for (const Scoring scoring : {Scoring::add, Scoring::mul}) {
    const auto answers = index.most_similar(queries, scoring, k, candidates);
    REQUIRE(answers.size() == queries.size());
    for (std::size_t q = 0; q < queries.size(); ++q) {
      std::vector<double> best;
      for (std::size_t r = 0; r < candidates; ++r) {
        const auto& query = queries[q];
        const bool own = std::count(query.positive.begin(), query.positive.end(), r) +
                         std::count(query.negative.begin(), query.negative.end(), r);
        if (!own) best.push_back(reference_score(units, query, scoring, r));
      }
      std::sort(best.rbegin(), best.rend());
      REQUIRE(answers[q].size() == k);
      for (std::size_t i = 0; i < k; ++i) {
        // Compared by score, not by word: float and double may order near ties differently.
        CHECK(answers[q][i].score == doctest::Approx(best[i]).epsilon(1e-5));
        CHECK(reference_score(units, queries[q], scoring, answers[q][i].row) == doctest::Approx(best[i]).epsilon(1e-5));
      }
    }
  }
}

TEST_CASE("w2v neighbors: each argument is a query, a quoted pair is summed" * doctest::test_suite("cli")) {
  const test::TempDir dir;
  const std::string vectors = vectors_file(dir);
  const auto king = run_w2v("neighbors " + vectors + " king -k 2", dir);
  CHECK(king.exit_code == 0);
  CHECK(king.output == "king\n  prince  0.9487\n  man     0.7071\n");
  CHECK(king.errors.empty());
  // man + woman points between them: king and queen tie, the earlier row first.
  const auto both = run_w2v("neighbors " + vectors + " 'man woman' --top 3", dir);
  CHECK(both.exit_code == 0);
  CHECK(both.output == "man woman\n  prince  0.6325\n  king    0.5000\n  queen   0.5000\n");
  const auto two = run_w2v("neighbors " + vectors + " king 'man woman' -k 2", dir);
  CHECK(two.exit_code == 0);
  CHECK(two.output == "king\n  prince  0.9487\n  man     0.7071\n\nman woman\n  prince  0.6325\n  king    0.5000\n");
}

TEST_CASE("w2v neighbors: a query per line of stdin, unknown words are reported, not fatal" *
          doctest::test_suite("cli")) {
  const test::TempDir dir;
  const std::string vectors = vectors_file(dir);
  const auto result = run_w2v_with_input("neighbors " + vectors + " -k 1", "king\nxyzzy\n\nqueen \r\nman xyzzy\n", dir);
  CHECK(result.exit_code == 1);
  CHECK(result.output == "king\n  prince  0.9487\n\nqueen\n  woman  0.7071\n");
  CHECK(result.errors == "w2v neighbors: unknown word 'xyzzy'\nw2v neighbors: unknown word 'xyzzy'\n");
  const auto known = run_w2v_with_input("neighbors " + vectors + " -k 1", "king\nqueen\n", dir);
  CHECK(known.exit_code == 0);
  CHECK(known.errors.empty());  // no prompt: stdin is not a terminal
}

TEST_CASE("w2v neighbors: words that are not UTF-8 or hold control characters are shown escaped" * doctest::test_suite("cli")) {
  const test::TempDir dir;
  // A word with an escape sequence that would turn the terminal red, and one in Latin-1.
  const std::vector<std::string> words{"red\x1b[31m", "caf\xe9", "cafe"};
  const std::vector<float> values{1, 0, /**/ 1, 0.1f, /**/ 1, 0.2f};
  write_vectors(dir.file("v.txt"), words, values.data(), 2, 2, false);
  const auto result = run_w2v("neighbors " + dir.file("v.txt") + " cafe -k 2", dir);
  CHECK(result.exit_code == 0);
  CHECK(result.output == "cafe\n  caf\\xe9      0.9952\n  red\\x1b[31m  0.9806\n");
  const auto unknown = run_w2v("neighbors " + dir.file("v.txt") + " $(printf 'x\\377')", dir);
  CHECK(unknown.errors == "w2v neighbors: unknown word 'x\\xff'\n");
}

TEST_CASE("w2v neighbors and analogy: a line EXIT ends the queries, as in word2vec.c" * doctest::test_suite("cli")) {
  const test::TempDir dir;
  const std::string vectors = vectors_file(dir);
  const auto neighbors = run_w2v_with_input("neighbors " + vectors + " -k 1", "king\n EXIT\r\nqueen\n", dir);
  CHECK(neighbors.exit_code == 0);
  CHECK(neighbors.output == "king\n  prince  0.9487\n");
  CHECK(neighbors.errors.empty());
  const auto analogy = run_w2v_with_input("analogy " + vectors + " -k 1", "EXIT\nman king woman\n", dir);
  CHECK(analogy.exit_code == 0);
  CHECK(analogy.output.empty());
  // Only the whole line: EXIT within a query is a word like any other.
  const auto inside = run_w2v_with_input("neighbors " + vectors + " -k 1", "king EXIT\nqueen\n", dir);
  CHECK(inside.exit_code == 1);
  CHECK(inside.errors == "w2v neighbors: unknown word 'EXIT'\n");
  CHECK(inside.output == "queen\n  woman  0.7071\n");
}

TEST_CASE("w2v analogy: A B C from the command line or stdin, 3CosAdd or 3CosMul" * doctest::test_suite("cli")) {
  const test::TempDir dir;
  const std::string vectors = vectors_file(dir);
  const auto add = run_w2v("analogy " + vectors + " man king woman -k 1", dir);
  CHECK(add.exit_code == 0);
  CHECK(add.output == "man : king :: woman : ?\n  queen  0.9586\n");
  const auto mul = run_w2v("analogy " + vectors + " man king woman -k 1 --method mul", dir);
  CHECK(mul.exit_code == 0);
  CHECK(mul.output == "man : king :: woman : ?\n  queen  1.2803\n");
  const auto lines =
      run_w2v_with_input("analogy " + vectors + " -k 1", "man king woman\nman king\nwoman queen man\n", dir);
  CHECK(lines.exit_code == 1);
  CHECK(lines.output == "man : king :: woman : ?\n  queen  0.9586\n\nwoman : queen :: man : ?\n  prince  0.9614\n");
  CHECK(lines.errors == "w2v analogy: expected 3 words, got 2\n");
}

TEST_CASE("w2v neighbors: a gzip vectors file is read directly" * doctest::test_suite("cli")) {
  const test::TempDir dir;
  test::write_file(dir.file("v.txt.gz"), test::gzip(test::read_file(vectors_file(dir))));
  const auto king = run_w2v("neighbors " + dir.file("v.txt.gz") + " king -k 2", dir);
  CHECK(king.exit_code == 0);
  CHECK(king.output == "king\n  prince  0.9487\n  man     0.7071\n");
  const std::string packed = test::read_file(dir.file("v.txt.gz"));
  test::write_file(dir.file("cut.gz"), packed.substr(0, packed.size() - 12));
  const auto cut = run_w2v("similarity " + dir.file("cut.gz") + " king man", dir);
  CHECK(cut.exit_code == 1);
  CHECK(cut.errors == "w2v similarity: error: " + dir.file("cut.gz") +
                          ": truncated gzip data (the file ends inside the compressed stream)\n");
  CHECK(cut.output.empty());
}

TEST_CASE("w2v neighbors and analogy: bad options and files fail with one line" * doctest::test_suite("cli")) {
  const test::TempDir dir;
  const std::string vectors = vectors_file(dir);
  const auto zero = run_w2v("neighbors " + vectors + " king -k 0", dir);
  CHECK(zero.exit_code == 1);
  CHECK(zero.errors == "w2v neighbors: error: --top: must be at least 1\n");
  const auto no_rows = run_w2v("neighbors " + vectors + " king --limit 0", dir);
  CHECK(no_rows.exit_code == 1);
  CHECK(no_rows.errors == "w2v neighbors: error: --limit: must be at least 1\n");
  const auto not_number = run_w2v("neighbors " + vectors + " king --limit ten", dir);
  CHECK(not_number.exit_code == 1);
  CHECK(not_number.errors == "w2v neighbors: error: --limit: invalid value 'ten'\n");
  const auto method = run_w2v("analogy " + vectors + " man king woman --method div", dir);
  CHECK(method.exit_code == 1);
  CHECK(method.errors == "w2v analogy: error: --method: expected 'add' or 'mul', got 'div'\n");
  test::write_file(dir.file("bad.txt"), "2 3\nman 1 0 0\nwoman 0 1\n");
  const auto bad = run_w2v("neighbors " + dir.file("bad.txt") + " man", dir);
  CHECK(bad.exit_code == 1);
  CHECK(bad.errors == "w2v neighbors: error: " + dir.file("bad.txt") + ": line 3: 'woman' has 2 numbers, expected 3\n");
  CHECK(bad.output.empty());
  const auto missing = run_w2v("analogy", dir);
  CHECK(missing.exit_code == 1);
  CHECK(missing.errors == "w2v analogy: error: missing the VECTORS file argument\n");
  // --limit 2 loads man and woman only.
  const auto limited = run_w2v("neighbors " + vectors + " king --limit 2", dir);
  CHECK(limited.exit_code == 1);
  CHECK(limited.errors == "w2v neighbors: unknown word 'king'\n");
  // More answers than words: all of them, not an attempt to make room for 10^12.
  const auto huge = run_w2v("neighbors " + vectors + " king -k 1000000000000", dir);
  CHECK(huge.exit_code == 0);
  CHECK(std::count(huge.output.begin(), huge.output.end(), '\n') == 6);  // the title and the 5 other words
  const auto help = run_w2v("neighbors --help", dir);
  CHECK(help.exit_code == 0);
  CHECK(help.output.find("VECTORS [WORD...]") != std::string::npos);
}

TEST_CASE("w2v neighbors: \"-word\" is a word to move away from, as gensim's negative words" * doctest::test_suite("cli")) {
  const test::TempDir dir;
  const std::string vectors = vectors_file(dir);
  const auto analogy = run_w2v("neighbors " + vectors + " 'king -man woman' -k 2", dir);
  CHECK(analogy.exit_code == 0);
  CHECK(analogy.output == "king -man woman\n  queen   0.9586\n  prince  0.0431\n");
  // After "--", an argument may start with '-'.
  const auto away = run_w2v("neighbors " + vectors + " -k 1 -- -man", dir);
  CHECK(away.exit_code == 0);
  CHECK(away.output == "-man\n  apple  0.7001\n");
  const auto unknown = run_w2v_with_input("neighbors " + vectors + " -k 1", "queen -xyzzy\n-\n", dir);
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.errors == "w2v neighbors: unknown word 'xyzzy'\nw2v neighbors: unknown word '-'\n");
  // analogy takes its three words as they are.
  const auto literal = run_w2v_with_input("analogy " + vectors + " -k 1", "-man king woman\n", dir);
  CHECK(literal.exit_code == 1);
  CHECK(literal.errors == "w2v analogy: unknown word '-man'\n");
}

TEST_CASE("w2v similarity: the cosine of a pair from the command line or of each line of stdin" * doctest::test_suite("cli")) {
  const test::TempDir dir;
  const std::string vectors = vectors_file(dir);
  const auto pair = run_w2v("similarity " + vectors + " king prince", dir);
  CHECK(pair.exit_code == 0);
  CHECK(pair.output == "king prince 0.9487\n");
  CHECK(pair.errors.empty());
  const auto lines =
      run_w2v_with_input("similarity " + vectors, "king queen\nman\nman woman\nman xyzzy\n\nEXIT\nking man\n", dir);
  CHECK(lines.exit_code == 1);
  CHECK(lines.output == "king queen 0.5000\nman woman 0.0000\n");
  CHECK(lines.errors == "w2v similarity: expected 2 words, got 1\nw2v similarity: unknown word 'xyzzy'\n");
  const auto three = run_w2v("similarity " + vectors + " king queen man", dir);
  CHECK(three.exit_code == 1);
  CHECK(three.errors == "w2v similarity: expected 2 words, got 3\n");
  CHECK(three.output.empty());
  const auto missing = run_w2v("similarity", dir);
  CHECK(missing.exit_code == 1);
  CHECK(missing.errors == "w2v similarity: error: missing the VECTORS file argument\n");
  const auto option = run_w2v("similarity " + vectors + " king queen --top 3", dir);
  CHECK(option.exit_code == 1);
  CHECK(option.errors.find("w2v similarity: error: ") == 0);
  CHECK(option.errors.find("top") != std::string::npos);
}

TEST_CASE("w2v doesnt-match: each word's cosine to the mean, the odd one out first" * doctest::test_suite("cli")) {
  const test::TempDir dir;
  const std::string vectors = vectors_file(dir);
  const auto odd = run_w2v("doesnt-match " + vectors + " king queen prince apple", dir);
  CHECK(odd.exit_code == 0);
  CHECK(odd.output ==
        "king queen prince apple\n  apple   -0.1621\n  queen   0.6470\n  prince  0.7751\n  king    0.9351\n");
  // Equal cosines rank in word order, as gensim's sort of (cosine, word) pairs.
  const auto lines =
      run_w2v_with_input("doesnt-match " + vectors, "woman man king queen\nking\nman king prince\nman xyzzy\n", dir);
  CHECK(lines.exit_code == 1);
  CHECK(lines.output ==
        "woman man king queen\n  man    0.6101\n  woman  0.6101\n  king   0.7888\n  queen  0.7888\n\n"
        "man king prince\n  man     0.9141\n  king    0.9331\n  prince  0.9989\n");
  CHECK(lines.errors == "w2v doesnt-match: expected at least 2 words, got 1\nw2v doesnt-match: unknown word 'xyzzy'\n");
  const auto bad = run_w2v("doesnt-match " + dir.file("absent.txt") + " a b", dir);
  CHECK(bad.exit_code == 1);
  CHECK(bad.errors == "w2v doesnt-match: error: " + dir.file("absent.txt") + ": cannot open: No such file or directory\n");
}

TEST_CASE("similarity index: most_similar with negative words, similarity and doesnt_match agree with gensim" * doctest::test_suite("slow")) {
  constexpr std::size_t kWordsCount = 60, kDim = 8;
  const auto [names, values] = test::random_vectors(kWordsCount, kDim, 5);
  const test::TempDir dir;
  write_vectors(dir.file("v.txt"), names, values.data(), kDim, kDim, false);
  const SimilarityIndex index(read_vectors(dir.file("v.txt")));
  const std::vector<SimilarityQuery> queries{{{3}, {7}}, {{1, 2, 3}, {4, 5}}, {{}, {9}}, {{10, 11}, {12}}};
  const std::vector<std::pair<std::size_t, std::size_t>> pairs{{0, 1}, {5, 6}, {7, 7}, {20, 59}};
  const std::vector<std::vector<std::size_t>> lists{{0, 1, 2, 3}, {8, 9, 10, 11, 12, 13}, {30, 31}};
  if (!test::gensim_available()) {
    MESSAGE("skipped: gensim is not importable by /usr/bin/python3");
    return;
  }
  std::ostringstream arguments;
  arguments << dir.file("v.txt");
  const auto words = [&](const std::vector<std::size_t>& rows) {
    std::string list;
    for (const std::size_t r : rows) list += (list.empty() ? "" : ",") + names[r];
    return "'" + list + "'";
  };
  for (const SimilarityQuery& q : queries) arguments << " most_similar " << words(q.positive) << " " << words(q.negative);
  for (const auto& [a, b] : pairs) arguments << " similarity " << names[a] << " " << names[b];
  for (const auto& list : lists) arguments << " doesnt_match " << words(list) << " -";
  const char* const script = R"(
import sys
from gensim.models import KeyedVectors
kv = KeyedVectors.load_word2vec_format(sys.argv[1])
args = sys.argv[2:]
split = lambda s: s.split(',') if s else []
for i in range(0, len(args), 3):
    kind, a, b = args[i:i + 3]
    if kind == 'most_similar':
        print(' '.join('%s %r' % (w, s) for w, s in kv.most_similar(positive=split(a), negative=split(b), topn=5)))
    elif kind == 'similarity':
        print(repr(float(kv.similarity(a, b))))
    else:
        print(' '.join('%s %r' % (w, float(s)) for s, w in reversed(kv.rank_by_centrality(split(a)))))
)";
  std::istringstream gensim(test::run_python(script, arguments.str(), dir));
  const auto check_ranking = [&](const std::vector<Neighbor>& ours) {
    std::string line;
    std::getline(gensim, line);
    std::istringstream fields(line);
    for (const Neighbor& n : ours) {
      std::string word;
      double score = 0;
      fields >> word >> score;
      CHECK(index.vectors().word(n.row) == word);
      CHECK(n.score == doctest::Approx(score).epsilon(1e-5));
    }
    CHECK(fields.eof());
  };
  for (const auto& answer : index.most_similar(queries, Scoring::add, 5, index.vectors().size())) check_ranking(answer);
  for (const auto& [a, b] : pairs) {
    double expected = 0;
    gensim >> expected;
    CHECK(index.similarity(a, b) == doctest::Approx(expected).epsilon(1e-5));
  }
  gensim >> std::ws;
  for (const auto& list : lists) check_ranking(index.doesnt_match(list));
}

TEST_SUITE_END();
