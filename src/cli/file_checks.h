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
  // For an input: the output that may replace it (--checkpoint may replace
  // the --resume file: a run continues its own checkpoint).
  std::string replaced_by = {};
};

// Refuses, with an Error naming the option and the file: an output that is
// also one of `inputs` (the corpus would be replaced by vectors; unless the
// input says this output may replace it) or another output, a directory or other non-regular file, and a file that cannot be
// created (a missing directory, no permission).
void check_outputs(std::span<const FileOption> outputs, std::span<const FileOption> inputs);

}  // namespace w2v::cli
