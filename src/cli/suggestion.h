#pragma once
// "Did you mean ...?" for mistyped commands and options.
#include <string>
#include <string_view>
#include <vector>

namespace w2v::cli {

// The candidate closest to `typed` when it is a likely typo of it: within a
// few edits (insertions, deletions, substitutions, swaps of neighbours: one
// for short names, up to three for long ones), or the only candidate that
// starts with it. "" when none is.
std::string nearest(std::string_view typed, const std::vector<std::string>& candidates);

// " (did you mean 'X'?)" for the nearest candidate, or "".
std::string did_you_mean(std::string_view typed, const std::vector<std::string>& candidates);

}  // namespace w2v::cli
