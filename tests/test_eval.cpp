#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "gensim_runner.h"
#include "test_util.h"
#include "w2v/base/utf8.h"
#include "w2v/eval/case_insensitive_vocabulary.h"
#include "w2v/base/error.h"
#include "w2v/eval/evaluation_report.h"
#include "w2v/eval/rank_correlation.h"
#include "w2v/vectors/vectors_file.h"

using namespace w2v;

TEST_SUITE_BEGIN("unit");

namespace {

// Hand-made vectors (see test_query.cpp) with a case variant: "Woman" lies
// even nearer than queen to king - man + woman, but stands for the question
// word "woman", so the answer skips it. "rare" is beyond the 7 rows evaluated.
const std::vector<std::string> kWords{"man", "woman", "king", "queen", "prince", "Woman", "apple", "rare"};
const std::vector<float> kValues{
    1,  0,  0,      // man
    0,  1,  0,      // woman
    1,  0,  1,      // king
    0,  1,  1,      // queen
    2,  0,  1,      // prince
    0,  1,  0.99f,  // Woman
    -1, -1, 0.2f,   // apple
    0,  1,  1,      // rare
};
constexpr std::size_t kRestrict = 7;

const char* const kQuestions =
    ": royalty\n"
    "man king woman queen\n"  // right, once Woman is skipped
    "MAN KING WOMAN QUEEN\n"  // the same, whatever the case
    "\n"
    "woman queen man king\n"  // wrong: prince is nearer
    "man king woman rare\n"   // not asked: rare is beyond the restriction
    "man king woman xyzzy\n"  // not asked: unknown
    ":  gram1-opposite \r\n"
    "king man queen woman\n";  // right

const char* const kPairs =
    "# word pairs\n"
    "king\tqueen\t8\n"
    "man woman 6.5\n"
    "\n"
    "KING prince 9\r\n"
    "apple xyzzy 1\n"
    "rare king 3\n";

std::string hand_made_vectors(const test::TempDir& dir) {
  write_vectors(dir.file("v.txt"), kWords, kValues.data(), 3, 3, false);
  return dir.file("v.txt");
}

test::CommandResult run_w2v(const std::string& arguments, const test::TempDir& dir) {
  return test::run(test::w2v_binary() + " " + arguments, dir);
}

}  // namespace

TEST_CASE("rank correlation: Spearman's rho with tied values sharing their average rank, as scipy") {
  // The expected values are scipy.stats.spearmanr's.
  CHECK(spearman_correlation(std::vector<double>{1, 2, 3, 4, 5}, std::vector<double>{5, 6, 7, 8, 7}) ==
        doctest::Approx(0.8207826816681233).epsilon(1e-12));
  CHECK(spearman_correlation(std::vector<double>{1, 2, 2, 3, 5, 5, 5}, std::vector<double>{3, 1, 4, 1, 5, 9, 2}) ==
        doctest::Approx(0.3870681424252975).epsilon(1e-12));
  CHECK(spearman_correlation(std::vector<double>{3, 1, 2}, std::vector<double>{30, 10, 20}) == 1.0);
  CHECK(std::isnan(spearman_correlation(std::vector<double>{1, 2, 3}, std::vector<double>{4, 4, 4})));
  CHECK(std::isnan(spearman_correlation(std::vector<double>{1}, std::vector<double>{2})));
}

TEST_CASE("rank correlation: Pearson's r, as scipy") {
  // The expected value is scipy.stats.pearsonr's.
  CHECK(pearson_correlation(std::vector<double>{1, 2, 2, 3, 5, 5, 5}, std::vector<double>{3, 1, 4, 1, 5, 9, 2}) ==
        doctest::Approx(0.48052787471930486).epsilon(1e-12));
  CHECK(pearson_correlation(std::vector<double>{1, 2, 3}, std::vector<double>{-2, -4, -6}) == doctest::Approx(-1.0));
  CHECK(std::isnan(pearson_correlation(std::vector<double>{1, 2, 3}, std::vector<double>{4, 4, 4})));
  CHECK(std::isnan(pearson_correlation(std::vector<double>{1}, std::vector<double>{2})));
}

TEST_CASE("case folding: upper case one code point at a time, invalid UTF-8 kept") {
  CHECK(upper_case("café") == "CAFÉ");
  CHECK(upper_case("ǆemal") == "ǄEMAL");
  CHECK(upper_case("σοφός") == "ΣΟΦΌΣ");
  CHECK(upper_case("日本 x1") == "日本 X1");
  CHECK(upper_case("a\xffz\xc3") == "A\xffZ\xc3");
  CHECK(upper_case("é\xff") == "é\xff");  // not UTF-8: only ASCII letters change
}

