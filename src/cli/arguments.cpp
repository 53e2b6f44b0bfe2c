#include "arguments.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <map>
#include <utility>

#include "suggestion.h"

namespace w2v::cli {
namespace {

struct KnownOptions {
  std::map<std::string, bool> long_names;  // name -> takes a value
  std::map<char, bool> short_names;
};

KnownOptions known_options(const cxxopts::Options& parser) {
  KnownOptions known;
  for (const std::string& group : parser.groups()) {
    for (const cxxopts::HelpOptionDetails& option : parser.group_help(group).options) {
      for (const std::string& name : option.l) known.long_names[name] = !option.is_boolean;
      if (!option.s.empty()) known.short_names[option.s[0]] = !option.is_boolean;
    }
  }
  return known;
}

bool is_number(std::string_view arg) {
  return arg.size() > 1 && (std::isdigit(static_cast<unsigned char>(arg[1])) || arg[1] == '.');
}

// cxxopts reads "-size" as the short options s, i, z, e and names only the
// first it lacks ("Option 's' does not exist"); this names the whole word
// and the option it most likely stands for.
[[noreturn]] void unknown_option(const std::string& arg, const KnownOptions& known, const Aliases& aliases) {
  const std::string name = arg.substr(std::min(arg.find_first_not_of('-'), arg.size()));
  if (const auto alias = aliases.find(name); alias != aliases.end()) {
    throw Error("unknown option '" + arg + "' (did you mean '" + alias->second + "'?)");
  }
  std::vector<std::string> candidates;
  for (const auto& [option, takes_value] : known.long_names) candidates.push_back("--" + option);
  throw Error("unknown option '" + arg + "'" + did_you_mean("--" + name, candidates));
}

// Every argument that looks like an option must be one the parser knows.
void check_options(const cxxopts::Options& parser, int argc, char** argv, const Aliases& aliases) {
  const KnownOptions known = known_options(parser);
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") return;
    if (arg.starts_with("--")) {
      const auto name = arg.substr(2, arg.find('=') - 2);
      const auto option = known.long_names.find(name);
      if (option == known.long_names.end()) unknown_option(arg.substr(0, arg.find('=')), known, aliases);
      if (option->second && arg.find('=') == std::string::npos) ++i;  // its value
    } else if (arg.size() > 1 && arg[0] == '-' && !is_number(arg)) {
      const auto option = known.short_names.find(arg[1]);
      if (option == known.short_names.end() || (arg.size() > 2 && !option->second)) unknown_option(arg, known, aliases);
      if (option->second && arg.size() == 2) ++i;
    }
  }
}

}  // namespace

std::optional<cxxopts::ParseResult> parse_arguments(cxxopts::Options& parser, int argc, char** argv,
                                                    const Aliases& aliases) {
  check_options(parser, argc, argv, aliases);
  cxxopts::ParseResult args;
  try {
    args = parser.parse(argc, argv);
  } catch (const cxxopts::exceptions::exception& e) {
    throw Error(e.what());
  }
  if (args.count("help")) {
    std::printf("%s\n", parser.help().c_str());
    return std::nullopt;
  }
  return args;
}

void reject_extra_arguments(const cxxopts::ParseResult& args) {
  if (!args.unmatched().empty()) throw Error("unexpected argument '" + args.unmatched().front() + "'");
}

std::size_t positive_value(const std::string& name, const std::string& text) {
  const auto value = parse_value<long long>(name, text);
  if (value < 1) throw Error(name + ": must be at least 1");
  return static_cast<std::size_t>(value);
}

double duration_option(const cxxopts::ParseResult& args, const std::string& name) {
  const std::string text = option_value<std::string>(args, name);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  const std::string unit(end, text.data() + text.size());
  static constexpr std::pair<const char*, double> kUnits[] = {{"ms", 0.001}, {"s", 1}, {"m", 60}, {"h", 3600}};
  for (const auto& [symbol, seconds] : kUnits) {
    if (error == std::errc() && end != text.data() && unit == symbol && value > 0 && value * seconds <= 1e7) {
      return value * seconds;
    }
  }
  throw Error("--" + name + ": expected a duration such as 30s, 10m or 2h, got '" + text + "'");
}

std::size_t positive_option(const cxxopts::ParseResult& args, const std::string& name) {
  return positive_value("--" + name, args[name].as<std::string>());
}

}  // namespace w2v::cli
