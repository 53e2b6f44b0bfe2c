#include <cxxopts.hpp>
#include <omp.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>

#include "arguments.h"
#include "commands.h"
#include "w2v/eval/analogy_evaluation.h"
#include "w2v/base/atomic_file.h"
#include "w2v/text/corpus.h"
#include "w2v/base/error.h"
#include "w2v/text/text_reader.h"
#include "w2v/train/trainer.h"
#include "w2v/vectors/vectors_file.h"
#include "w2v/vectors/word_vectors.h"

namespace w2v::cli {
namespace {

constexpr std::size_t kSoftmaxWarnVocabulary = 50000;

void warn(const std::string& message) { std::fprintf(stderr, "w2v train: warning: %s\n", message.c_str()); }

// Evaluates the current word vectors on the analogy questions, as `w2v eval`
// would (30000 most frequent words), and prints one line.
void print_analogy_accuracy(int epoch, const Vocabulary& vocabulary, const Matrix& vectors,
                            const std::vector<AnalogySection>& analogies) {
  constexpr std::size_t kRestrict = 30000;
  WordVectors copy(vectors.cols());
  copy.reserve(vocabulary.size());
  for (std::size_t i = 0; i < vocabulary.size(); ++i) copy.add(vocabulary.words()[i], vectors.row(i));
  const SimilarityIndex index(std::move(copy));
  const AnalogyResults results = evaluate_analogies(index, analogies, kRestrict);
  std::fprintf(stderr, "%sepoch %d: analogy accuracy %.2f%% (semantic %.2f%%, syntactic %.2f%%; %zu of %zu questions covered)\n",
               isatty(STDERR_FILENO) ? "\r" : "", epoch + 1, 100 * results.total.accuracy(),
               100 * results.semantic.accuracy(), 100 * results.syntactic.accuracy(), results.total.covered,
               results.total.questions);
}

struct TrainingData {
  Vocabulary vocabulary;
  TokenStream tokens;
};

// Reads the corpus and builds the vocabulary; the scan (every distinct word
// of the corpus) is freed on return, before training needs the memory.
TrainingData load_training_data(const cxxopts::ParseResult& args, const TrainOptions& options, bool quiet) {
  ScannedCorpus corpus = scan_corpus(option_value<std::string>(args, "input"));
  if (corpus.truncated_words) {
    warn(corpus.path + ": " + std::to_string(corpus.truncated_words) + " words longer than " +
         std::to_string(TextReader::kMaxWordBytes) + " bytes were cut");
  }
  if (corpus.invalid_utf8_words) {
    warn(corpus.path + ": " + std::to_string(corpus.invalid_utf8_words) + " words are not valid UTF-8 (first on line " +
         std::to_string(corpus.first_invalid_utf8_line) + "); they are kept as bytes");
  }
  const std::string vocab_source = args.count("read-vocab") ? option_value<std::string>(args, "read-vocab") : corpus.path;
  Vocabulary vocabulary(args.count("read-vocab") ? read_word_counts(vocab_source) : corpus.word_counts(),
                              options.min_count, options.max_vocab);
  if (vocabulary.size() == 0) {
    throw Error(vocab_source + ": no word occurs at least " + std::to_string(options.min_count) +
                " times (--min-count); nothing to train");
  }
  if (options.loss == LossKind::kSoftmax && vocabulary.size() > kSoftmaxWarnVocabulary) {
    warn("--loss softmax costs O(vocabulary) per word; with " + std::to_string(vocabulary.size()) +
         " words it is very slow (use ns or hs, or --max-vocab)");
  }
  if (args.count("save-vocab")) vocabulary.save(option_value<std::string>(args, "save-vocab"));
  TokenStream tokens = encode_corpus(corpus, vocabulary);
  if (tokens.tokens() == 0) throw Error(corpus.path + ": no word of the vocabulary occurs in the corpus");
  if (!quiet) {
    std::fprintf(stderr, "corpus %s: %llu words, %llu lines; vocabulary: %zu words; training words per epoch: %llu\n",
                 corpus.path.c_str(), static_cast<unsigned long long>(corpus.tokens.tokens()),
                 static_cast<unsigned long long>(corpus.lines), vocabulary.size(),
                 static_cast<unsigned long long>(tokens.tokens()));
  }

  return {std::move(vocabulary), std::move(tokens)};
}

}  // namespace

int train_command(int argc, char** argv) {
  cxxopts::Options parser("w2v train", "Train word vectors on a text corpus (one sentence per line).");
  TrainOptions defaults;
  // clang-format off
  parser.add_options()
    ("input", "corpus: plain or gzip text, '-' for stdin", cxxopts::value<std::string>())
    ("output", "where to write the word vectors", cxxopts::value<std::string>())
    ("model", "sg (skip-gram) or cbow", cxxopts::value<std::string>()->default_value("cbow"))
    ("loss", "ns (negative sampling), hs (hierarchical softmax) or softmax (exact, small vocabularies)",
     cxxopts::value<std::string>()->default_value("ns"))
    ("dim", "vector dimension", cxxopts::value<std::string>()->default_value(std::to_string(defaults.dim)))
    ("window", "maximum context distance", cxxopts::value<std::string>()->default_value(std::to_string(defaults.window)))
    ("negative", "noise words per target with --loss ns", cxxopts::value<std::string>()->default_value(std::to_string(defaults.negative)))
    ("ns-exponent", "noise distribution: count^exponent", cxxopts::value<std::string>()->default_value("0.75"))
    ("sample", "subsampling threshold for frequent words (0: off)", cxxopts::value<std::string>()->default_value("1e-3"))
    ("min-count", "ignore words rarer than this", cxxopts::value<std::string>()->default_value("5"))
    ("max-vocab", "keep only the N most frequent words (0: no limit)", cxxopts::value<std::string>()->default_value("0"))
    ("epochs", "passes over the corpus", cxxopts::value<std::string>()->default_value(std::to_string(defaults.epochs)))
    ("alpha", "starting learning rate (default 0.025 for sg, 0.05 for cbow)", cxxopts::value<std::string>())
    ("min-alpha", "final learning rate (default alpha * 1e-4)", cxxopts::value<std::string>())
    ("threads", "training threads (default: all cores)", cxxopts::value<std::string>())
    ("binary", "write word2vec's binary format instead of text")
    ("seed", "random seed", cxxopts::value<std::string>()->default_value("1"))
    ("save-vocab", "write the vocabulary ('word count' lines) to FILE", cxxopts::value<std::string>())
    ("read-vocab", "take the vocabulary and counts from FILE instead of counting the corpus", cxxopts::value<std::string>())
    ("save-context", "also write the output (context) vectors to FILE", cxxopts::value<std::string>())
    ("cbow-mean", "1: CBOW averages the context vectors, 0: sums them", cxxopts::value<std::string>()->default_value("1"))
    ("max-sentence", "split lines longer than this many words", cxxopts::value<std::string>()->default_value("1000"))
    ("eval-analogies", "after each epoch, print the accuracy on this analogy file (questions-words.txt format; "
     "30000 most frequent words)", cxxopts::value<std::string>())
    ("quiet", "print no progress")
    ("h,help", "show this help");
  // clang-format on
  const auto parsed = parse_arguments(parser, argc, argv);
  if (!parsed) return 0;
  const cxxopts::ParseResult& args = *parsed;
  if (!args.count("input")) throw Error("--input is required");
  if (!args.count("output")) throw Error("--output is required");
  if (!args.unmatched().empty()) throw Error("unexpected argument '" + args.unmatched().front() + "'");

  TrainOptions options;
  options.model = parse_model(option_value<std::string>(args, "model"));
  options.loss = parse_loss(option_value<std::string>(args, "loss"));
  options.dim = option_value<int>(args, "dim");
  options.window = option_value<int>(args, "window");
  options.negative = option_value<int>(args, "negative");
  options.ns_exponent = option_value<double>(args, "ns-exponent");
  options.sample = option_value<double>(args, "sample");
  options.min_count = positive_option(args, "min-count");
  const long long max_vocab = option_value<long long>(args, "max-vocab");
  if (max_vocab < 0) throw Error("--max-vocab: must not be negative");
  options.max_vocab = static_cast<std::size_t>(max_vocab);
  options.epochs = option_value<int>(args, "epochs");
  if (args.count("alpha")) {
    options.alpha = option_value<double>(args, "alpha");
    if (options.alpha <= 0) throw Error("--alpha: must be positive");
  }
  if (args.count("min-alpha")) {
    options.min_alpha = option_value<double>(args, "min-alpha");
    if (options.min_alpha < 0) throw Error("--min-alpha: must not be negative");
  }
  options.threads = args.count("threads") ? option_value<int>(args, "threads") : std::max(1, omp_get_num_procs());
  options.seed = option_value<unsigned long long>(args, "seed");
  const int cbow_mean = option_value<int>(args, "cbow-mean");
  if (cbow_mean != 0 && cbow_mean != 1) throw Error("--cbow-mean: must be 0 or 1");
  options.cbow_mean = cbow_mean == 1;
  options.max_sentence = positive_option(args, "max-sentence");
  options.validate();
  const bool quiet = args.count("quiet") > 0;
  const std::string output = option_value<std::string>(args, "output");
  const std::string context_output = args.count("save-context") ? option_value<std::string>(args, "save-context") : "";
  if (!context_output.empty() && options.loss == LossKind::kHierarchicalSoftmax) {
    throw Error("--save-context: hierarchical softmax has no output vector per word (use --loss ns or softmax)");
  }
  std::vector<AnalogySection> analogies;
  if (args.count("eval-analogies")) analogies = read_analogy_questions(option_value<std::string>(args, "eval-analogies"));
  // Fail on an unwritable output before spending the training time.
  for (const std::string& path : {output, context_output}) {
    if (!path.empty()) AtomicFile probe(path);
  }

  const auto [vocabulary, tokens] = load_training_data(args, options, quiet);
  Trainer trainer(options, vocabulary);
  std::function<void(int)> on_epoch_end;
  if (!analogies.empty()) {
    on_epoch_end = [&](int epoch) { print_analogy_accuracy(epoch, vocabulary, trainer.input(), analogies); };
  }
  trainer.train(tokens, !quiet, on_epoch_end);
  const bool binary = args.count("binary") > 0;
  const Matrix& vectors = trainer.input();
  write_vectors(output, vocabulary.words(), vectors.data(), vectors.cols(), vectors.stride(), binary);
  if (!context_output.empty()) {
    const Matrix& context = trainer.output();
    write_vectors(context_output, vocabulary.words(), context.data(), context.cols(), context.stride(), binary);
  }
  return 0;
}

}  // namespace w2v::cli
