#pragma once
// Word vectors as the Python module's KeyedVectors hold them.
#include <cstddef>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "w2v/base/matrix.h"
#include "w2v/vectors/similarity_index.h"
#include "w2v/vectors/word_vectors.h"

namespace w2v::python {

// Words and their vectors in the library's own memory, which NumPy views
// without a copy: the padded rows of a trained Matrix (`stride` floats apart)
// or the dense rows of a file read by read_vectors. Similarity queries go to
// a SimilarityIndex made from the rows at the first query (gensim likewise
// computes its norms once); refresh_index() makes it again after the rows
// were written to. Queries share the index, so one can run without the GIL
// while another thread refreshes it.
class VectorStore {
 public:
  explicit VectorStore(WordVectors vectors);
  VectorStore(std::vector<std::string> words, Matrix matrix);

  std::size_t rows() const { return words_.size(); }
  std::size_t dim() const { return dim_; }
  std::size_t stride() const { return stride_; }  // floats from one row to the next
  float* data() { return data_; }
  const std::vector<std::string>& words() const { return words_; }

  // The index of the rows as they were at the first query or the last refresh.
  std::shared_ptr<const SimilarityIndex> index();
  void refresh_index();

  // The rows as they are now, as WordVectors (a copy of a trained matrix).
  // `f` gets a const WordVectors&.
  template <class F>
  auto with_word_vectors(F&& f) const {
    if (const auto* loaded = std::get_if<WordVectors>(&values_)) return f(*loaded);
    return f(copy_word_vectors(words_, data_, dim_, stride_));
  }

 private:
  std::vector<std::string> words_;
  std::variant<WordVectors, Matrix> values_;
  float* data_;
  std::size_t dim_;
  std::size_t stride_;
  std::shared_ptr<const SimilarityIndex> index_;
};

}  // namespace w2v::python
