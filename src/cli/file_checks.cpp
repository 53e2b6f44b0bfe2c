#include "file_checks.h"

#include <filesystem>

#include "w2v/base/atomic_file.h"
#include "w2v/base/error.h"

namespace w2v::cli {
namespace {

namespace fs = std::filesystem;

// True when `a` and `b` name the same file: the same inode when both exist
// (whatever links or relative paths lead there), else the same normal path.
bool same_file(const std::string& a, const std::string& b) {
  std::error_code error;
  if (fs::exists(a, error) && fs::exists(b, error)) return fs::equivalent(a, b, error);
  return fs::weakly_canonical(fs::absolute(a), error) == fs::weakly_canonical(fs::absolute(b), error);
}

}  // namespace

void check_outputs(std::span<const FileOption> outputs, std::span<const FileOption> inputs) {
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const FileOption& output = outputs[i];
    if (output.path.empty()) continue;
    const auto refuse = [&](const FileOption& other) {
      throw Error("--" + output.option + " " + output.path + ": the same file as --" + other.option);
    };
    for (const FileOption& input : inputs) {
      if (input.path.empty() || input.path == "-" || input.replaced_by == output.option) continue;
      if (same_file(output.path, input.path)) refuse(input);
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (!outputs[j].path.empty() && same_file(output.path, outputs[j].path)) refuse(outputs[j]);
    }
    AtomicFile probe(output.path);  // a directory, a device, no permission: refused now
  }
}

}  // namespace w2v::cli
