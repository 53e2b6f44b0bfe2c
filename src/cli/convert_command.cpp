#include <cstdio>
#include <string>

#include "arguments.h"
#include "commands.h"
#include "vectors_options.h"
#include "w2v/base/error.h"
#include "w2v/vectors/vectors_file.h"

namespace w2v::cli {
namespace {

enum class Format { text, binary, tsv };

Format output_format(const cxxopts::ParseResult& args) {
  const std::size_t chosen = args.count("text") + args.count("binary") + args.count("tsv");
  if (chosen != 1) throw Error("choose one output format: --text, --binary or --tsv");
  if (args.count("binary")) return Format::binary;
  return args.count("tsv") ? Format::tsv : Format::text;
}

// The projector's word list goes beside its vectors: x.tsv -> x.metadata.tsv.
std::string metadata_path(const std::string& vectors_path) {
  const std::string suffix = ".tsv";
  const bool tsv = vectors_path.size() > suffix.size() && vectors_path.ends_with(suffix);
  return (tsv ? vectors_path.substr(0, vectors_path.size() - suffix.size()) : vectors_path) + ".metadata.tsv";
}

}  // namespace

int convert_command(int argc, char** argv) {
  cxxopts::Options parser("w2v convert",
                          "Converts word vectors between word2vec's text and binary formats (IN may be gzip), or "
                          "writes them for the TensorBoard projector: --tsv writes the values to OUT and the words "
                          "beside it (vectors.tsv -> vectors.metadata.tsv).");
  parser.positional_help("IN OUT");
  add_vectors_options(parser);
  // clang-format off
  parser.add_options()
    ("output", "where to write", cxxopts::value<std::string>())
    ("text", "write word2vec's text format")
    ("binary", "write word2vec's binary format")
    ("tsv", "write the TensorBoard projector's vectors and metadata TSV files")
    ("normalize", "scale every vector to unit length (a zero vector stays zero)");
  // clang-format on
  parser.parse_positional({"vectors", "output"});
  const auto parsed = parse_arguments(parser, argc, argv);
  if (!parsed) return 0;
  const cxxopts::ParseResult& args = *parsed;
  reject_extra_arguments(args);
  if (args.count("vectors") && !args.count("output")) throw Error("missing the OUT file argument");
  const Format format = output_format(args);
  WordVectors vectors = load_vectors(args);
  const std::string output = option_value<std::string>(args, "output");
  if (args.count("normalize")) vectors.normalize();
  const float* data = vectors.size() > 0 ? vectors.row(0) : nullptr;
  if (format == Format::tsv) {
    const std::string metadata = metadata_path(output);
    write_projector_tsv(output, metadata, vectors.words(), data, vectors.dim(), vectors.dim());
    std::fprintf(stderr, "w2v convert: wrote %zu vectors of %zu dimensions to %s and their words to %s\n",
                 vectors.size(), vectors.dim(), output.c_str(), metadata.c_str());
  } else {
    write_vectors(output, vectors.words(), data, vectors.dim(), vectors.dim(), format == Format::binary);
    std::fprintf(stderr, "w2v convert: wrote %zu vectors of %zu dimensions to %s (%s)\n", vectors.size(),
                 vectors.dim(), output.c_str(), format == Format::binary ? "binary" : "text");
  }
  return 0;
}

}  // namespace w2v::cli
