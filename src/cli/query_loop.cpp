#include "query_loop.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "w2v/base/utf8.h"

namespace w2v::cli {
namespace {

constexpr std::size_t kLinesPerBatch = 256;

struct Question {
  std::vector<std::string> words;
  SimilarityQuery query;
};

class QueryLoop {
 public:
  QueryLoop(const QueryKind& kind, const SimilarityIndex& index, Scoring scoring, std::size_t k,
            bool blank_line_between_answers)
      : kind_(kind), index_(index), scoring_(scoring), k_(k), blank_line_between_answers_(blank_line_between_answers) {}

  // Queues the query made of `words`, or reports why there is none.
  void add(std::vector<std::string> words);
  // Answers and prints the queued queries.
  void answer();
  std::size_t queued() const { return questions_.size(); }
  bool all_answered() const { return !skipped_; }

 private:
  const QueryKind& kind_;
  const SimilarityIndex& index_;
  Scoring scoring_;
  std::size_t k_;
  bool blank_line_between_answers_;
  std::vector<Question> questions_;
  bool skipped_ = false;
  bool printed_ = false;
};

void QueryLoop::add(std::vector<std::string> words) {
  if (kind_.words != 0 && words.size() != kind_.words) {
    std::fprintf(stderr, "%s: expected %zu words, got %zu\n", kind_.command, kind_.words, words.size());
    skipped_ = true;
    return;
  }
  std::vector<std::size_t> rows;
  for (const std::string& word : words) {
    if (const auto row = index_.vectors().find(word)) {
      rows.push_back(*row);
    } else {
      std::fprintf(stderr, "%s: unknown word '%s'\n", kind_.command, printable(word).c_str());
      skipped_ = true;
    }
  }
  if (rows.size() == words.size()) questions_.push_back({std::move(words), kind_.make_query(rows)});
}

void QueryLoop::answer() {
  std::vector<SimilarityQuery> queries;
  for (const Question& question : questions_) queries.push_back(question.query);
  const auto answers = index_.most_similar(queries, scoring_, k_, index_.vectors().size());
  for (std::size_t q = 0; q < questions_.size(); ++q) {
    if (printed_ && blank_line_between_answers_) std::fputc('\n', stdout);
    printed_ = true;
    std::printf("%s\n", printable(kind_.title(questions_[q].words)).c_str());
    std::vector<std::string> words;  // as they can be shown: a word need not be UTF-8
    std::size_t width = 0;
    for (const Neighbor& n : answers[q]) {
      words.push_back(printable(index_.vectors().word(n.row)));
      width = std::max(width, words.back().size());
    }
    for (std::size_t i = 0; i < words.size(); ++i) {
      std::printf("  %-*s  %.4f\n", static_cast<int>(width), words[i].c_str(), answers[q][i].score);
    }
  }
  std::fflush(stdout);
  questions_.clear();
}

std::vector<std::string> split_words(const std::string& line) {
  std::istringstream fields(line);
  std::vector<std::string> words;
  for (std::string word; fields >> word;) words.push_back(std::move(word));
  return words;
}

}  // namespace

int run_queries(const QueryKind& kind, const SimilarityIndex& index, Scoring scoring, std::size_t k,
                const std::vector<std::string>& words) {
  const bool interactive = words.empty() && isatty(STDIN_FILENO);
  // At a terminal each line is answered at once, and the prompts keep the
  // answers apart; piped lines are answered in batches.
  QueryLoop loop(kind, index, scoring, k, !interactive);
  if (!words.empty() && kind.words == 0) {
    // Each argument is a query, like a line of stdin: `neighbors V king queen`
    // asks twice, `neighbors V "king woman"` once for the sum.
    for (const std::string& argument : words) loop.add(split_words(argument));
  } else if (!words.empty()) {
    loop.add(words);
  } else {
    if (interactive) std::fprintf(stderr, "A query per line; Ctrl-D ends.\n%s", kind.prompt);
    for (std::string line; std::getline(std::cin, line);) {
      std::vector<std::string> line_words = split_words(line);
      if (!line_words.empty()) loop.add(std::move(line_words));
      if (interactive || loop.queued() == kLinesPerBatch) loop.answer();
      if (interactive) std::fputs(kind.prompt, stderr);
    }
  }
  loop.answer();
  return loop.all_answered() ? 0 : 1;
}

}  // namespace w2v::cli