TEST_CASE("analogy questions: sections of four-word lines, anything else is an error naming the line") {
  const test::TempDir dir;
  test::write_file(dir.file("q.txt"), kQuestions);
  const auto sections = read_analogy_questions(dir.file("q.txt"));
  REQUIRE(sections.size() == 2);
  CHECK(sections[0].name == "royalty");
  CHECK(sections[0].questions.size() == 5);
  CHECK(sections[1].name == "gram1-opposite");
  REQUIRE(sections[1].questions.size() == 1);
  CHECK(sections[1].questions[0].expected == "woman");

  test::write_file(dir.file("bad.txt"), ": s\na b c d\na b c\n");
  CHECK_THROWS_WITH_AS(read_analogy_questions(dir.file("bad.txt")),
                       (dir.file("bad.txt") + ": line 3: expected ': section' or a question of four words").c_str(),
                       Error);
  test::write_file(dir.file("bad.txt"), "a b c d\n");
  CHECK_THROWS_WITH_AS(read_analogy_questions(dir.file("bad.txt")),
                       (dir.file("bad.txt") + ": line 1: a question before the first ': section' line").c_str(), Error);
  CHECK_THROWS_AS(read_analogy_questions(dir.file("absent.txt")), Error);
}

TEST_CASE("analogy evaluation: answers, coverage and the semantic, syntactic and total sums") {
  const test::TempDir dir;
  const SimilarityIndex index(read_vectors(hand_made_vectors(dir)));
  test::write_file(dir.file("q.txt"), kQuestions);
  const AnalogyResults results = evaluate_analogies(index, read_analogy_questions(dir.file("q.txt")), kRestrict);
  CHECK(results.restrict == kRestrict);
  REQUIRE(results.sections.size() == 2);
  const AnalogyScore& royalty = results.sections[0];
  CHECK(royalty.name == "royalty");
  CHECK(royalty.questions == 5);
  CHECK(royalty.covered == 3);
  CHECK(royalty.correct == 2);
  CHECK(royalty.accuracy() == doctest::Approx(2.0 / 3));
  CHECK(results.sections[1].correct == 1);
  CHECK(results.semantic.questions == 5);
  CHECK(results.semantic.correct == 2);
  CHECK(results.syntactic.covered == 1);
  CHECK(results.syntactic.correct == 1);
  CHECK(results.total.questions == 6);
  CHECK(results.total.covered == 4);
  CHECK(results.total.correct == 3);
  // The questions asked, in file order, with their outcome.
  REQUIRE(results.asked.size() == 4);
  const std::vector<std::tuple<std::size_t, std::size_t, bool>> asked{
      {0, 0, true}, {0, 1, true}, {0, 2, false}, {1, 0, true}};
  for (std::size_t i = 0; i < asked.size(); ++i) {
    CAPTURE(i);
    CHECK(std::tuple{results.asked[i].section, results.asked[i].question, results.asked[i].correct} == asked[i]);
  }
  CHECK(AnalogyScore{}.accuracy() == 0.0);  // nothing covered: 0, as gensim reports it
}

TEST_CASE("word pair evaluation: Spearman's rho over the covered pairs") {
  const test::TempDir dir;
  const WordVectors vectors = read_vectors(hand_made_vectors(dir));
  test::write_file(dir.file("p.txt"), kPairs);
  const WordPairResults results = evaluate_word_pairs(vectors, dir.file("p.txt"), kRestrict);
  CHECK(results.pairs == 5);
  CHECK(results.covered == 3);
  CHECK(results.spearman == doctest::Approx(1.0));  // 6.5 < 8 < 9 and 0 < 0.5 < 0.95
  // scipy.stats.pearsonr([8, 6.5, 9], [0.5, 0, 3 / sqrt(10)])
  CHECK(results.pearson == doctest::Approx(0.9964957945941211).epsilon(1e-9));

  test::write_file(dir.file("bad.txt"), "king queen 1\nking queen high\n");
  CHECK_THROWS_WITH_AS(evaluate_word_pairs(vectors, dir.file("bad.txt"), kRestrict),
                       (dir.file("bad.txt") + ": line 2: expected 'word word score'").c_str(), Error);
  CHECK_THROWS_WITH_AS(evaluate_word_pairs(vectors, dir.file("absent.txt"), kRestrict),
                       (dir.file("absent.txt") + ": cannot open word pairs").c_str(), Error);
  test::write_file(dir.file("bad.txt"), "king queen\n");
  CHECK_THROWS_WITH_AS(evaluate_word_pairs(vectors, dir.file("bad.txt"), kRestrict),
                       (dir.file("bad.txt") + ": line 1: expected 'word word score'").c_str(), Error);
  // Numbers that are not finite would get a rank and a Spearman value.
  for (const std::string score : {"nan", "inf", "-inf", "infinity", "1e999"}) {
    CAPTURE(score);
    test::write_file(dir.file("bad.txt"), "king queen 1\nman woman " + score + "\n");
    const std::string error = test::error_of([&] { evaluate_word_pairs(vectors, dir.file("bad.txt"), kRestrict); });
    CHECK((error == dir.file("bad.txt") + ": line 2: the score '" + score + "' is not a finite number" ||
           error == dir.file("bad.txt") + ": line 2: expected 'word word score'"));
  }
}

