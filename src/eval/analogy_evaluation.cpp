#include "w2v/eval/analogy_evaluation.h"

#include <fstream>
#include <optional>
#include <sstream>

#include "w2v/eval/case_insensitive_vocabulary.h"
#include "w2v/base/error.h"

namespace w2v {
namespace {

// gensim takes the 5 best candidates (the question words' own rows left
// out) and answers with the first whose upper-case form is not a question
// word's; when all 5 are case variants of question words it is left with
// the fifth.
constexpr std::size_t kCandidatesLooked = 5;

bool is_syntactic(const std::string& section) { return section.starts_with("gram"); }

}  // namespace

std::vector<AnalogySection> read_analogy_questions(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open analogy questions");
  std::vector<AnalogySection> sections;
  std::string line;
  for (std::size_t line_number = 1; std::getline(in, line); ++line_number) {
    if (line.starts_with(": ")) {
      // gensim's name: the line without its leading ':' and ' ' characters.
      const std::size_t start = line.find_first_not_of(": \t\r\v\f");
      const std::size_t end = line.find_last_not_of(" \t\r\v\f");
      sections.push_back({start == std::string::npos ? "" : line.substr(start, end + 1 - start), {}});
      continue;
    }
    std::istringstream fields(line);
    AnalogyQuestion question;
    std::string extra;
    if (!(fields >> question.a)) continue;  // a blank line
    const auto where = [&] { return path + ": line " + std::to_string(line_number) + ": "; };
    if (!(fields >> question.b >> question.c >> question.expected) || (fields >> extra)) {
      throw Error(where() + "expected ': section' or a question of four words");
    }
    if (sections.empty()) throw Error(where() + "a question before the first ': section' line");
    sections.back().questions.push_back(std::move(question));
  }
  if (in.bad()) throw Error(path + ": read error");
  return sections;
}

double AnalogyScore::accuracy() const {
  return covered == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(covered);
}

void AnalogyScore::add(const AnalogyScore& other) {
  questions += other.questions;
  covered += other.covered;
  correct += other.correct;
}

AnalogyResults evaluate_analogies(const SimilarityIndex& index, std::span<const AnalogySection> sections,
                                  std::size_t restrict) {
  const CaseInsensitiveVocabulary vocabulary(index.vectors(), restrict);
  AnalogyResults results;
  results.restrict = restrict;

  std::vector<std::size_t> expected_rows;
  std::vector<SimilarityQuery> queries;
  for (std::size_t s = 0; s < sections.size(); ++s) {
    results.sections.push_back({sections[s].name});
    for (std::size_t q = 0; q < sections[s].questions.size(); ++q) {
      const AnalogyQuestion& question = sections[s].questions[q];
      ++results.sections[s].questions;
      const auto a = vocabulary.find(question.a), b = vocabulary.find(question.b);
      const auto c = vocabulary.find(question.c), expected = vocabulary.find(question.expected);
      if (!a || !b || !c || !expected) continue;
      results.asked.push_back({s, q, false});
      expected_rows.push_back(*expected);
      queries.push_back({{*b, *c}, {*a}});
    }
  }

  const auto answers = index.most_similar(queries, Scoring::add, kCandidatesLooked, restrict);
  for (std::size_t i = 0; i < queries.size(); ++i) {
    const SimilarityQuery& query = queries[i];
    std::optional<std::size_t> predicted;
    for (const Neighbor& candidate : answers[i]) {
      predicted = vocabulary.representative(candidate.row);
      if (*predicted != query.positive[0] && *predicted != query.positive[1] && *predicted != query.negative[0]) break;
    }
    AskedQuestion& asked = results.asked[i];
    AnalogyScore& section = results.sections[asked.section];
    ++section.covered;
    asked.correct = predicted == expected_rows[i];
    if (asked.correct) ++section.correct;
  }

  for (const AnalogyScore& section : results.sections) {
    (is_syntactic(section.name) ? results.syntactic : results.semantic).add(section);
    results.total.add(section);
  }
  return results;
}

}  // namespace w2v
