#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "arguments.h"
#include "commands.h"
#include "w2v/base/atomic_file.h"
#include "w2v/base/error.h"
#include "w2v/text/phrases.h"

namespace w2v::cli {
namespace {

// word2phrase's default threshold, and a middling one for NPMI's [-1, 1].
constexpr const char* kWord2vecThreshold = "100";
constexpr const char* kNpmiThreshold = "0.5";

PhraseScoring parse_scoring(const std::string& name) {
  if (name == "word2vec") return PhraseScoring::word2vec;
  if (name == "npmi") return PhraseScoring::npmi;
  throw Error("--scoring: expected 'word2vec' or 'npmi', got '" + name + "'");
}

// One threshold per pass: "200,100". The last one serves any further passes.
std::vector<double> parse_thresholds(const cxxopts::ParseResult& args, PhraseScoring scoring) {
  const std::string text = args.count("threshold") ? option_value<std::string>(args, "threshold")
                           : scoring == PhraseScoring::word2vec ? kWord2vecThreshold
                                                                : kNpmiThreshold;
  std::vector<double> thresholds;
  std::istringstream items(text);
  for (std::string item; std::getline(items, item, ',');) {
    if (item.empty()) throw Error("--threshold: invalid value '" + text + "'");
    const auto value = parse_value<double>("--threshold", item);
    check_phrase_threshold(scoring, value);
    thresholds.push_back(value);
  }
  if (thresholds.empty() || text.back() == ',') throw Error("--threshold: invalid value '" + text + "'");
  return thresholds;
}

// "1 phrase", "2 phrases".
std::string count_of(std::uint64_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void write_phrases(const std::string& path, const std::vector<PhrasePass>& passes) {
  AtomicFile file(path);
  for (const PhrasePass& pass : passes) {
    for (const Phrase& phrase : pass.phrases) {
      std::fprintf(file.stream(), "%s %llu %.6g\n", phrase.text.c_str(), static_cast<unsigned long long>(phrase.joined),
                   phrase.score);
    }
  }
  file.commit();
}

}  // namespace

int phrases_command(int argc, char** argv) {
  cxxopts::Options parser("w2v phrases",
                          "Joins words that occur together more than chance into one token (\"new york\" -> "
                          "\"new_york\"), as word2vec.c's word2phrase and gensim's Phrases do; writes the corpus "
                          "with the phrases joined.");
  // clang-format off
  parser.add_options()
    ("input", "corpus: plain or gzip text, '-' for stdin", cxxopts::value<std::string>(), "FILE")
    ("output", "where to write the corpus with phrases, '-' for stdout", cxxopts::value<std::string>(), "FILE")
    ("scoring", "word2vec: word2phrase's (count(ab) - min-count) / (count(a) count(b)) * words; "
     "npmi: normalized pointwise mutual information, in [-1, 1]",
     cxxopts::value<std::string>()->default_value("word2vec"), "NAME")
    ("threshold", std::string("join a pair scoring above this; a list (200,100) gives each pass its own (default: ") +
     kWord2vecThreshold + ", npmi " + kNpmiThreshold + ")", cxxopts::value<std::string>(), "T[,T...]")
    ("passes", "passes over the corpus; each may join phrases into longer ones (default: one per threshold)",
     cxxopts::value<std::string>(), "N")
    ("min-count", "never join a pair seen fewer times", cxxopts::value<std::string>()->default_value("5"), "N")
    ("pair-memory", "memory for counting pairs, in MiB; when full, the rarest pairs are dropped",
     cxxopts::value<std::string>()->default_value("1024"), "MB")
    ("save-phrases", "also write the phrases joined, 'phrase count score' lines", cxxopts::value<std::string>(),
     "FILE")
    ("quiet", "print no progress")
    ("h,help", "show this help");
  // clang-format on
  const auto parsed = parse_arguments(parser, argc, argv);
  if (!parsed) return 0;
  const cxxopts::ParseResult& args = *parsed;
  if (!args.count("input")) throw Error("--input is required");
  if (!args.count("output")) throw Error("--output is required");
  reject_extra_arguments(args);

  PhraseOptions options;
  options.scoring = parse_scoring(option_value<std::string>(args, "scoring"));
  options.min_count = positive_option(args, "min-count");
  const std::size_t memory_mb = positive_option(args, "pair-memory");
  if (memory_mb > (std::size_t{1} << 30)) throw Error("--pair-memory: more than a petabyte");
  options.pair_memory_bytes = memory_mb << 20;
  const std::vector<double> thresholds = parse_thresholds(args, options.scoring);
  const std::size_t passes = args.count("passes") ? positive_option(args, "passes") : thresholds.size();
  if (thresholds.size() > passes) {
    throw Error("--threshold: " + std::to_string(thresholds.size()) + " thresholds for " + std::to_string(passes) +
                " passes");
  }
  const std::string output = option_value<std::string>(args, "output");
  const std::string phrases_output = args.count("save-phrases") ? option_value<std::string>(args, "save-phrases") : "";
  // Fail on an unwritable output before reading the corpus.
  for (const std::string& path : {output, phrases_output}) {
    if (!path.empty() && path != "-") AtomicFile probe(path);
  }
  const bool quiet = args.count("quiet") > 0;

  const auto start = std::chrono::steady_clock::now();
  ScannedCorpus scan = scan_corpus(option_value<std::string>(args, "input"));
  for (const std::string& warning : scan_warnings(scan)) {
    std::fprintf(stderr, "w2v phrases: warning: %s\n", warning.c_str());
  }
  if (!quiet) {
    std::fprintf(stderr, "w2v phrases: %s: %s (%zu distinct) on %s, read in %.1f s\n", scan.path.c_str(),
                 count_of(scan.tokens, "word").c_str(), scan.counts.words.size(),
                 count_of(scan.lines, "line").c_str(), seconds_since(start));
  }
  PhraseCorpus corpus(scan);
  scan = {};  // the counts and hashed tokens, no longer needed
  std::vector<PhrasePass> results;
  for (std::size_t p = 0; p < passes; ++p) {
    const double threshold = thresholds[std::min(p, thresholds.size() - 1)];
    const PhrasePass& pass = results.emplace_back(corpus.join_pass(options, threshold));
    if (pass.pruned_at_most > 0) {
      std::fprintf(stderr,
                   "w2v phrases: warning: pass %zu: the pair table filled --pair-memory, so pairs seen %s or less "
                   "were dropped; counts of rarer pairs are lower bounds (more memory counts exactly)\n",
                   p + 1, count_of(pass.pruned_at_most, "time").c_str());
    }
    if (!quiet) {
      std::fprintf(stderr, "pass %zu (threshold %g): %s, %s; joined %s into %s (%.1f s)\n", p + 1, pass.threshold,
                   count_of(pass.words, "word").c_str(), count_of(pass.distinct_pairs, "distinct pair").c_str(),
                   count_of(pass.joins, "pair").c_str(), count_of(pass.phrases.size(), "phrase").c_str(),
                   pass.seconds);
    }
  }

  if (output == "-") {
    corpus.write(stdout);
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) throw Error("<stdout>: write failed");
  } else {
    AtomicFile file(output);
    corpus.write(file.stream());
    file.commit();
  }
  if (!phrases_output.empty()) write_phrases(phrases_output, results);
  if (!quiet) {
    std::fprintf(stderr, "w2v phrases: wrote %s to %s; %.1f s in all\n", count_of(corpus.words(), "word").c_str(),
                 output == "-" ? "<stdout>" : output.c_str(), seconds_since(start));
  }
  return 0;
}

}  // namespace w2v::cli
