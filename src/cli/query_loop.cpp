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
constexpr const char* kExit = "EXIT";

class QueryLoop {
 public:
  QueryLoop(const QueryKind& kind, const WordVectors& vectors, const Answerer& answerer, bool interactive)
      : kind_(kind), vectors_(vectors), answerer_(answerer), interactive_(interactive) {}

  // Queues the query made of `words`, or reports why there is none.
  void add(std::vector<std::string> words);
  // Answers and prints the queued queries.
  void answer();
  std::size_t queued() const { return questions_.size(); }
  bool all_answered() const { return !skipped_; }

 private:
  void skip(const std::string& problem);
  std::string count_problem(std::size_t words) const;

  const QueryKind& kind_;
  const WordVectors& vectors_;
  const Answerer& answerer_;
  bool interactive_;
  std::vector<Question> questions_;
  bool skipped_ = false;
  bool printed_ = false;
};

void QueryLoop::skip(const std::string& problem) {
  std::fprintf(stderr, "%s: %s\n", kind_.command, problem.c_str());
  skipped_ = true;
}

std::string QueryLoop::count_problem(std::size_t words) const {
  const std::string got = ", got " + std::to_string(words);
  if (kind_.min_words == kind_.max_words) return "expected " + std::to_string(kind_.min_words) + " words" + got;
  if (words < kind_.min_words) return "expected at least " + std::to_string(kind_.min_words) + " words" + got;
  return "expected at most " + std::to_string(kind_.max_words) + " words" + got;
}

void QueryLoop::add(std::vector<std::string> words) {
  if (words.size() < kind_.min_words || words.size() > kind_.max_words) return skip(count_problem(words.size()));
  Question question;
  for (const std::string& typed : words) {
    const bool negative = kind_.negatives && typed.size() > 1 && typed[0] == '-';
    const std::string word = negative ? typed.substr(1) : typed;
    if (const auto row = vectors_.find(word)) {
      question.rows.push_back(*row);
      question.negative.push_back(negative);
    } else {
      skip("unknown word '" + printable(word) + "'");
    }
  }
  if (question.rows.size() != words.size()) return;
  question.words = std::move(words);
  questions_.push_back(std::move(question));
}

void QueryLoop::answer() {
  if (questions_.empty()) return;
  for (const std::string& text : answerer_(questions_)) {
    if (printed_ && kind_.blank_line_between_answers && !interactive_) std::fputc('\n', stdout);
    printed_ = true;
    std::fputs(text.c_str(), stdout);
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

int run_queries(const QueryKind& kind, const WordVectors& vectors, const Answerer& answerer,
                const std::vector<std::string>& words) {
  const bool interactive = words.empty() && isatty(STDIN_FILENO);
  // At a terminal each line is answered at once; piped lines in batches.
  QueryLoop loop(kind, vectors, answerer, interactive);
  if (!words.empty() && kind.query_per_argument) {
    for (const std::string& argument : words) loop.add(split_words(argument));
  } else if (!words.empty()) {
    loop.add(words);
  } else {
    if (interactive) std::fprintf(stderr, "A query per line; EXIT or Ctrl-D ends.\n%s", kind.prompt);
    for (std::string line; std::getline(std::cin, line);) {
      std::vector<std::string> line_words = split_words(line);
      // word2vec.c's distance and word-analogy stop at this line.
      if (line_words.size() == 1 && line_words[0] == kExit) break;
      if (!line_words.empty()) loop.add(std::move(line_words));
      if (interactive || loop.queued() == kLinesPerBatch) loop.answer();
      if (interactive) std::fputs(kind.prompt, stderr);
    }
  }
  loop.answer();
  return loop.all_answered() ? 0 : 1;
}

std::string query_title(const std::vector<std::string>& words) {
  std::string title;
  for (const std::string& word : words) title += (title.empty() ? "" : " ") + word;
  return title;
}

std::string ranked_list(const std::string& title, const std::vector<Neighbor>& neighbors, const WordVectors& vectors) {
  std::vector<std::string> words;  // as they can be shown: a word need not be UTF-8
  std::size_t width = 0;
  for (const Neighbor& n : neighbors) {
    words.push_back(printable(vectors.word(n.row)));
    width = std::max(width, words.back().size());
  }
  std::string text = printable(title) + "\n";
  char score[32];
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::snprintf(score, sizeof score, "  %.4f\n", neighbors[i].score);
    text += "  " + words[i] + std::string(width - words[i].size(), ' ') + score;
  }
  return text;
}

}  // namespace w2v::cli
