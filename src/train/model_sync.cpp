#include "w2v/train/model_sync.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <span>
#include <string>
#include <utility>

#include "w2v/base/error.h"

namespace w2v {
namespace {

// Rows are synchronised in blocks of about this many floats (4 MB), so the
// buffers cost little memory however large the model.
constexpr std::size_t kBlockFloats = 1 << 20;

// What the processes add up at each synchronisation besides the matrices.
enum Count : std::size_t { kWords, kCheckpoints, kStops, kFinished, kCounts };

}  // namespace

ModelSync::ModelSync(ProcessGroup* group, std::uint64_t period)
    : group_(group), processes_(group ? static_cast<std::uint64_t>(group->size()) : 1), period_(std::max<std::uint64_t>(period, 1)) {}

std::uint64_t ModelSync::start(std::vector<Matrix*> matrices, std::uint64_t local_total, const SyncProgress& from) {
  local_total_ = local_total;
  if (!active()) return local_total;
  matrices_ = std::move(matrices);
  check_same_start();
  for (const Matrix* m : matrices_) bases_.emplace_back(m->data(), m->data() + m->rows() * m->stride());
  std::uint64_t total = local_total;
  group_->sum(std::span(&total, 1));
  count_ = std::max<std::uint64_t>(1, (total + processes_ * period_ - 1) / (processes_ * period_));
  done_ = from.synchronisations;
  local_at_sync_.store(from.local_words);
  global_at_sync_.store(from.all_words);
  return total;
}

// Sums of changes applied to different models would not make one model: a
// new run, a continued one (--init) and a resumed one all start every
// process from the same vectors. A CRC-32 of each process's matrices, compared.
void ModelSync::check_same_start() const {
  std::uint32_t crc = 0;
  for (const Matrix* m : matrices_) {
    crc = static_cast<std::uint32_t>(crc32_z(crc, reinterpret_cast<const Bytef*>(m->data()), m->rows() * m->stride() * sizeof(float)));
  }
  const std::string mine(reinterpret_cast<const char*>(&crc), sizeof crc);
  for (const std::string& theirs : group_->gather(mine)) {
    if (theirs != mine) throw Error("internal error: the processes of the job do not start from the same model");
  }
}

std::uint64_t ModelSync::estimate(std::uint64_t local_done) const {
  if (!active()) return local_done;
  const std::uint64_t local_at = local_at_sync_.load(std::memory_order_relaxed);
  const std::uint64_t since = local_done > local_at ? local_done - local_at : 0;
  return global_at_sync_.load(std::memory_order_relaxed) + since * processes_;
}

std::uint64_t ModelSync::step(std::uint64_t local_done) {
  if (!active()) return local_done;
  // The k-th synchronisation is due at k/S of this process's words (k =
  // done_ + 1). One that decided something ends the step, on every process
  // alike, so that they all act on it before the next.
  const auto undecided = [&] { return !stopped_ && !decided_.checkpoint && !decided_.stop; };
  while (undecided() && done_ < count_ && local_done * count_ >= (done_ + 1) * local_total_) synchronise(local_done, false);
  return estimate(local_done);
}

RunRequests ModelSync::decide(const std::function<RunRequests()>& poll) {
  if (!active()) return poll();
  if (decided_.checkpoint || decided_.stop) return std::exchange(decided_, {});
  // Asked again at every report until the next synchronisation takes it
  // (a request that came with a decision is asked again at the next report).
  const RunRequests asked = poll();
  asked_.checkpoint = asked_.checkpoint || asked.checkpoint;
  asked_.stop = asked_.stop || asked.stop;
  return {};
}

std::uint64_t ModelSync::finish(std::uint64_t local_done) {
  if (!active()) return local_done;
  if (stopped_) {
    align();
    return estimate(local_done);
  }
  while (done_ < count_) synchronise(local_done, true);
  return global_at_sync_.load();
}

void ModelSync::synchronise(std::uint64_t local_done, bool finishing) {
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < matrices_.size(); ++i) add_up_changes(*matrices_[i], bases_[i]);
  std::uint64_t counts[kCounts] = {};
  counts[kWords] = local_done;
  counts[kCheckpoints] = asked_.checkpoint;
  counts[kStops] = asked_.stop;
  counts[kFinished] = finishing;
  group_->sum(std::span(counts));
  asked_ = {};
  if (counts[kFinished] == 0) {
    decided_ = {counts[kCheckpoints] > 0, counts[kStops] > 0};
    stopped_ = decided_.stop;
  }
  local_at_sync_.store(local_done, std::memory_order_relaxed);
  global_at_sync_.store(counts[kWords], std::memory_order_relaxed);
  ++done_;
  seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void ModelSync::align() {
  if (!active()) return;
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < matrices_.size(); ++i) add_up_changes(*matrices_[i], bases_[i]);
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
    const std::size_t rows = n / stride;
    copy_.assign(live, live + n);
    changes_.resize(n);
    squares_.resize(rows);
    for (std::size_t r = 0; r < rows; ++r) {
      double square = 0;
      for (std::size_t i = r * stride; i < (r + 1) * stride; ++i) {
        changes_[i] = copy_[i] - old[i];
        square += static_cast<double>(changes_[i]) * changes_[i];
      }
      squares_[r] = static_cast<float>(square);
    }
    group_->sum(std::span(changes_));
    group_->sum(std::span(squares_));
    for (std::size_t r = 0; r < rows; ++r) {
      double summed = 0;
      for (std::size_t i = r * stride; i < (r + 1) * stride; ++i) summed += static_cast<double>(changes_[i]) * changes_[i];
      const auto weight = static_cast<float>(change_weight(summed, squares_[r], static_cast<int>(processes_)));
      if (weight != 1.0f) {
        for (std::size_t i = r * stride; i < (r + 1) * stride; ++i) changes_[i] *= weight;
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      old[i] += changes_[i];
      // The new base, plus what other threads changed since the copy: 0,
      // exactly, when none did, so that every process then holds the same model.
      live[i] = old[i] + (live[i] - copy_[i]);
    }
  }
}

double change_weight(double summed_square, double sum_of_squares, int processes) {
  if (processes < 2 || !(sum_of_squares > 0)) return 1;
  const double n = processes;
  const double t = std::clamp((summed_square / sum_of_squares - 1) / (n - 1), 0.0, 1.0);
  return 1 / (1 + t * (n / 2 - 1));
}

SyncProgress ModelSync::progress() const {
  return {done_, local_at_sync_.load(), global_at_sync_.load()};
}

std::uint64_t ModelSync::bytes_per_synchronisation() const {
  std::uint64_t bytes = 0;
  for (const Matrix* m : matrices_) bytes += m->rows() * (m->stride() + 1) * sizeof(float);  // rows, and a |δ|² each
  return bytes;
}

}  // namespace w2v
