#include "w2v/train/train_options.h"

#include <omp.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "w2v/base/error.h"

namespace w2v {
namespace {

[[noreturn]] void fail(std::string_view name, const std::string& what) {
  throw Error("--" + std::string(name) + ": " + what);
}

std::string number_text(double value) {
  char text[32];
  return {text, std::to_chars(text, text + sizeof text, value, std::chars_format::general).ptr};
}

template <class T>
T parse_number(std::string_view name, std::string_view text) {
  T value{};
  const char* end = text.data() + text.size();
  std::from_chars_result parsed{};
  if constexpr (std::is_floating_point_v<T>) {
    parsed = std::from_chars(text.data(), end, value, std::chars_format::general);
  } else {
    parsed = std::from_chars(text.data(), end, value);
  }
  if (text.empty() || parsed.ec != std::errc() || parsed.ptr != end || (std::is_floating_point_v<T> && !std::isfinite(static_cast<double>(value)))) {
    fail(name, "invalid value '" + std::string(text) + "'");
  }
  return value;
}

// A bound that means "no upper limit" in messages.
constexpr std::uint64_t kNoLimit = std::numeric_limits<std::int64_t>::max();

// A whole number in [min, max], stored in a field of type Int.
template <class Int>
TrainOptionSpec integer(std::string name, std::string placeholder, std::string help, Int TrainOptions::*field,
                        std::uint64_t min, std::uint64_t max) {
  const auto check_value = [name, min, max](long double value) {
    if (value < static_cast<long double>(min) || value > static_cast<long double>(max)) {
      const std::string range = max >= kNoLimit ? "of at least " + std::to_string(min)
                                                : "from " + std::to_string(min) + " to " + std::to_string(max);
      // All digits: 1000000000, not 1e+09.
      const std::string got = value < 0 ? std::to_string(static_cast<long long>(value))
                                        : std::to_string(static_cast<unsigned long long>(value));
      fail(name, "must be a whole number " + range + ", got " + got);
    }
  };
  return {name,
          std::move(placeholder),
          std::move(help),
          [field](const TrainOptions& o) { return std::to_string(o.*field); },
          [name, field, check_value](TrainOptions& o, std::string_view text) {
            // Parsed wide, so that -1 or 1e12 is reported as out of range, not as garbage.
            const auto value = text.starts_with('-') ? static_cast<long double>(parse_number<long long>(name, text))
                                                     : static_cast<long double>(parse_number<unsigned long long>(name, text));
            check_value(value);
            o.*field = static_cast<Int>(value);
          },
          [field, check_value](const TrainOptions& o) { check_value(static_cast<long double>(o.*field)); },
          {},
          {}};
}

// A real number in [min, max] (or [min, max) when `max_open`), stored in a
// double or, for options whose default depends on others, an optional.
template <class Field>
TrainOptionSpec real(std::string name, std::string placeholder, std::string help, Field TrainOptions::*field,
                     double min, double max, bool max_open = false) {
  const auto check_value = [name, min, max, max_open](double value) {
    if (!(value >= min) || value > max || (max_open && value == max)) {
      fail(name, "must be in [" + number_text(min) + ", " + number_text(max) + (max_open ? ")" : "]") + ", got " +
                     number_text(value));
    }
  };
  const auto get = [field](const TrainOptions& o) -> std::optional<double> { return o.*field; };
  return {name,
          std::move(placeholder),
          std::move(help),
          [get](const TrainOptions& o) {
            const std::optional<double> value = get(o);
            return value ? number_text(*value) : std::string();
          },
          [name, field, check_value](TrainOptions& o, std::string_view text) {
            const double value = parse_number<double>(name, text);
            check_value(value);
            o.*field = value;
          },
          [get, check_value](const TrainOptions& o) {
            if (const std::optional<double> value = get(o)) check_value(*value);
          },
          {},
          {}};
}

template <class Enum>
using Names = std::vector<std::pair<std::string, Enum>>;

const Names<ModelKind>& model_names() {
  static const Names<ModelKind> names = {{"cbow", ModelKind::kCbow}, {"sg", ModelKind::kSkipGram}};
  return names;
}

const Names<LossKind>& loss_names() {
  static const Names<LossKind> names = {{"ns", LossKind::kNegativeSampling},
                                        {"hs", LossKind::kHierarchicalSoftmax},
                                        {"ns+hs", LossKind::kNegativeSamplingAndHierarchicalSoftmax},
                                        {"softmax", LossKind::kSoftmax}};
  return names;
}

template <class Enum>
const char* name_of(const Names<Enum>& names, Enum value) {
  for (const auto& [text, candidate] : names) {
    if (candidate == value) return text.c_str();
  }
  return "?";
}

// One of a few named values.
template <class Enum>
TrainOptionSpec choice(std::string name, std::string help, Enum TrainOptions::*field, const Names<Enum>& values) {
  std::string names;
  for (const auto& [text, value] : values) names += (names.empty() ? "" : "|") + text;
  return {name,
          names,
          std::move(help),
          [field, &values](const TrainOptions& o) { return std::string(name_of(values, o.*field)); },
          [name, field, &values, names](TrainOptions& o, std::string_view text) {
            for (const auto& [candidate, value] : values) {
              if (candidate == text) {
                o.*field = value;
                return;
              }
            }
            fail(name, "unknown value '" + std::string(text) + "' (expected " + names + ")");
          },
          [](const TrainOptions&) {},
          {},
          {}};
}

TrainOptionSpec& find(std::vector<TrainOptionSpec>& specs, std::string_view name) {
  return *std::find_if(specs.begin(), specs.end(), [&](const TrainOptionSpec& s) { return s.name == name; });
}

std::vector<TrainOptionSpec> make_specs() {
  using O = TrainOptions;
  std::vector<TrainOptionSpec> specs = {
      choice("model", "skip-gram or continuous bag of words", &O::model, model_names()),
      choice("loss",
             "negative sampling, hierarchical softmax, both at once (as word2vec.c's -hs 1 -negative N), or the "
             "exact softmax (small vocabularies)",
             &O::loss, loss_names()),
      integer("dim", "N", "vector dimension", &O::dim, 1, 10000),
      integer("window", "N", "maximum distance between the target and a context word", &O::window, 1, 1000),
      integer("negative", "N", "noise words per target (--loss ns or ns+hs)", &O::negative, 0, 1000),
      real("ns-exponent", "E", "noise words are drawn with probability proportional to count^E", &O::ns_exponent,
           -10, 10),
      real("sample", "T", "subsampling threshold of frequent words (0: off)", &O::sample, 0, 1, true),
      integer("min-count", "N", "drop words rarer than N", &O::min_count, 1, kNoLimit),
      integer("max-vocab", "N", "keep only the N most frequent words (0: no limit)", &O::max_vocab, 0, kNoLimit),
      integer("epochs", "N", "passes over the corpus", &O::epochs, 1, 100000),
      real("alpha", "RATE",
           "starting learning rate (default " + number_text(O::kSkipGramAlpha) + " for sg, " +
               number_text(O::kCbowAlpha) + " for cbow)",
           &O::alpha, 1e-9, 1),
      real("min-alpha", "RATE",
           "final learning rate, reached linearly (default alpha * " + number_text(O::kMinAlphaFactor) + ")",
           &O::min_alpha, 0, 1),
      integer("threads", "N", "training threads", &O::threads, 1, 1024),
      integer("seed", "N", "random seed; with --threads 1 the same seed gives the same vectors", &O::seed, 0,
              std::numeric_limits<std::uint64_t>::max()),
      integer("cbow-mean", "0|1", "CBOW hidden layer: 1 the mean of the context vectors, 0 their sum", &O::cbow_mean, 0,
              1),
      integer("max-sentence", "N", "lines longer than N words are split into pieces of N", &O::max_sentence, 1,
              100000000),
      integer("scan-memory", "MB",
              "memory for counting the corpus's words; past it, counts are spilled to $TMPDIR and merged, so they "
              "stay exact",
              &O::scan_memory, 1, std::uint64_t{1} << 24),
  };
  find(specs, "threads").default_text = "all cores";
  // Noise words exist only with negative sampling.
  const auto without_noise = [](const TrainOptions& o) {
    return o.negative_sampling() ? std::string() : "--loss " + std::string(loss_name(o.loss));
  };
  find(specs, "negative").unused_with = without_noise;
  find(specs, "ns-exponent").unused_with = without_noise;
  return specs;
}

}  // namespace

int TrainOptions::default_threads() { return std::max(1, omp_get_num_procs()); }

std::span<const TrainOptionSpec> train_option_specs() {
  static const std::vector<TrainOptionSpec> specs = make_specs();
  return specs;
}

const TrainOptionSpec* find_train_option(std::string_view name) {
  for (const TrainOptionSpec& spec : train_option_specs()) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

void TrainOptions::validate() const {
  for (const TrainOptionSpec& spec : train_option_specs()) spec.check(*this);
  if (negative_sampling() && negative < 1) fail("negative", "must be at least 1 with --loss " + std::string(loss_name(loss)));
  if (end_alpha() > start_alpha()) {
    fail("min-alpha", number_text(end_alpha()) + " exceeds the starting rate " + number_text(start_alpha()));
  }
}

const char* model_name(ModelKind model) { return name_of(model_names(), model); }
const char* loss_name(LossKind loss) { return name_of(loss_names(), loss); }

}  // namespace w2v
