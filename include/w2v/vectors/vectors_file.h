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

// Writes word vectors for the TensorBoard embedding projector
// (projector.tensorflow.org, "Load"): `vectors_path` gets a line of
// tab-separated values per word, `metadata_path` the words, one per line (a
// single column, so without a header line), in the same order. Each file is
// written under a temporary name and renamed at the end.
void write_projector_tsv(const std::string& vectors_path, const std::string& metadata_path,
                         const std::vector<std::string>& words, const float* data, std::size_t dim,
                         std::size_t stride);

constexpr std::size_t kAllRows = std::numeric_limits<std::size_t>::max();

// Reads a word2vec vectors file, keeping its first `limit` rows. Text and
// binary files are told apart by their content, and so is gzip: a gzip file
// (GoogleNews-vectors-negative300.bin.gz, say) is decompressed into memory,
// only as far as the first `limit` rows reach. Accepted are the files of
// write_vectors, word2vec.c, gensim's save_word2vec_format (whose binary rows
// have no newline) and fastText's .vec, with Windows line endings, trailing
// blanks and no final newline. A word seen again keeps its first row.
// Anything malformed (header, short or long row, a value that is not a finite
// number, truncated binary data, rows beyond the header's count) throws Error
// naming the file and the line (text) or row (binary); so does gzip data
// that is corrupt, truncated or larger than the machine's memory.
WordVectors read_vectors(const std::string& path, std::size_t limit = kAllRows);

}  // namespace w2v
