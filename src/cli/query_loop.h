#pragma once
// The loop shared by the query commands (neighbors, analogy, similarity,
// doesnt-match): a query is a line of words, from the command line or stdin.
#include <cstddef>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "w2v/vectors/similarity_index.h"

namespace w2v::cli {

// A query: its words as typed and the rows they name.
struct Question {
  std::vector<std::string> words;
  std::vector<std::size_t> rows;
  std::vector<bool> negative;  // per word: typed "-word", to move away from
};

// What a query command accepts.
struct QueryKind {
  static constexpr std::size_t kAnyNumber = std::numeric_limits<std::size_t>::max();

  const char* command;  // "w2v neighbors", for messages
  const char* prompt;   // shown when stdin is a terminal
  std::size_t min_words;
  std::size_t max_words;  // or kAnyNumber
  // Each command-line argument is a query of its own words (`neighbors V king
  // "man woman"` asks twice); otherwise all the arguments are one query.
  bool query_per_argument;
  // "-word" names `word` as a word to move away from; otherwise it is looked
  // up as it is.
  bool negatives;
  // Answers of several lines, which a blank line keeps apart when piped (at a
  // terminal, the prompts do).
  bool blank_line_between_answers;
};

// The text of the answer to each question of a batch, in order.
using Answerer = std::function<std::vector<std::string>(std::span<const Question>)>;

// Answers the command line's `words` or, when there are none, a query per
// line of stdin, with a prompt when stdin is a terminal, up to a line "EXIT"
// (word2vec.c's way out) or the end of input. Piped lines are answered in
// batches, so that an answerer can use one matrix product per batch. A query
// with unknown words or the wrong number of words is reported on stderr and
// skipped. Returns the exit status: 0 when every query was answered, else 1.
int run_queries(const QueryKind& kind, const WordVectors& vectors, const Answerer& answerer,
                const std::vector<std::string>& words);

// The words joined by spaces: an answer's title.
std::string query_title(const std::vector<std::string>& words);

// A title line, then one indented "word  score" line per neighbour, the words
// padded to one width.
std::string ranked_list(const std::string& title, const std::vector<Neighbor>& neighbors, const WordVectors& vectors);

}  // namespace w2v::cli
