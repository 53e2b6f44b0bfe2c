#include "w2v/train/model_sync.h"

#include <zlib.h>

#include <Eigen/Core>

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

std::size_t frequent_words(const std::vector<std::uint64_t>& counts, std::uint64_t period) {
  std::uint64_t total = 0;
  for (std::uint64_t c : counts) total += c;
  // count / total ≥ 1 / period; the counts fall, so the words are a prefix.
  const auto rare = std::find_if(counts.begin(), counts.end(), [&](std::uint64_t c) { return c * period < total; });
  return static_cast<std::size_t>(rare - counts.begin());
}

ModelSync::ModelSync(ProcessGroup* group, std::uint64_t period, std::uint64_t all_period)
    : group_(group),
      processes_(group ? static_cast<std::uint64_t>(group->size()) : 1),
      period_(std::max<std::uint64_t>(period, 1)),
      all_every_(std::max<std::uint64_t>(1, (all_period + period_ / 2) / period_)) {}

std::uint64_t ModelSync::start(std::vector<Matrix*> matrices, std::vector<RowRange> busiest, std::uint64_t local_total,
                               const SyncProgress& from) {
  local_total_ = local_total;
  if (!active()) return local_total;
  matrices_ = std::move(matrices);
  busiest_ = std::move(busiest);
  if (!busiest_.empty() && busiest_.size() != matrices_.size()) throw Error("internal error: busiest rows not given for every matrix");
  check_same_start();
  // Without the rows' padding (zero, and never changed): the passes of a
  // synchronisation and the reduction move cols / stride of the bytes.
  for (const Matrix* m : matrices_) {
    std::vector<float>& base = bases_.emplace_back(m->rows() * m->cols());
    for (std::size_t i = 0; i < m->rows(); ++i) std::copy_n(m->row(i), m->cols(), base.data() + i * m->cols());
  }
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

bool ModelSync::covers_all_rows(std::uint64_t k) const { return busiest_.empty() || k % all_every_ == 0 || k >= count_; }

void ModelSync::synchronise(std::uint64_t local_done, bool finishing) {
  const auto start = std::chrono::steady_clock::now();
  const bool all_rows = covers_all_rows(done_ + 1);
  if (all_rows) {
    add_up_all_changes();
  } else {
    for (std::size_t i = 0; i < matrices_.size(); ++i) add_up_changes(*matrices_[i], bases_[i], busiest_[i]);
  }
  std::uint64_t counts[kCounts] = {};
  counts[kWords] = local_done;
  counts[kCheckpoints] = asked_.checkpoint;
  counts[kStops] = asked_.stop;
  counts[kFinished] = finishing;
  group_->sum(std::span(counts));
  // Decided only where every process holds the same model in all rows: a
  // pause's align() then has nothing to add (with one thread per process),
  // so a checkpoint does not change the run. Requests wait until then.
  if (all_rows) {
    asked_ = {};
    if (counts[kFinished] == 0) {
      decided_ = {counts[kCheckpoints] > 0, counts[kStops] > 0};
      stopped_ = decided_.stop;
    }
  }
  local_at_sync_.store(local_done, std::memory_order_relaxed);
  global_at_sync_.store(counts[kWords], std::memory_order_relaxed);
  ++done_;
  seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void ModelSync::align() {
  if (!active()) return;
  const auto start = std::chrono::steady_clock::now();
  add_up_all_changes();
  seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void ModelSync::add_up_all_changes() {
  for (std::size_t i = 0; i < matrices_.size(); ++i) add_up_changes(*matrices_[i], bases_[i], {0, matrices_[i]->rows()});
}

void ModelSync::add_up_changes(Matrix& matrix, std::vector<float>& base, RowRange range) {
  using Packed = Eigen::Map<Eigen::Array<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>;
  using Rows = Eigen::Map<Eigen::Array<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>, 0, Eigen::OuterStride<>>;
  using Row = Eigen::Map<Eigen::ArrayXf>;
  const std::size_t cols = matrix.cols(), stride = matrix.stride();
  const std::size_t rows_per_block = std::max<std::size_t>(1, kBlockFloats / cols);
  // The weights need each process's |δ|² of each row, a second reduction;
  // with 2 processes every weight is 1.
  const bool weighted = processes_ > 2;
  for (std::size_t first = range.first; first < range.end; first += rows_per_block) {
    const std::size_t rows = std::min(rows_per_block, range.end - first);
    const auto r = static_cast<Eigen::Index>(rows), c = static_cast<Eigen::Index>(cols);
    mine_.resize(rows * cols);
    totals_.resize(rows * cols);
    Rows live(matrix.row(first), r, c, Eigen::OuterStride<>(static_cast<Eigen::Index>(stride)));
    Packed old(base.data() + first * cols, r, c), mine(mine_.data(), r, c), totals(totals_.data(), r, c);
    mine = live - old;
    group_->sum(mine_, totals_);
    if (weighted) {
      squares_.resize(rows);
      square_totals_.resize(rows);
      Row(squares_.data(), r) = mine.square().rowwise().sum();
      group_->sum(squares_, square_totals_);
      for (Eigen::Index i = 0; i < r; ++i) {
        const double summed = totals.row(i).square().sum();
        const auto weight = static_cast<float>(
            change_weight(summed, square_totals_[static_cast<std::size_t>(i)], static_cast<int>(processes_)));
        if (weight != 1.0f) totals.row(i) *= weight;
      }
    }
    // One pass: the new base, base + Σ δ, and the rows as that plus what
    // other threads changed since `mine` was taken, (live - base) - mine:
    // 0, exactly, when none did, so that every process then holds the same
    // model. Row by row, so that the second statement reads the base's row
    // from the cache.
    for (std::size_t i = 0; i < rows; ++i) {
      Row l(matrix.row(first + i), c), o(base.data() + (first + i) * cols, c);
      const Row m(mine_.data() + i * cols, c), t(totals_.data() + i * cols, c);
      l = (o + t) + ((l - o) - m);
      o += t;
    }
  }
}

double change_weight(double summed_square, double sum_of_squares, int processes) {
  if (processes < 2 || !(sum_of_squares > 0)) return 1;
  const double n = processes;
  const double t = std::clamp((summed_square / sum_of_squares - 1) / (n - 1), 0.0, 1.0);
  return 1 / (1 + t * (n / 2 - 1));
}

std::uint64_t ModelSync::synchronisations_of_all_rows() const {
  if (busiest_.empty()) return done_;
  // Every all_every_-th, and the last.
  return done_ / all_every_ + (done_ >= count_ && count_ % all_every_ != 0 ? 1 : 0);
}

std::uint64_t ModelSync::bytes_per_synchronisation(bool all_rows) const {
  std::uint64_t bytes = 0;
  for (std::size_t i = 0; i < matrices_.size(); ++i) {
    const std::size_t rows = all_rows || busiest_.empty() ? matrices_[i]->rows() : busiest_[i].end - busiest_[i].first;
    bytes += rows * matrices_[i]->cols() * sizeof(float);
  }
  return bytes;
}

SyncProgress ModelSync::progress() const {
  return {done_, local_at_sync_.load(), global_at_sync_.load()};
}

}  // namespace w2v