TEST_CASE("evaluation report: table and JSON") {
  const test::TempDir dir;
  const WordVectors vectors = read_vectors(hand_made_vectors(dir));
  const SimilarityIndex index(vectors);
  test::write_file(dir.file("q.txt"), kQuestions);
  test::write_file(dir.file("p.txt"), kPairs);
  test::write_file(dir.file("none.txt"), "apple xyzzy 1\n");
  Evaluation evaluation{"v.txt", 8, 3, {}, {}};
  evaluation.analogies.emplace("q.txt", evaluate_analogies(index, read_analogy_questions(dir.file("q.txt")), 7));
  evaluation.word_pairs.emplace_back("p.txt", evaluate_word_pairs(vectors, dir.file("p.txt"), 7));
  evaluation.word_pairs.emplace_back("none.txt", evaluate_word_pairs(vectors, dir.file("none.txt"), 7));
  CHECK(format_json(evaluation) ==
        "{\"vectors\": {\"path\": \"v.txt\", \"words\": 8, \"dim\": 3}, \"analogies\": {\"path\": \"q.txt\", "
        "\"restrict\": 7, \"sections\": [{\"name\": \"royalty\", \"questions\": 5, \"covered\": 3, \"correct\": 2, "
        "\"accuracy\": 0.6666666666666666}, {\"name\": \"gram1-opposite\", \"questions\": 1, \"covered\": 1, "
        "\"correct\": 1, \"accuracy\": 1}], \"semantic\": {\"name\": \"semantic\", \"questions\": 5, \"covered\": 3, "
        "\"correct\": 2, \"accuracy\": 0.6666666666666666}, \"syntactic\": {\"name\": \"syntactic\", \"questions\": 1, "
        "\"covered\": 1, \"correct\": 1, \"accuracy\": 1}, \"total\": {\"name\": \"total\", \"questions\": 6, "
        "\"covered\": 4, \"correct\": 3, \"accuracy\": 0.75}}, \"similarity\": [{\"path\": \"p.txt\", \"restrict\": 7, "
        "\"pairs\": 5, \"covered\": 3, \"spearman\": 1}, {\"path\": \"none.txt\", \"restrict\": 7, \"pairs\": 1, "
        "\"covered\": 0, \"spearman\": null}]}\n");
  CHECK(format_table(evaluation) ==
        "vectors: v.txt (8 words, 3 dimensions)\n"
        "\n"
        "analogies: q.txt (candidates: the first 7 words)\n"
        "section        questions  covered  correct  accuracy\n"
        "royalty                5        3        2    66.67%\n"
        "gram1-opposite         1        1        1   100.00%\n"
        "----------------------------------------------------\n"
        "semantic               5        3        2    66.67%\n"
        "syntactic              1        1        1   100.00%\n"
        "total                  6        4        3    75.00%\n"
        "\n"
        "similarity  pairs  covered  spearman\n"
        "p.txt           5        3    1.0000\n"
        "none.txt        1        0       nan\n");
}

TEST_CASE("evaluation report: bytes that are not UTF-8 are escaped, so the JSON stays valid") {
  Evaluation evaluation{"v\xff.txt", 1, 1, {}, {}};
  AnalogyResults results;
  results.sections.push_back({"caf\xe9 \"q\"\x01", 1, 1, 1});
  evaluation.analogies.emplace("q\xc3.txt", results);
  const std::string json = format_json(evaluation);
  CHECK(json.find("\"path\": \"v\\\\xff.txt\"") != std::string::npos);
  CHECK(json.find("\"name\": \"caf\\\\xe9 \\\"q\\\"\\u0001\"") != std::string::npos);
  CHECK(json.find("\"path\": \"q\\\\xc3.txt\"") != std::string::npos);
  CHECK(is_valid_utf8(json));
  const std::string table = format_table(evaluation);
  CHECK(table.find("caf\\xe9 \"q\"\\x01") != std::string::npos);
  CHECK(is_valid_utf8(table));
}

