// Uses the installed library: writes a small vectors file into the directory
// given as its argument, reads it back and asks for a nearest word. Prints the
// version, then "ok"; exits non-zero on any mismatch.
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "w2v/base/error.h"
#include "w2v/vectors/similarity_index.h"
#include "w2v/vectors/vectors_file.h"
#include "w2v/version.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: w2v_consumer SCRATCH_DIR\n");
    return 2;
  }
  std::printf("w2v %s\n", w2v::kVersion);
  const std::vector<std::string> words{"king", "queen", "apple"};
  const std::vector<float> values{1.0f, 0.1f, 0.0f, 0.9f, 0.2f, 0.0f, 0.0f, 0.0f, 1.0f};
  const std::string path = (std::filesystem::path(argv[1]) / "vectors.bin").string();
  try {
    w2v::write_vectors(path, words, values.data(), 3, 3, /*binary=*/true);
    w2v::WordVectors vectors = w2v::read_vectors(path);
    std::filesystem::remove(path);
    if (vectors.size() != 3 || vectors.dim() != 3 || vectors.word(1) != "queen" || vectors.row(2)[2] != 1.0f) {
      std::fprintf(stderr, "consumer: the vectors read back differ from those written\n");
      return 1;
    }
    const w2v::SimilarityIndex index(std::move(vectors));
    const w2v::SimilarityQuery query{{0}, {}};
    const auto answers = index.most_similar({&query, 1}, w2v::Scoring::add, 1, 3);
    if (answers.size() != 1 || answers[0].size() != 1 || index.vectors().word(answers[0][0].row) != "queen") {
      std::fprintf(stderr, "consumer: the nearest word to 'king' is not 'queen'\n");
      return 1;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "consumer: error: %s\n", e.what());
    return 1;
  }
  std::printf("ok\n");
  return 0;
}
