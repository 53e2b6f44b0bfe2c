#pragma once
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "w2v/base/atomic_file.h"

#include "w2v/vectors/word_vectors.h"

namespace w2v {

// Writes word vectors in word2vec's format: a "rows dim" header line, then one
// row per word, as text ("word v1 v2 ...") or binary ("word " + dim
// little-endian float32 + "\n"). Rows are read from `data` with `stride`
// floats between consecutive rows. The file is an AtomicFile, so a failure
// never leaves a partial file at `path`.
void write_vectors(const std::string& path, const std::vector<std::string>& words, const float* data, std::size_t dim,
                   std::size_t stride, bool binary);
// The same into `file`, which the caller commits (with others, say).
void write_vectors(AtomicFile& file, const std::vector<std::string>& words, const float* data, std::size_t dim,
                   std::size_t stride, bool binary);

constexpr std::size_t kAllRows = std::numeric_limits<std::size_t>::max();

// Reads a word2vec vectors file, keeping its first `limit` rows. Text and
// binary files are told apart by their content; accepted are the files of
// write_vectors, word2vec.c, gensim's save_word2vec_format (whose binary rows
// have no newline) and fastText's .vec, with Windows line endings, trailing
// blanks and no final newline. A word seen again keeps its first row.
// Anything malformed (header, short or long row, a value that is not a finite
// number, truncated binary data, rows beyond the header's count) throws Error
// naming the file and the line (text) or row (binary).
WordVectors read_vectors(const std::string& path, std::size_t limit = kAllRows);

}  // namespace w2v
