#include "w2v/vectors_file.h"

#include <charconv>
#include <cstdio>

#include "w2v/atomic_file.h"

namespace w2v {

void write_vectors(const std::string& path, const std::vector<std::string>& words,
                   const float* data, std::size_t dim, std::size_t stride, bool binary) {
  AtomicFile file(path);
  std::FILE* out = file.stream();
  std::fprintf(out, "%zu %zu\n", words.size(), dim);
  char number[32];
  for (std::size_t i = 0; i < words.size(); ++i) {
    const float* row = data + i * stride;
    std::fputs(words[i].c_str(), out);
    if (binary) {
      std::fputc(' ', out);
      std::fwrite(row, sizeof(float), dim, out);
    } else {
      for (std::size_t j = 0; j < dim; ++j) {
        // Shortest text that reads back to the same float.
        const auto end = std::to_chars(number, number + sizeof number, row[j]).ptr;
        std::fputc(' ', out);
        std::fwrite(number, 1, static_cast<std::size_t>(end - number), out);
      }
    }
    std::fputc('\n', out);
  }
  file.commit();
}

}  // namespace w2v
