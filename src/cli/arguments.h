#pragma once
// Command-line parsing shared by every subcommand.
#include <cxxopts.hpp>
#include <charconv>
#include <optional>
#include <string>
#include <type_traits>

#include "w2v/base/error.h"

namespace w2v::cli {

// Parses argv. With --help, prints the help and returns nothing. cxxopts'
// own complaints (an unknown option, a missing value) become Error.
std::optional<cxxopts::ParseResult> parse_arguments(cxxopts::Options& parser, int argc, char** argv);

// An option's value. Numeric options are declared as strings and converted
// here, so that a bad value is reported with the option's name (cxxopts'
// own message lacks it).
template <class T>
T option_value(const cxxopts::ParseResult& args, const std::string& name) {
  const std::string text = args[name].as<std::string>();
  if constexpr (std::is_same_v<T, std::string>) {
    return text;
  } else {
    T result{};
    const char* end = text.data() + text.size();
    std::from_chars_result parsed{};
    if constexpr (std::is_floating_point_v<T>) {
      parsed = std::from_chars(text.data(), end, result, std::chars_format::general);
    } else {
      parsed = std::from_chars(text.data(), end, result);
    }
    if (text.empty() || parsed.ec != std::errc() || parsed.ptr != end) {
      throw Error("--" + name + ": invalid value '" + text + "'");
    }
    return result;
  }
}

// The value of a whole-number option that must be at least 1.
std::size_t positive_option(const cxxopts::ParseResult& args, const std::string& name);

// The value of a duration option, in seconds: a positive number with a unit,
// "500ms", "30s", "10m", "1.5h".
double duration_option(const cxxopts::ParseResult& args, const std::string& name);

}  // namespace w2v::cli
