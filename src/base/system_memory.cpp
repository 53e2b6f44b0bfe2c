#include "w2v/base/system_memory.h"

#include <algorithm>
#include <fstream>
#include <string>

namespace w2v {
namespace {

std::optional<std::uint64_t> read_number(const char* path) {
  std::ifstream in(path);
  std::uint64_t value = 0;
  if (!(in >> value)) return std::nullopt;  // also "max": no limit
  return value;
}

// Room left under a control group's memory limit (v2, then v1), if any.
std::optional<std::uint64_t> control_group_room() {
  constexpr std::uint64_t kNoLimit = std::uint64_t{1} << 62;  // v1 says "no limit" with a huge number
  for (const auto& [limit_path, usage_path] :
       {std::pair{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"},
        std::pair{"/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory/memory.usage_in_bytes"}}) {
    const auto limit = read_number(limit_path);
    const auto usage = read_number(usage_path);
    if (limit && usage && *limit < kNoLimit) return *limit > *usage ? *limit - *usage : 0;
  }
  return std::nullopt;
}

std::optional<std::uint64_t> mem_available() {
  std::ifstream in("/proc/meminfo");
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("MemAvailable:")) return std::stoull(line.substr(13)) * 1024;  // "MemAvailable: N kB"
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::uint64_t> available_memory() {
  const auto system = mem_available();
  const auto group = control_group_room();
  if (system && group) return std::min(*system, *group);
  return system ? system : group;
}

}  // namespace w2v
