#pragma once
// The loop shared by `w2v neighbors` and `w2v analogy`: a query is a line of
// words, from the command line or from stdin.
#include <cstddef>
#include <string>
#include <vector>

#include "w2v/vectors/similarity_index.h"

namespace w2v::cli {

// What a query command makes of a line of words.
struct QueryKind {
  const char* command;  // "w2v neighbors", for messages
  const char* prompt;   // shown when stdin is a terminal
  std::size_t words;    // words a query takes; 0 for one or more
  SimilarityQuery (*make_query)(const std::vector<std::size_t>& rows);
  std::string (*title)(const std::vector<std::string>& words);
};

// Answers the command line's `words` (for a query of a fixed number of words,
// one query; otherwise each argument is a query of its own words) or, when
// there are none, a query per line of stdin, with a prompt when stdin is a
// terminal, up to a line "EXIT" (word2vec.c's way out) or the end of input.
// Piped lines are answered in batches, one matrix product per batch. Each
// answer is its title, then the `k` best words with their scores. A query
// with unknown words or the wrong number of words is reported on stderr and
// skipped. Returns the exit status: 0 when every query was answered, else 1.
int run_queries(const QueryKind& kind, const SimilarityIndex& index, Scoring scoring, std::size_t k,
                const std::vector<std::string>& words);

}  // namespace w2v::cli
