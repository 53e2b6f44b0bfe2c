#pragma once
#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace w2v {

// The processes that train one model together, each on its own part of the
// corpus (the ranks of an MPI job), as the library needs them: a few
// collective operations. Every process must make the same calls in the same
// order. The default, SingleProcess, is a group of one; the MPI build has
// one over MPI_COMM_WORLD (src/dist/).
class ProcessGroup {
 public:
  virtual ~ProcessGroup() = default;

  virtual int rank() const = 0;
  virtual int size() const = 0;

  // Element-wise sums over all processes: in place, and of `values` into
  // `totals` (of the same size; the model's synchronisations need their
  // own changes after the sum).
  virtual void sum(std::span<std::uint64_t> values) = 0;
  virtual void sum(std::span<const float> values, std::span<float> totals) = 0;
  // Each process sends send[p] to process p (send.size() == size()); returns
  // what every process sent to this one, by rank.
  virtual std::vector<std::string> exchange(const std::vector<std::string>& send) = 0;
  // Every process's `bytes`, by rank, on every process.
  virtual std::vector<std::string> gather(const std::string& bytes) = 0;
  // Returns once every process has called it.
  virtual void barrier() = 0;
};

class SingleProcess : public ProcessGroup {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  void sum(std::span<std::uint64_t>) override {}
  void sum(std::span<const float> values, std::span<float> totals) override {
    std::copy(values.begin(), values.end(), totals.begin());
  }
  std::vector<std::string> exchange(const std::vector<std::string>& send) override { return send; }
  std::vector<std::string> gather(const std::string& bytes) override { return {bytes}; }
  void barrier() override {}
};

}  // namespace w2v
