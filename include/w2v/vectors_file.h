#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace w2v {

// Writes word vectors in word2vec's format: a "rows dim" header line, then one
// row per word, as text ("word v1 v2 ...") or binary ("word " + dim
// little-endian float32 + "\n"). Rows are read from `data` with `stride`
// floats between consecutive rows. The file is written under a temporary name
// and renamed at the end, so a failure never leaves a partial file at `path`.
void write_vectors(const std::string& path, const std::vector<std::string>& words,
                   const float* data, std::size_t dim, std::size_t stride, bool binary);

}  // namespace w2v
