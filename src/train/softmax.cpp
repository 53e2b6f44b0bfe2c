#include "w2v/train/softmax.h"

#include <algorithm>
#include <utility>

namespace w2v {
namespace {

// The batch's scores are a rows × vocabulary matrix; for large vocabularies
// fewer rows keep it within this many floats.
constexpr std::size_t kMaxScores = std::size_t{1} << 22;

}  // namespace

std::size_t Softmax::Step::batch_rows(std::size_t words) {
  return std::clamp<std::size_t>(kMaxScores / std::max<std::size_t>(words, 1), 1, kBatchRows);
}

Softmax::Step::Step(Softmax& layer, Random& /*random*/)
    : output_(layer.output_),
      batch_rows_(batch_rows(layer.output_.rows())),
      hidden_(batch_rows_, layer.output_.cols()),
      d_hidden_(batch_rows_, layer.output_.cols()),
      scores_(static_cast<Eigen::Index>(batch_rows_), static_cast<Eigen::Index>(layer.output_.rows())) {}

bool Softmax::Step::add(const float* hidden, std::int32_t target, std::span<float* const> inputs) {
  const std::size_t b = targets_.size();
  std::copy(hidden, hidden + hidden_.cols(), hidden_.row(b));
  targets_.push_back(target);
  inputs_.insert(inputs_.end(), inputs.begin(), inputs.end());
  input_end_.push_back(inputs_.size());
  return targets_.size() == batch_rows_;
}

double Softmax::Step::flush(float alpha) {
  const auto rows = static_cast<Eigen::Index>(targets_.size());
  if (rows == 0) return 0;
  const auto H = std::as_const(hidden_).map().topRows(rows);
  MatrixMap<float> O = output_.map();
  auto S = scores_.topRows(rows);
  S.noalias() = H * O.transpose();
  double loss = 0;
  for (Eigen::Index b = 0; b < rows; ++b) {  // S becomes G, row by row
    MatrixMap<float> row(S.row(b).data(), 1, S.cols(), Eigen::OuterStride<>(S.cols()));
    loss += softmax_loss<float>(row, targets_[static_cast<std::size_t>(b)], row);
  }
  auto dH = d_hidden_.map().topRows(rows);
  dH.noalias() = S * O;
  O.noalias() -= alpha * S.transpose() * H;
  std::size_t begin = 0;
  for (Eigen::Index b = 0; b < rows; ++b) {
    const std::size_t end = input_end_[static_cast<std::size_t>(b)];
    for (std::size_t k = begin; k < end; ++k) {
      VectorMap<float>(inputs_[k], dH.cols()) -= alpha * dH.row(b);
    }
    begin = end;
  }
  targets_.clear();
  inputs_.clear();
  input_end_.clear();
  return loss;
}

}  // namespace w2v
