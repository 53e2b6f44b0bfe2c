#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "arguments.h"
#include "commands.h"
#include "vectors_options.h"
#include "w2v/base/error.h"
#include "w2v/vectors/projection.h"
#include "w2v/vectors/similarity_index.h"
#include "w2v/vectors/word_map.h"

namespace w2v::cli {
namespace {

// More words than this make a map nobody can read (and exact t-SNE slow).
constexpr std::size_t kMaxWords = 1000;

// The rows to draw: the WORDs (each once, in their order), or the first `top` rows.
std::vector<std::size_t> chosen_rows(const WordVectors& vectors, const std::vector<std::string>& words,
                                     std::size_t top) {
  std::vector<std::size_t> rows;
  if (words.empty()) {
    for (std::size_t r = 0; r < std::min(top, vectors.size()); ++r) rows.push_back(r);
    return rows;
  }
  std::string unknown;
  for (const std::string& word : words) {
    const auto row = vectors.find(word);
    if (!row) {
      unknown += (unknown.empty() ? "'" : ", '") + word + "'";
    } else if (std::find(rows.begin(), rows.end(), *row) == rows.end()) {
      rows.push_back(*row);
    }
  }
  if (!unknown.empty()) throw Error("not in the vectors: " + unknown);
  return rows;
}

std::string file_name(const std::string& path) { return path.substr(path.find_last_of('/') + 1); }

}  // namespace

int map_command(int argc, char** argv) {
  cxxopts::Options parser("w2v map",
                          "Draws a map of words: their unit vectors projected on the plane by PCA (or t-SNE), "
                          "written as an SVG picture. Without WORDs, the --top most frequent words.");
  parser.positional_help("VECTORS [WORD...]");
  add_vectors_options(parser);
  // clang-format off
  parser.add_options()
    ("o,output", "the SVG file to write", cxxopts::value<std::string>(), "FILE")
    ("top", "without WORDs, draw the N most frequent words (the first N rows)",
     cxxopts::value<std::string>()->default_value("100"), "N")
    ("method", "pca: the two principal components; tsne: t-SNE (van der Maaten & Hinton)",
     cxxopts::value<std::string>()->default_value("pca"), "NAME")
    ("perplexity", "t-SNE's perplexity, the effective number of neighbours",
     cxxopts::value<std::string>()->default_value("30"), "P")
    ("title", "the caption at the top (default: what was drawn)", cxxopts::value<std::string>(), "TEXT");
  // clang-format on
  const auto parsed = parse_arguments(parser, argc, argv);
  if (!parsed) return 0;
  const cxxopts::ParseResult& args = *parsed;
  if (!args.count("output")) throw Error("--output is required");
  const std::string output = option_value<std::string>(args, "output");
  const std::string method = option_value<std::string>(args, "method");
  if (method != "pca" && method != "tsne") throw Error("--method: expected 'pca' or 'tsne', got '" + method + "'");
  TsneOptions tsne_options;
  tsne_options.perplexity = option_value<double>(args, "perplexity");
  if (!(tsne_options.perplexity > 0)) throw Error("--perplexity: must be above 0");
  const std::size_t top = positive_option(args, "top");
  if (top > kMaxWords) throw Error("--top: at most " + std::to_string(kMaxWords) + " words fit on a map");

  const SimilarityIndex index(load_vectors(args));
  const WordVectors& vectors = index.vectors();
  const std::vector<std::size_t> rows = chosen_rows(vectors, args.unmatched(), top);
  if (rows.size() > kMaxWords) {
    throw Error(std::to_string(rows.size()) + " words: at most " + std::to_string(kMaxWords) + " fit on a map");
  }
  if (rows.size() < 3) throw Error("a map needs 3 words or more, got " + std::to_string(rows.size()));
  Points points(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(vectors.dim()));
  std::vector<std::string> words;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (std::size_t j = 0; j < vectors.dim(); ++j) {
      points(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = vectors.row(rows[i])[j];
    }
    words.push_back(vectors.word(rows[i]));
  }

  PlanePoints plane;
  char how[160];
  if (method == "pca") {
    const PcaResult result = pca(points);
    plane = result.points;
    std::snprintf(how, sizeof how, "PCA (the axes hold %.1f%% and %.1f%% of the variance)",
                  100 * result.explained(0), 100 * result.explained(1));
  } else {
    const TsneResult result = tsne(points, tsne_options);
    plane = result.points;
    std::snprintf(how, sizeof how, "t-SNE (perplexity %.3g, KL divergence %.3f)", result.perplexity,
                  result.kl_divergence);
  }
  MapStyle style;
  style.title = args.count("title") ? option_value<std::string>(args, "title")
                                    : file_name(option_value<std::string>(args, "vectors")) + ": " +
                                          std::to_string(rows.size()) + " words, " + how;
  const WordMap map(words, plane, style);
  map.write_svg(output);
  std::fprintf(stderr, "w2v map: wrote %s: %zu words, %s\n", output.c_str(), rows.size(), how);
  if (const std::size_t crowded = map.overlapping_labels()) {
    std::fprintf(stderr, "w2v map: %zu labels overlap others where the words are too close\n", crowded);
  }
  return 0;
}

}  // namespace w2v::cli
