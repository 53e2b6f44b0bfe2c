#include "w2v/train/model_sync.h"

#include <algorithm>
#include <cstring>
#include <span>

namespace w2v {
namespace {

// Rows are synchronised in blocks of about this many floats (4 MB), so the
// buffers cost little memory however large the model.
constexpr std::size_t kBlockFloats = 1 << 20;

}  // namespace

ModelSync::ModelSync(ProcessGroup* group, std::uint64_t period)
    : group_(group), processes_(group ? static_cast<std::uint64_t>(group->size()) : 1), period_(std::max<std::uint64_t>(period, 1)) {}

std::uint64_t ModelSync::start(std::vector<Matrix*> matrices, std::uint64_t local_total) {
  local_total_ = local_total;
  if (!active()) return local_total;
  matrices_ = std::move(matrices);
  for (const Matrix* m : matrices_) bases_.emplace_back(m->data(), m->data() + m->rows() * m->stride());
  std::uint64_t total = local_total;
  group_->sum(std::span(&total, 1));
  count_ = std::max<std::uint64_t>(1, (total + processes_ * period_ - 1) / (processes_ * period_));
  return total;
}

std::uint64_t ModelSync::estimate(std::uint64_t local_done) const {
  if (!active()) return local_done;
  const std::uint64_t local_at = local_at_sync_.load(std::memory_order_relaxed);
  const std::uint64_t since = local_done > local_at ? local_done - local_at : 0;
  return global_at_sync_.load(std::memory_order_relaxed) + since * processes_;
}

std::uint64_t ModelSync::step(std::uint64_t local_done) {
  if (!active()) return local_done;
  // The k-th synchronisation is due at k/S of this process's words (k = done_ + 1).
  while (done_ < count_ && local_done * count_ >= (done_ + 1) * local_total_) synchronise(local_done);
  return estimate(local_done);
}

std::uint64_t ModelSync::finish(std::uint64_t local_done) {
  if (!active()) return local_done;
  while (done_ < count_) synchronise(local_done);
  return global_at_sync_.load();
}

void ModelSync::synchronise(std::uint64_t local_done) {
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < matrices_.size(); ++i) add_up_changes(*matrices_[i], bases_[i]);
  std::uint64_t global = local_done;
  group_->sum(std::span(&global, 1));
  local_at_sync_.store(local_done, std::memory_order_relaxed);
  global_at_sync_.store(global, std::memory_order_relaxed);
  ++done_;
  seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void ModelSync::add_up_changes(Matrix& matrix, std::vector<float>& base) {
  // Whole rows with their padding (zero on every process, so it stays zero).
  const std::size_t stride = matrix.stride();
  const std::size_t rows_per_block = std::max<std::size_t>(1, kBlockFloats / stride);
  for (std::size_t first = 0; first < matrix.rows(); first += rows_per_block) {
    const std::size_t n = std::min(rows_per_block, matrix.rows() - first) * stride;
    float* live = matrix.row(first);
    float* old = base.data() + first * stride;
    copy_.assign(live, live + n);
    changes_.resize(n);
    for (std::size_t i = 0; i < n; ++i) changes_[i] = copy_[i] - old[i];
    group_->sum(std::span(changes_));
    for (std::size_t i = 0; i < n; ++i) {
      old[i] += changes_[i];
      live[i] += old[i] - copy_[i];
    }
  }
}

std::uint64_t ModelSync::bytes_per_synchronisation() const {
  std::uint64_t bytes = 0;
  for (const Matrix* m : matrices_) bytes += m->rows() * m->stride() * sizeof(float);
  return bytes;
}

}  // namespace w2v