TEST_CASE("w2v eval: table or JSON, the test files and options are checked" * doctest::test_suite("cli")) {
  const test::TempDir dir;
  const std::string vectors = hand_made_vectors(dir);
  test::write_file(dir.file("q.txt"), kQuestions);
  test::write_file(dir.file("p.txt"), kPairs);
  const std::string tests = " --analogies " + dir.file("q.txt") + " --restrict 7 --similarity " + dir.file("p.txt") +
                            " " + dir.file("p.txt") + " --similarity-restrict 7";
  const auto table = run_w2v("eval " + vectors + tests, dir);
  CHECK(table.exit_code == 0);
  CHECK(table.errors.empty());
  CHECK(table.output.find("total                  6        4        3    75.00%\n") != std::string::npos);
  const auto json = run_w2v("eval " + vectors + tests + " --json", dir);
  CHECK(json.exit_code == 0);
  CHECK(json.output.starts_with("{\"vectors\": {\"path\": \"" + vectors + "\", \"words\": 8, \"dim\": 3}"));
  CHECK(json.output.find("\"total\": {\"name\": \"total\", \"questions\": 6, \"covered\": 4, \"correct\": 3") !=
        std::string::npos);
  // Both files after one --similarity are evaluated.
  const std::string pair_result = "\"pairs\": 5, \"covered\": 3, \"spearman\": 1}";
  const std::size_t first = json.output.find(pair_result);
  CHECK((first != std::string::npos && json.output.find(pair_result, first + 1) != std::string::npos));

  const auto nothing = run_w2v("eval " + vectors, dir);
  CHECK(nothing.exit_code == 1);
  CHECK(nothing.errors == "w2v eval: error: nothing to evaluate: give --analogies FILE and/or --similarity FILE...\n");
  const auto stray = run_w2v("eval " + vectors + " extra --analogies " + dir.file("q.txt"), dir);
  CHECK(stray.exit_code == 1);
  CHECK(stray.errors == "w2v eval: error: unexpected argument 'extra'\n");
  test::write_file(dir.file("bad.txt"), ": s\nman king woman\n");
  const auto bad = run_w2v("eval " + vectors + " --analogies " + dir.file("bad.txt"), dir);
  CHECK(bad.exit_code == 1);
  CHECK(bad.errors ==
        "w2v eval: error: " + dir.file("bad.txt") + ": line 2: expected ': section' or a question of four words\n");
}

