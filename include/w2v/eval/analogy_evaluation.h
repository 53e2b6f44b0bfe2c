#pragma once
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "w2v/vectors/similarity_index.h"

namespace w2v {

// "a is to b as c is to expected".
struct AnalogyQuestion {
  std::string a, b, c, expected;
};

struct AnalogySection {
  std::string name;
  std::vector<AnalogyQuestion> questions;
};

// Reads an analogy test in the format of Google's questions-words.txt:
// ": name" lines start sections, every other line is a question of four
// words; blank lines are skipped. A question before the first section or a
// line that is not four words throws Error naming the file and line.
std::vector<AnalogySection> read_analogy_questions(const std::string& path);

// The candidates of an analogy test by default: the 30000 most frequent
// words, as in gensim's evaluate_word_analogies and word2vec.c's compute-accuracy.
constexpr std::size_t kDefaultAnalogyRestrict = 30000;

struct AnalogyScore {
  std::string name;
  std::size_t questions = 0;  // in the test
  std::size_t covered = 0;    // with all four words among the candidate words: those asked
  std::size_t correct = 0;

  // correct / covered, and 0 when nothing was covered, as gensim has it.
  double accuracy() const;
  void add(const AnalogyScore& other);
};

// A question that was asked: sections[section].questions[question].
struct AskedQuestion {
  std::size_t section = 0;
  std::size_t question = 0;
  bool correct = false;
};

struct AnalogyResults {
  std::size_t restrict = 0;  // the candidate words were the first `restrict` rows
  std::vector<AnalogyScore> sections;
  std::vector<AskedQuestion> asked;  // in the order of the test (gensim lists them so)
  // Google's syntactic sections are named "gram...", the others are semantic.
  AnalogyScore semantic{"semantic"};
  AnalogyScore syntactic{"syntactic"};
  AnalogyScore total{"total"};
};

// Answers the questions as gensim's evaluate_word_analogies does with
// restrict_vocab=restrict and case_insensitive=True: the candidates are the
// first `restrict` words; words match whatever their case; a question with a
// word outside the candidates is not asked; the answer is the 3CosAdd best
// candidate that is not one of the three question words.
AnalogyResults evaluate_analogies(const SimilarityIndex& index, std::span<const AnalogySection> sections,
                                  std::size_t restrict);

}  // namespace w2v
