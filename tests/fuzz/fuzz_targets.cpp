#include "fuzz_targets.h"

#include <sys/mman.h>
#include <unistd.h>

#include <stdexcept>
#include <string>

#include "w2v/base/error.h"
#include "w2v/eval/analogy_evaluation.h"
#include "w2v/eval/word_pair_evaluation.h"
#include "w2v/text/corpus.h"
#include "w2v/text/vocabulary.h"
#include "w2v/train/checkpoint.h"
#include "w2v/vectors/similarity_index.h"
#include "w2v/vectors/vectors_file.h"

namespace w2v::fuzz {
namespace {

// The readers take paths: the data goes to an in-memory file, reopened
// through /proc/self/fd as any file is.
std::string as_file(std::string_view data) {
  static const int fd = memfd_create("w2v-fuzz", MFD_CLOEXEC);
  if (fd < 0 || ftruncate(fd, 0) != 0 ||
      pwrite(fd, data.data(), data.size(), 0) != static_cast<ssize_t>(data.size())) {
    throw std::runtime_error("fuzz: cannot write the in-memory file");
  }
  return "/proc/self/fd/" + std::to_string(fd);
}

// Runs `read` on the data as a file; an Error is a refusal, not a failure.
template <class Read>
void refused_or_read(std::string_view data, Read&& read) {
  try {
    read(as_file(data));
  } catch (const Error&) {
  }
}

// A few words and vectors for the evaluation readers to look words up in.
const WordVectors& small_vectors() {
  static const WordVectors vectors = [] {
    WordVectors v(3);
    const char* words[] = {"king", "queen", "man", "woman", "Paris", "paris", "caf\xc3\xa9", "of"};
    for (int i = 0; i < 8; ++i) {
      const float row[3] = {1.0f + static_cast<float>(i), static_cast<float>(i % 3) - 1.0f, 0.5f * static_cast<float>(i)};
      v.add(words[i], row);
    }
    return v;
  }();
  return vectors;
}

void corpus(std::string_view data) {
  refused_or_read(data, [](const std::string& path) {
    const ScannedCorpus scanned = scan_corpus(path);
    const Vocabulary vocabulary(scanned.counts, 2, 0);
    if (vocabulary.size() > 0) encode_corpus(scanned, vocabulary);
  });
}

void vocabulary(std::string_view data) {
  refused_or_read(data, [](const std::string& path) {
    const Vocabulary vocabulary(read_word_counts(path), 1, 0);
    vocabulary.keep_probabilities(1e-3);
  });
}

void vectors(std::string_view data) {
  refused_or_read(data, [](const std::string& path) {
    read_vectors(path, 2);
    const SimilarityIndex index(read_vectors(path));
    if (index.vectors().size() == 0) return;
    const SimilarityQuery query{{0}, {}};
    index.most_similar({&query, 1}, Scoring::add, 3, index.vectors().size());
    index.most_similar({&query, 1}, Scoring::mul, 3, index.vectors().size());
  });
}

void checkpoint(std::string_view data) {
  refused_or_read(data, [](const std::string& path) { read_checkpoint(path); });
}

void analogies(std::string_view data) {
  refused_or_read(data, [](const std::string& path) {
    const std::vector<AnalogySection> sections = read_analogy_questions(path);
    static const SimilarityIndex index(small_vectors());
    evaluate_analogies(index, sections, 6);
  });
}

void similarity(std::string_view data) {
  refused_or_read(data, [](const std::string& path) { evaluate_word_pairs(small_vectors(), path, 7); });
}

// Text and binary vectors are one reader (told apart by content), fuzzed
// from seeds of each kind.
constexpr FuzzTarget kTargets[] = {
    {"corpus", corpus},         {"vocabulary", vocabulary}, {"vectors_text", vectors}, {"vectors_binary", vectors},
    {"checkpoint", checkpoint}, {"analogies", analogies},   {"similarity", similarity},
};

}  // namespace

std::span<const FuzzTarget> fuzz_targets() { return kTargets; }

const FuzzTarget* find_fuzz_target(std::string_view name) {
  for (const FuzzTarget& target : kTargets) {
    if (target.name == name) return &target;
  }
  return nullptr;
}

}  // namespace w2v::fuzz