TEST_CASE("evaluation: the same numbers as gensim's evaluate_word_analogies and evaluate_word_pairs" *
          doctest::test_suite("slow")) {
  // Base words and four relations, each a noisy offset, so that some
  // analogies come out right and some wrong. Rows are shuffled, so some
  // question words fall beyond the restriction; some words have case
  // variants, some of them ahead of the lower-case form.
  constexpr std::size_t kDim = 16, kBases = 40, kRelations = 4;
  std::mt19937 random(11);
  std::normal_distribution<float> normal;
  const auto random_vector = [&](float scale) {
    std::vector<float> v(kDim);
    for (float& x : v) x = scale * normal(random);
    return v;
  };
  std::vector<std::string> words;
  std::vector<std::vector<float>> vectors;
  std::vector<std::vector<float>> relations;
  for (std::size_t k = 0; k < kRelations; ++k) relations.push_back(random_vector(1.0f));
  for (std::size_t i = 0; i < kBases; ++i) {
    words.push_back("b" + std::to_string(i));
    vectors.push_back(random_vector(1.0f));
    for (std::size_t k = 0; k < kRelations; ++k) {
      std::vector<float> derived = random_vector(0.8f);
      for (std::size_t j = 0; j < kDim; ++j) derived[j] += vectors[i * (kRelations + 1)][j] + relations[k][j];
      words.push_back("r" + std::to_string(k) + "_b" + std::to_string(i));
      vectors.push_back(derived);
    }
  }
  // Case variants near their lower-case forms, so they compete as answers.
  for (const auto& [variant, of] : {std::pair{"B3", 3 * (kRelations + 1)},
                                    {"R1_B5", 5 * (kRelations + 1) + 2},
                                    {"r2_B7", 7 * (kRelations + 1) + 3}}) {
    words.push_back(variant);
    vectors.push_back(random_vector(0.2f));
    for (std::size_t j = 0; j < kDim; ++j) vectors.back()[j] += vectors[of][j];
  }
  for (const char* word : {"é", "É"}) {
    words.push_back(word);
    vectors.push_back(random_vector(1.0f));
  }
  std::vector<std::size_t> order(words.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), random);
  std::vector<std::string> shuffled_words;
  std::vector<float> values;
  for (const std::size_t i : order) {
    shuffled_words.push_back(words[i]);
    values.insert(values.end(), vectors[i].begin(), vectors[i].end());
  }
  const test::TempDir dir;
  write_vectors(dir.file("v.txt"), shuffled_words, values.data(), kDim, kDim, false);
  const std::size_t restrict = words.size() * 9 / 10;

  std::ostringstream questions;
  const char* const sections[] = {"capital-like", "family-like", "gram1-like", "gram2-like"};
  for (std::size_t k = 0; k < kRelations; ++k) {
    questions << ": " << sections[k] << "\n";
    for (std::size_t i = 0; i < 12; ++i) {
      for (std::size_t j = 0; j < 12; ++j) {
        if (i == j) continue;
        const std::string a = "b" + std::to_string(i), c = "b" + std::to_string(j);
        questions << (i % 5 == 0 ? "B" + a.substr(1) : a) << " r" << k << "_" << a << " " << c << " r" << k << "_" << c
                  << "\n";
      }
    }
    questions << "b1 r" << k << "_b1 é xyzzy\n";
  }
  questions << ": empty\n";
  test::write_file(dir.file("q.txt"), questions.str());

  std::ostringstream pairs;
  std::uniform_int_distribution<std::size_t> any_word(0, words.size() - 1);
  std::uniform_int_distribution<int> score(0, 5);  // few values: many ties
  for (int i = 0; i < 150; ++i)
    pairs << words[any_word(random)] << "\t" << words[any_word(random)] << "\t" << score(random) << "\n";
  pairs << "b1\txyzzy\t3\n";
  test::write_file(dir.file("p.txt"), pairs.str());

  const WordVectors loaded = read_vectors(dir.file("v.txt"));
  const AnalogyResults ours =
      evaluate_analogies(SimilarityIndex(loaded), read_analogy_questions(dir.file("q.txt")), restrict);
  const WordPairResults our_pairs = evaluate_word_pairs(loaded, dir.file("p.txt"), restrict);
  REQUIRE(ours.total.correct > 0);
  REQUIRE(ours.total.correct < ours.total.covered);
  REQUIRE(ours.total.covered < ours.total.questions);

  if (!test::gensim_available()) {
    MESSAGE("skipped the comparison: gensim is not importable by /usr/bin/python3");
    return;
  }
  const char* const script = R"(
import sys
from gensim.models import KeyedVectors
vectors, questions, pairs, restrict = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
kv = KeyedVectors.load_word2vec_format(vectors)
score, sections = kv.evaluate_word_analogies(questions, restrict_vocab=restrict, case_insensitive=True)
for s in sections:
    print(s['section'].replace(' ', '_'), len(s['correct']), len(s['correct']) + len(s['incorrect']))
pearson, spearman, oov_ratio = kv.evaluate_word_pairs(pairs, restrict_vocab=restrict, case_insensitive=True,
                                                      dummy4unknown=False)
print('pairs', repr(spearman[0]), repr(oov_ratio))
)";
  std::istringstream gensim(test::run_python(
      script, dir.file("v.txt") + " " + dir.file("q.txt") + " " + dir.file("p.txt") + " " + std::to_string(restrict),
      dir));
  std::vector<AnalogyScore> expected = ours.sections;
  expected.push_back(ours.total);
  expected.back().name = "Total_accuracy";
  for (const AnalogyScore& section : expected) {
    std::string name;
    std::size_t correct = 0, covered = 0;
    gensim >> name >> correct >> covered;
    CHECK(name == section.name);
    CHECK(correct == section.correct);
    CHECK(covered == section.covered);
  }
  std::string label;
  double spearman = 0, oov_ratio = 0;
  gensim >> label >> spearman >> oov_ratio;
  CHECK(label == "pairs");
  CHECK(our_pairs.spearman == doctest::Approx(spearman).epsilon(1e-9));
  CHECK(100.0 * static_cast<double>(our_pairs.pairs - our_pairs.covered) / static_cast<double>(our_pairs.pairs) ==
        doctest::Approx(oov_ratio).epsilon(1e-12));
}

TEST_SUITE_END();
