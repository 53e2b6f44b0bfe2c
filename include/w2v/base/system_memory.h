#pragma once
#include <cstdint>
#include <optional>

namespace w2v {

// The memory this process can still allocate without swapping or being
// killed, in bytes: Linux's MemAvailable (free memory plus what the page
// cache would give back), or less when a control group limits the process.
// Nothing when the system does not say.
std::optional<std::uint64_t> available_memory();

}  // namespace w2v
