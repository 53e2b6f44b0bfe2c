#include "word2vec_command.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "suggestion.h"
#include "training_job.h"
#include "w2v/base/error.h"

namespace w2v::cli {
namespace {

// word2vec.c's flags (its main()): each takes one value. `native` is the
// w2v train option it stands for; `apply` stores the value in the job.
struct Flag {
  std::string name;    // "-size"
  std::string native;  // "--dim"
  std::function<void(TrainingJob&, const std::string& value)> apply;
};

// What -hs and -negative decide together: the loss.
struct Objectives {
  bool hs = false;             // word2vec.c's default -hs 0
  std::optional<int> negative;  // unset: the option table's default (word2vec.c's 5)
};

// Sets a w2v train option from a word2vec.c flag; a bad value is reported
// under the flag's name ("-size: must be ..." rather than "--dim: ...").
void set_option(TrainOptions& options, const std::string& option, const std::string& flag, const std::string& value) {
  try {
    find_train_option(option)->set(options, value);
  } catch (const Error& e) {
    throw Error(flag + std::string(e.what()).substr(2 + option.size()));
  }
}

bool switch_value(const std::string& flag, const std::string& value) {
  if (value != "0" && value != "1") throw Error(flag + ": expected 0 or 1, got '" + value + "'");
  return value == "1";
}

std::size_t whole_number(const std::string& flag, const std::string& value) {
  const auto number = parse_value<long long>(flag, value);
  if (number < 0) throw Error(flag + ": must be 0 or more, got " + value);
  return static_cast<std::size_t>(number);
}

std::vector<Flag> make_flags(Objectives& objectives) {
  const auto option = [](const std::string& name, const std::string& native) {
    return Flag{name, "--" + native,
                [name, native](TrainingJob& job, const std::string& value) { set_option(job.options, native, name, value); }};
  };
  return {
      {"-train", "--input", [](TrainingJob& job, const std::string& value) { job.input.corpus = value; }},
      {"-output", "--output", [](TrainingJob& job, const std::string& value) { job.output = value; }},
      option("-size", "dim"),
      option("-window", "window"),
      option("-sample", "sample"),
      {"-hs", "--loss", [&objectives](TrainingJob&, const std::string& value) { objectives.hs = switch_value("-hs", value); }},
      {"-negative", "--negative",
       [&objectives](TrainingJob& job, const std::string& value) {
         set_option(job.options, "negative", "-negative", value);  // 0 (off) to 1000
         objectives.negative = job.options.negative;
       }},
      option("-threads", "threads"),
      option("-iter", "epochs"),
      option("-min-count", "min-count"),
      option("-alpha", "alpha"),
      {"-classes", "--classes",
       [](TrainingJob& job, const std::string& value) { job.classes = whole_number("-classes", value); }},
      {"-debug", "--quiet",
       [](TrainingJob& job, const std::string& value) {
         const std::size_t level = whole_number("-debug", value);
         job.verbosity = level == 0 ? Verbosity::kQuiet : level == 1 ? Verbosity::kSummary : Verbosity::kProgress;
       }},
      {"-binary", "--binary",
       [](TrainingJob& job, const std::string& value) { job.binary = switch_value("-binary", value); }},
      {"-save-vocab", "--save-vocab", [](TrainingJob& job, const std::string& value) { job.vocabulary_output = value; }},
      {"-read-vocab", "--read-vocab", [](TrainingJob& job, const std::string& value) { job.input.vocabulary = value; }},
      {"-cbow", "--model",
       [](TrainingJob& job, const std::string& value) {
         job.options.model = switch_value("-cbow", value) ? ModelKind::kCbow : ModelKind::kSkipGram;
       }},
  };
}

// word2vec.c trains hierarchical softmax with -hs 1 and negative sampling
// with -negative N > 0, both when both are on.
void choose_loss(TrainOptions& options, const Objectives& objectives) {
  const bool negative = objectives.negative.value_or(TrainOptions{}.negative) > 0;
  if (objectives.hs && negative) {
    options.loss = LossKind::kNegativeSamplingAndHierarchicalSoftmax;
  } else if (objectives.hs) {
    options.loss = LossKind::kHierarchicalSoftmax;
  } else if (negative) {
    options.loss = LossKind::kNegativeSampling;
  } else {
    throw Error("-hs 0 with -negative 0 leaves nothing to train (set -hs 1 or -negative N)");
  }
}

[[noreturn]] void unknown_flag(const std::string& arg, const std::vector<Flag>& flags) {
  std::vector<std::string> names;
  std::string all;
  for (const Flag& flag : flags) {
    names.push_back(flag.name);
    all += " " + flag.name;
  }
  std::string hint = did_you_mean(arg, names);
  for (const Flag& flag : flags) {
    if (hint.empty() && flag.native == arg) hint = " (did you mean '" + flag.name + "'?)";  // w2v train's name
  }
  throw Error("unknown option '" + arg + "'" + (hint.empty() ? "; word2vec.c's flags are" + all : hint));
}

}  // namespace

int word2vec_command(int argc, char** argv) {
  Objectives objectives;
  const std::vector<Flag> flags = make_flags(objectives);
  TrainingJob job;  // w2v's defaults are word2vec.c's (see TrainOptions), but for -threads: all cores
  job.classes_flag = "-classes";
  job.command = "w2v";
  std::set<std::string> seen;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto flag = std::find_if(flags.begin(), flags.end(), [&](const Flag& f) { return f.name == arg; });
    if (flag == flags.end()) {
      if (!arg.starts_with("-")) throw Error("unexpected argument '" + arg + "' (word2vec.c's flags each take one value)");
      unknown_flag(arg, flags);
    }
    if (!seen.insert(arg).second) throw Error(arg + ": given twice");
    if (i + 1 == argc) throw Error(arg + ": missing value");
    flag->apply(job, argv[++i]);
  }
  if (job.input.corpus.empty()) throw Error("-train is required");
  if (job.output.empty() && job.vocabulary_output.empty()) throw Error("nothing to write: give -output (or -save-vocab)");
  choose_loss(job.options, objectives);
  job.options.validate();
  if (job.classes > 0) job.binary = false;  // word2vec.c writes classes as text whatever -binary says
  return run_training(std::move(job));
}

Aliases word2vec_flag_aliases() {
  Objectives unused;
  Aliases aliases;
  for (const Flag& flag : make_flags(unused)) {
    if (flag.native != "-" + flag.name) aliases[flag.name.substr(1)] = flag.native;
  }
  return aliases;
}

}  // namespace w2v::cli
