#include "w2v/train/model.h"

#include <algorithm>

#include "w2v/base/error.h"

namespace w2v {
namespace {

OutputLayer make_output_layer(const Vocabulary& vocabulary, const TrainOptions& options) {
  const auto dim = static_cast<std::size_t>(options.dim);
  switch (options.loss) {
    case LossKind::kNegativeSampling:
      return OutputLayer(std::in_place_type<NegativeSampling>, vocabulary.counts(), dim, options.negative,
                         options.ns_exponent);
    case LossKind::kHierarchicalSoftmax:
      return OutputLayer(std::in_place_type<HierarchicalSoftmax>, vocabulary.counts(), dim);
    case LossKind::kNegativeSamplingAndHierarchicalSoftmax:
      return OutputLayer(std::in_place_type<NegativeSamplingAndHierarchicalSoftmax>,
                         NegativeSampling(vocabulary.counts(), dim, options.negative, options.ns_exponent),
                         HierarchicalSoftmax(vocabulary.counts(), dim));
    case LossKind::kSoftmax:
      return OutputLayer(std::in_place_type<Softmax>, vocabulary.size(), dim);
  }
  throw Error("unknown loss");
}

const Vocabulary& non_empty(const Vocabulary& vocabulary) {
  if (vocabulary.size() == 0) throw Error("the vocabulary is empty");
  return vocabulary;
}

}  // namespace

Model::Model(const Vocabulary& vocabulary, const TrainOptions& options)
    : input_(non_empty(vocabulary).size(), static_cast<std::size_t>(options.dim)),
      output_layer_(make_output_layer(vocabulary, options)) {
  input_.randomize(options.seed);
}

const Matrix* Model::context() const {
  if (const auto* ns = std::get_if<NegativeSampling>(&output_layer_)) return &ns->output();
  if (const auto* both = std::get_if<NegativeSamplingAndHierarchicalSoftmax>(&output_layer_)) {
    return &both->first().output();
  }
  if (const auto* softmax = std::get_if<Softmax>(&output_layer_)) return &softmax->output();
  return nullptr;
}

std::vector<Matrix*> Model::matrices() {
  std::vector<Matrix*> all = {&input_};
  for (Matrix* m : std::visit([](auto& layer) { return layer.matrices(); }, output_layer_)) all.push_back(m);
  return all;
}

std::vector<const Matrix*> Model::matrices() const {
  std::vector<const Matrix*> all;
  for (Matrix* m : const_cast<Model&>(*this).matrices()) all.push_back(m);  // the same list, read-only
  return all;
}

std::vector<RowRange> Model::busiest_rows(std::size_t words) const {
  std::vector<RowRange> all = {{0, std::min(words, input_.rows())}};
  for (const RowRange& rows : std::visit([&](const auto& layer) { return layer.busiest_rows(words); }, output_layer_)) {
    all.push_back(rows);
  }
  return all;
}

}  // namespace w2v
