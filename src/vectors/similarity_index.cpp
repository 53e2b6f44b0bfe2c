#include "w2v/vectors/similarity_index.h"

#include <algorithm>
#include <cstddef>
#include <string>

#include "w2v/base/error.h"

namespace w2v {
namespace {

// Queries answered by one matrix product. Their score block is queries x
// candidates floats: 128 x 71k words is 36 MB. 3CosMul needs a row of
// cosines per query word, so its blocks hold fewer queries.
constexpr std::size_t kAddQueriesPerBlock = 128;
constexpr std::size_t kMulQueriesPerBlock = 32;
// gensim's most_similar_cosmul keeps the denominator off zero with this.
constexpr float kCosMulEpsilon = 1e-6f;

using ScoreBlock = RowMatrix<float>;  // one row of candidate scores per query

Eigen::Map<const Eigen::RowVectorXf> unit_row(const WordVectors& vectors, std::size_t row) {
  return {vectors.row(row), static_cast<Eigen::Index>(vectors.dim())};
}

ScoreBlock add_scores(std::span<const SimilarityQuery> queries, const WordVectors& vectors, std::size_t candidates) {
  RowMatrix<float> targets =
      RowMatrix<float>::Zero(static_cast<Eigen::Index>(queries.size()), static_cast<Eigen::Index>(vectors.dim()));
  for (std::size_t q = 0; q < queries.size(); ++q) {
    auto target = targets.row(static_cast<Eigen::Index>(q));
    for (const std::size_t row : queries[q].positive) target += unit_row(vectors, row);
    for (const std::size_t row : queries[q].negative) target -= unit_row(vectors, row);
    if (!queries[q].offset.empty()) target += Eigen::Map<const Eigen::RowVectorXf>(queries[q].offset.data(), target.size());
    const float norm = target.norm();
    if (norm > 0) target /= norm;  // so the scores are cosines
  }
  ScoreBlock scores(targets.rows(), static_cast<Eigen::Index>(candidates));
  scores.noalias() = targets * vectors.matrix(candidates).transpose();
  return scores;
}

ScoreBlock mul_scores(std::span<const SimilarityQuery> queries, const WordVectors& vectors, std::size_t candidates) {
  std::vector<std::size_t> words;  // each query's positive then negative words
  for (const SimilarityQuery& query : queries) {
    words.insert(words.end(), query.positive.begin(), query.positive.end());
    words.insert(words.end(), query.negative.begin(), query.negative.end());
  }
  RowMatrix<float> word_rows(static_cast<Eigen::Index>(words.size()), static_cast<Eigen::Index>(vectors.dim()));
  for (std::size_t i = 0; i < words.size(); ++i)
    word_rows.row(static_cast<Eigen::Index>(i)) = unit_row(vectors, words[i]);
  RowMatrix<float> cosines(word_rows.rows(), static_cast<Eigen::Index>(candidates));
  cosines.noalias() = word_rows * vectors.matrix(candidates).transpose();

  ScoreBlock scores(static_cast<Eigen::Index>(queries.size()), static_cast<Eigen::Index>(candidates));
  Eigen::ArrayXXf denominator(1, static_cast<Eigen::Index>(candidates));
  Eigen::Index next = 0;
  // Cosines shifted to [0, 1] and multiplied in gensim's order, in float32.
  const auto shifted = [&] { return (cosines.row(next++).array() + 1.0f) / 2.0f; };
  for (std::size_t q = 0; q < queries.size(); ++q) {
    auto score = scores.row(static_cast<Eigen::Index>(q)).array();
    score.setOnes();
    for (std::size_t i = 0; i < queries[q].positive.size(); ++i) score *= shifted();
    denominator.setOnes();
    for (std::size_t i = 0; i < queries[q].negative.size(); ++i) denominator *= shifted();
    score /= denominator + kCosMulEpsilon;
  }
  return scores;
}

bool is_query_word(const SimilarityQuery& query, std::size_t row) {
  return std::find(query.positive.begin(), query.positive.end(), row) != query.positive.end() ||
         std::find(query.negative.begin(), query.negative.end(), row) != query.negative.end();
}

std::vector<Neighbor> top_k(const float* scores, std::size_t candidates, std::size_t k, const SimilarityQuery& query) {
  const auto better = [](const Neighbor& a, const Neighbor& b) {
    return a.score > b.score || (a.score == b.score && a.row < b.row);
  };
  std::vector<Neighbor> kept;  // a heap with the worst kept neighbour on top
  if (k == 0) return kept;
  kept.reserve(k);
  for (std::size_t row = 0; row < candidates; ++row) {
    const float score = scores[row];
    // Rows come in increasing order, so an equal score never displaces a kept row.
    if (kept.size() == k && !(score > kept.front().score)) continue;
    if (is_query_word(query, row)) continue;
    if (kept.size() == k) {
      std::pop_heap(kept.begin(), kept.end(), better);
      kept.back() = {row, score};
    } else {
      kept.push_back({row, score});
    }
    std::push_heap(kept.begin(), kept.end(), better);
  }
  std::sort_heap(kept.begin(), kept.end(), better);
  return kept;
}

// Throws Error for a query the scoring cannot answer; before any thread
// starts, as an exception must not leave an OpenMP region.
void check(std::span<const SimilarityQuery> queries, Scoring scoring, std::size_t dim) {
  for (const SimilarityQuery& query : queries) {
    if (query.offset.empty()) continue;
    if (scoring == Scoring::mul) throw Error("3CosMul scores words only, not a query vector");
    if (query.offset.size() != dim) {
      throw Error("a query vector has " + std::to_string(query.offset.size()) + " values, expected " +
                  std::to_string(dim));
    }
  }
}

ScoreBlock scores_of(std::span<const SimilarityQuery> queries, Scoring scoring, const WordVectors& vectors,
                     std::size_t candidates) {
  return scoring == Scoring::add ? add_scores(queries, vectors, candidates) : mul_scores(queries, vectors, candidates);
}

}  // namespace

SimilarityIndex::SimilarityIndex(WordVectors vectors) : vectors_(std::move(vectors)) { vectors_.normalize(); }

std::vector<std::vector<Neighbor>> SimilarityIndex::most_similar(std::span<const SimilarityQuery> queries,
                                                                 Scoring scoring, std::size_t k,
                                                                 std::size_t candidates) const {
  check(queries, scoring, vectors_.dim());
  candidates = std::min(candidates, vectors_.size());
  k = std::min(k, candidates);  // no more answers than words: a huge -k is not reserved
  const std::size_t per_block = scoring == Scoring::add ? kAddQueriesPerBlock : kMulQueriesPerBlock;
  const std::size_t blocks = (queries.size() + per_block - 1) / per_block;
  std::vector<std::vector<Neighbor>> results(queries.size());
#pragma omp parallel for schedule(dynamic) if (blocks > 1)
  for (std::size_t b = 0; b < blocks; ++b) {
    const std::size_t first = b * per_block;
    const auto block = queries.subspan(first, std::min(per_block, queries.size() - first));
    const ScoreBlock scores = scores_of(block, scoring, vectors_, candidates);
    for (std::size_t q = 0; q < block.size(); ++q) {
      results[first + q] = top_k(scores.row(static_cast<Eigen::Index>(q)).data(), candidates, k, block[q]);
    }
  }
  return results;
}

std::vector<float> SimilarityIndex::scores(const SimilarityQuery& query, Scoring scoring, std::size_t candidates) const {
  check({&query, 1}, scoring, vectors_.dim());
  candidates = std::min(candidates, vectors_.size());
  const ScoreBlock block = scores_of({&query, 1}, scoring, vectors_, candidates);
  return {block.data(), block.data() + candidates};
}

float SimilarityIndex::similarity(std::size_t a, std::size_t b) const {
  return unit_row(vectors_, a).dot(unit_row(vectors_, b));
}

std::vector<Neighbor> SimilarityIndex::doesnt_match(std::span<const std::size_t> rows) const {
  Eigen::RowVectorXf mean = Eigen::RowVectorXf::Zero(static_cast<Eigen::Index>(vectors_.dim()));
  for (const std::size_t row : rows) mean += unit_row(vectors_, row);
  const float norm = mean.norm();
  if (norm > 0) mean /= norm;
  std::vector<Neighbor> ranked;
  for (const std::size_t row : rows) ranked.push_back({row, unit_row(vectors_, row).dot(mean)});
  std::sort(ranked.begin(), ranked.end(), [&](const Neighbor& a, const Neighbor& b) {
    return a.score < b.score || (a.score == b.score && vectors_.word(a.row) < vectors_.word(b.row));
  });
  return ranked;
}

}  // namespace w2v
