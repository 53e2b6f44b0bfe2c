#pragma once
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "w2v/base/matrix.h"

namespace w2v {

// A partition of the words into classes by the direction of their vectors.
struct WordClasses {
  std::vector<std::int32_t> class_of;  // one per row, 0..classes-1
  std::size_t classes = 0;  // classes with at least one word
  int iterations = 0;       // assignment passes run
  bool converged = false;   // the last pass moved no word
  double mean_cosine = 0;   // of a word with the centre of its class
};

// K-means on the word vectors scaled to unit length (spherical k-means), as
// word2vec.c's -classes K: a class centre is the normalised sum of its words'
// unit vectors and a word joins the centre of highest cosine. Unlike
// word2vec.c, which starts from classes dealt round-robin (every centre then
// starts near the mean of all vectors), the centres start from k-means++
// seeding drawn with `seed`, and an emptied class takes the word farthest
// from its own centre. Runs at most `max_iterations` assignment passes and
// stops when no word moves. Class ids are numbered in order of first
// appearance, so the first row is in class 0. The result depends only on the
// vectors, `classes`, `max_iterations` and `seed`, not on the threads.
// Throws Error when `classes` is 0 or exceeds the number of rows.
WordClasses cluster_words(ConstMatrixMap<float> vectors, std::size_t classes, int max_iterations, std::uint64_t seed);

// Writes "word class" lines, one per row in row order, as word2vec.c does.
void write_word_classes(std::FILE* out, const std::vector<std::string>& words, const WordClasses& classes);

}  // namespace w2v
