#pragma once
#include <string>

#include "w2v/base/process_group.h"

namespace w2v {

// The ranks of an MPI job (MPI_COMM_WORLD) as a ProcessGroup. Built only
// with -DW2V_MPI=ON. Only the thread that created it calls MPI
// (MPI_THREAD_FUNNELED): the trainer's thread 0 is the main thread.
class MpiProcessGroup : public ProcessGroup {
 public:
  // True when this process was started by mpirun/mpiexec (Open MPI's
  // OMPI_COMM_WORLD_SIZE, or PMI_SIZE / PMIX_RANK of other launchers); a
  // plain `w2v train` then runs alone without initialising MPI.
  static bool launched();

  // MPI_Init_thread; throws Error when MPI cannot give MPI_THREAD_FUNNELED.
  MpiProcessGroup(int& argc, char**& argv);
  ~MpiProcessGroup() override;  // MPI_Finalize
  MpiProcessGroup(const MpiProcessGroup&) = delete;
  MpiProcessGroup& operator=(const MpiProcessGroup&) = delete;

  int rank() const override { return rank_; }
  int size() const override { return size_; }
  void sum(std::span<std::uint64_t> values) override;
  void sum(std::span<const float> values, std::span<float> totals) override;
  std::vector<std::string> exchange(const std::vector<std::string>& send) override;
  std::vector<std::string> gather(const std::string& bytes) override;
  void barrier() override;

  // Ends the whole job: writes `message` to stderr and calls MPI_Abort,
  // which makes mpirun stop every rank and exit non-zero.
  [[noreturn]] void abort(const std::string& message) const;

 private:
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace w2v
