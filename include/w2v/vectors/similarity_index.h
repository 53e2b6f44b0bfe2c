#pragma once
#include <cstddef>
#include <span>
#include <vector>

#include "w2v/vectors/word_vectors.h"

namespace w2v {

// gensim's most_similar query: words (as rows) to move towards and away from.
// A word's own neighbours: positive = {word}; "a is to b as c is to ?":
// positive = {b, c}, negative = {a}.
struct SimilarityQuery {
  std::vector<std::size_t> positive;
  std::vector<std::size_t> negative;
  // A vector added to the target as it is, not scaled to unit length, as
  // gensim's most_similar adds the vectors it is given in place of words
  // (Scoring::add only). Empty: none.
  std::vector<float> offset{};
};

// How a query scores a candidate row x, all vectors taken at unit length.
enum class Scoring {
  // cos(x, sum(positive) - sum(negative)): 3CosAdd, gensim's most_similar
  // and word2vec.c's distance and word-analogy.
  add,
  // prod((1 + cos(x, p)) / 2) / (prod((1 + cos(x, n)) / 2) + 1e-6): 3CosMul
  // (Levy & Goldberg 2014), gensim's most_similar_cosmul.
  mul,
};

struct Neighbor {
  std::size_t row;
  float score;
};

// Word vectors scaled to unit length once, answering batches of queries with
// matrix products.
class SimilarityIndex {
 public:
  // A zero row (no direction) stays zero and scores 0 against everything.
  explicit SimilarityIndex(WordVectors vectors);

  // The words with their unit-length rows.
  const WordVectors& vectors() const { return vectors_; }

  // For each query, the `k` best of the first `candidates` rows (all of them
  // when `k` is larger), best first, leaving out the query's own words (as
  // gensim and word2vec.c do). Equal scores rank the earlier (more frequent)
  // row first.
  std::vector<std::vector<Neighbor>> most_similar(std::span<const SimilarityQuery> queries, Scoring scoring,
                                                  std::size_t k, std::size_t candidates) const;

  // The scores of the first `candidates` rows for `query`, in row order,
  // the query's own words included (gensim's most_similar with topn=None).
  std::vector<float> scores(const SimilarityQuery& query, Scoring scoring, std::size_t candidates) const;

  // The cosine of two rows: gensim's similarity.
  float similarity(std::size_t a, std::size_t b) const;

  // gensim's doesnt_match and rank_by_centrality: each row scored by its
  // cosine to the mean of the rows' unit vectors, least central first (the
  // word that doesn't match), equal scores in word order.
  std::vector<Neighbor> doesnt_match(std::span<const std::size_t> rows) const;

 private:
  WordVectors vectors_;
};

}  // namespace w2v
