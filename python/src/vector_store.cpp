#include "vector_store.h"

namespace w2v::python {

VectorStore::VectorStore(WordVectors vectors)
    : words_(vectors.words()), values_(std::move(vectors)), dim_(std::get<WordVectors>(values_).dim()) {
  WordVectors& stored = std::get<WordVectors>(values_);
  data_ = stored.size() ? stored.row(0) : nullptr;
  stride_ = dim_;
}

VectorStore::VectorStore(std::vector<std::string> words, Matrix matrix)
    : words_(std::move(words)), values_(std::move(matrix)) {
  Matrix& stored = std::get<Matrix>(values_);
  data_ = stored.row(0);
  dim_ = stored.cols();
  stride_ = stored.stride();
}

std::shared_ptr<const SimilarityIndex> VectorStore::index() {
  if (!index_) refresh_index();
  return index_;
}

void VectorStore::refresh_index() {
  if (const auto* loaded = std::get_if<WordVectors>(&values_)) {
    index_ = std::make_shared<const SimilarityIndex>(*loaded);
  } else {
    index_ = std::make_shared<const SimilarityIndex>(copy_word_vectors(words_, data_, dim_, stride_));
  }
}

}  // namespace w2v::python
