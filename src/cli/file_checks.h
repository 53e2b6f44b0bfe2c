#pragma once
// The checks `w2v train` makes on the files it reads and writes before it
// does any work: a mistake in a path must not cost a whole training run.
#include <span>
#include <string>

namespace w2v::cli {

// A file named on the command line, with the option that named it.
struct FileOption {
  std::string option;  // "output", for messages: --output
  std::string path;    // empty: the option was not given
};

// Refuses, with an Error naming the option and the file: an output that is
// also one of `inputs` (the corpus would be replaced by vectors) or another
// output, a directory or other non-regular file, and a file that cannot be
// created (a missing directory, no permission).
void check_outputs(std::span<const FileOption> outputs, std::span<const FileOption> inputs);

}  // namespace w2v::cli
