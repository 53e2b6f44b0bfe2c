#pragma once
// Command-line parsing shared by every subcommand.
#include <cxxopts.hpp>
#include <charconv>
#include <map>
#include <optional>
#include <string>
#include <type_traits>

#include "w2v/base/error.h"

namespace w2v::cli {

// Names other programs use for an option (without dashes) and the option
// they stand for here: {"size", "--dim"}.
using Aliases = std::map<std::string, std::string>;

// Parses argv. With --help, prints the help and returns nothing. An unknown
// option is an Error that suggests the nearest known one, or the option an
// alias stands for ("unknown option '--epoch' (did you mean '--epochs'?)");
// cxxopts' other complaints (a missing value) become Error too.
std::optional<cxxopts::ParseResult> parse_arguments(cxxopts::Options& parser, int argc, char** argv,
                                                    const Aliases& aliases = {});

// `text` as a T; a bad value is reported as "NAME: invalid value 'text'".
template <class T>
T parse_value(const std::string& name, const std::string& text) {
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
      throw Error(name + ": invalid value '" + text + "'");
    }
    return result;
  }
}

// An option's value. Numeric options are declared as strings and converted
// here, so that a bad value is reported with the option's name (cxxopts'
// own message lacks it).
template <class T>
T option_value(const cxxopts::ParseResult& args, const std::string& name) {
  return parse_value<T>("--" + name, args[name].as<std::string>());
}

// A whole number that must be at least 1, named `name` in messages.
std::size_t positive_value(const std::string& name, const std::string& text);

// For a command without positional arguments: Error naming the first one given.
void reject_extra_arguments(const cxxopts::ParseResult& args);

// The value of a whole-number option that must be at least 1.
std::size_t positive_option(const cxxopts::ParseResult& args, const std::string& name);

// The value of a duration option, in seconds: a positive number with a unit,
// "500ms", "30s", "10m", "1.5h".
double duration_option(const cxxopts::ParseResult& args, const std::string& name);

}  // namespace w2v::cli
