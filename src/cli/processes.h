#pragma once
// Which processes run this command: one, or the ranks of an MPI job.
#include <memory>
#include <string>

#include "w2v/base/process_group.h"

namespace w2v::cli {

// The processes that run this w2v command together. Started by mpirun, in a
// build with -DW2V_MPI=ON, they are the ranks of the MPI job (MPI is
// initialised here and finalised when this ends); otherwise this process
// alone. main() makes the one instance.
class Processes {
 public:
  Processes(int& argc, char**& argv);
  ~Processes();
  Processes(const Processes&) = delete;
  Processes& operator=(const Processes&) = delete;

  static Processes& current();

  ProcessGroup& group() { return *group_; }
  // Rank 0, the one that prints progress and writes the outputs.
  bool leader() const { return group_->rank() == 0; }

  // An error on this process: `message` on stderr and exit status 1. In a
  // job of several processes the message names the rank, and the whole job
  // ends (MPI_Abort: mpirun stops every rank and exits non-zero).
  int fail(const std::string& message);

 private:
  std::unique_ptr<ProcessGroup> group_;
};

}  // namespace w2v::cli
