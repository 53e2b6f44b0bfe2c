#include "w2v/train/pipeline.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <span>

#include "w2v/base/error.h"
#include "w2v/text/corpus.h"
#include "w2v/train/memory_needs.h"
#include "w2v/train/trainer.h"
#include "w2v/vectors/vectors_file.h"

namespace w2v {
namespace {

// Above this many words the exact softmax is warned about: each predicted
// word costs a pass over every output row.
constexpr std::size_t kSoftmaxWarnVocabulary = 50000;

// Reads the corpus (a file, or the input's word source; this process's
// part of it, in a group), telling the observer how far it got and what was
// odd about it. The tokens are kept when they will be encoded.
enum class Counts {
  kVocabulary,  // of the words that can make the vocabulary (--min-count, --max-vocab)
  kAll,         // of every word (continued training adds them to the counts it knows)
  kNone,        // the vocabulary comes from elsewhere
};
ScannedCorpus scan(const TrainInput& input, const TrainOptions& options, Counts counts, bool keep_tokens,
                   TrainingObserver& observer) {
  const auto reading = [&](std::uint64_t words) { observer.corpus_progress(words); };
  ScanOptions scan_options;
  scan_options.threads = options.threads;
  scan_options.memory = options.scan_memory << 20;
  scan_options.min_count = counts == Counts::kVocabulary ? options.min_count
                           : counts == Counts::kAll      ? 1
                                                         : std::numeric_limits<std::uint64_t>::max();
  scan_options.max_vocab = counts == Counts::kVocabulary ? options.max_vocab : 0;
  scan_options.group = input.group;
  scan_options.keep_tokens = keep_tokens;
  ScannedCorpus corpus =
      input.source ? scan_corpus(*input.source, scan_options, reading) : scan_corpus(input.corpus, scan_options, reading);
  for (const std::string& warning : scan_warnings(corpus)) observer.warning(warning);
  return corpus;
}

// The training stream and what the corpus pass found.
struct EncodedCorpus {
  TokenStream tokens;
  CorpusSummary summary;
  CorpusFingerprint fingerprint;
};

// Encodes the corpus in the vocabulary's ids (unless `keep_tokens` is
// false: a vocabulary counted from the corpus needs no encoding to be
// counted). The summary's training words are those of every process: the
// vocabulary's total when it was counted from this corpus alone
// (`counted`), else the encoded tokens added up over the group.
EncodedCorpus encode(const ScannedCorpus& corpus, const TrainInput& input, const Vocabulary& vocabulary, bool counted,
                     bool keep_tokens = true) {
  TokenStream tokens = keep_tokens ? encode_corpus(corpus, vocabulary) : TokenStream();
  std::uint64_t training_tokens = tokens.tokens();
  if (counted) {
    training_tokens = vocabulary.total_count();
  } else if (input.group) {
    input.group->sum(std::span(&training_tokens, 1));
  }
  if (training_tokens == 0) throw Error(corpus.path + ": no word of the vocabulary occurs in the corpus");
  const CorpusSummary summary{corpus.path, corpus.tokens, corpus.lines, vocabulary.size(), training_tokens};
  const CorpusFingerprint fingerprint{input.corpus, tokens.entries(), tokens.tokens(), tokens.checksum()};
  return {std::move(tokens), summary, fingerprint};
}

struct VocabularyAndCorpus {
  Vocabulary vocabulary;
  EncodedCorpus corpus;
};

// Continued training's vocabulary (see continue_training).
Vocabulary merged_vocabulary(const InitialModel& init, const WordCounts& fresh, const TrainOptions& options) {
  WordIndex known;
  for (const std::string& word : init.counts.words) known.insert(word);
  WordCounts merged = init.counts, added;
  for (std::size_t i = 0; i < fresh.words.size(); ++i) {
    const std::int32_t id = known.find(fresh.words[i]);
    if (id == WordIndex::kNotFound) {
      added.words.push_back(fresh.words[i]);
      added.counts.push_back(fresh.counts[i]);
    } else {
      merged.counts[static_cast<std::size_t>(id)] += fresh.counts[i];
    }
  }
  const Vocabulary selected(added, options.min_count, options.max_vocab);
  merged.words.insert(merged.words.end(), selected.words().begin(), selected.words().end());
  merged.counts.insert(merged.counts.end(), selected.counts().begin(), selected.counts().end());
  std::uint64_t total = 0;
  for (const std::uint64_t count : merged.counts) {
    if (count > kMaxTotalCount - total) throw Error(init.path + ": the merged counts add up to more than 2^62");
    total += count;
  }
  return Vocabulary(merged, 0, 0);
}

enum class Purpose { kTraining, kVocabularyOnly };

// Reads the corpus and builds the vocabulary (extending `init`'s, for
// continued training); the scan (every distinct word of the corpus) is freed
// on return, before training needs the memory.
VocabularyAndCorpus read_corpus(const TrainInput& input, const TrainOptions& options, TrainingObserver& observer,
                                const InitialModel* init = nullptr, Purpose purpose = Purpose::kTraining) {
  const bool read_vocabulary = !input.vocabulary.empty();
  const bool counted = !read_vocabulary && !init;  // the vocabulary comes from this corpus's counts alone
  const bool keep_tokens = purpose == Purpose::kTraining || !counted;
  ScannedCorpus corpus = scan(input, options, read_vocabulary ? Counts::kNone : init ? Counts::kAll : Counts::kVocabulary,
                              keep_tokens, observer);
  const std::string& vocabulary_source = read_vocabulary ? input.vocabulary : corpus.path;
  const WordCounts counts = read_vocabulary ? read_word_counts(input.vocabulary) : std::move(corpus.counts);
  Vocabulary vocabulary = init ? merged_vocabulary(*init, counts, options)
                               : Vocabulary(counts, options.min_count, options.max_vocab);
  if (vocabulary.size() == 0) {
    throw Error(vocabulary_source + ": no word occurs at least " + std::to_string(options.min_count) +
                " times (--min-count); nothing to train");
  }
  if (options.loss == LossKind::kSoftmax && vocabulary.size() > kSoftmaxWarnVocabulary) {
    observer.warning("--loss softmax costs O(vocabulary) per word; with " + std::to_string(vocabulary.size()) +
                     " words it is very slow (use ns or hs, or --max-vocab)");
  }
  if (purpose == Purpose::kTraining) check_memory(memory_needs(vocabulary.size(), corpus.tokens, options));
  EncodedCorpus encoded = encode(corpus, input, vocabulary, counted, keep_tokens);
  return {std::move(vocabulary), std::move(encoded)};
}

// Trains with the kernels of `isa`: the callers ask training_isa() before
// they read the corpus, so that a bad W2V_ISA fails at once.
TrainedModel train(Vocabulary vocabulary, Model model, EncodedCorpus corpus, TrainingState start, const TrainInput& input,
                   const TrainOptions& options, Isa isa, TrainingObserver& observer) {
  observer.corpus_ready(corpus.summary, vocabulary);
  TrainingRun run{model, corpus.tokens, corpus.fingerprint, std::move(start)};
  ModelSync sync(input.group, input.sync_every, input.sync_all_every);
  const TrainSummary summary = Trainer(options, vocabulary, isa).train(run, observer, &sync);
  std::vector<ProcessState> processes = gather_process_states(sync.group(), {run.fingerprint, run.state}, options);
  return {std::move(vocabulary), std::move(model), corpus.summary, summary, std::move(processes)};
}

}  // namespace

CountedVocabulary count_vocabulary(const TrainInput& input, const TrainOptions& options, TrainingObserver& observer) {
  options.validate();
  VocabularyAndCorpus read = read_corpus(input, options, observer, nullptr, Purpose::kVocabularyOnly);
  observer.corpus_ready(read.corpus.summary, read.vocabulary);
  return {std::move(read.vocabulary), read.corpus.summary};
}

TrainedModel train_corpus(const TrainInput& input, const TrainOptions& options, TrainingObserver& observer) {
  options.validate();
  const Isa isa = training_isa();
  VocabularyAndCorpus read = read_corpus(input, options, observer);
  Model model(read.vocabulary, options);
  return train(std::move(read.vocabulary), std::move(model), std::move(read.corpus), {}, input, options, isa, observer);
}

InitialModel read_initial_model(const std::string& path) {
  InitialModel init{path, {}, WordVectors(0), std::nullopt, std::nullopt};
  if (!is_checkpoint(path)) {
    init.input = read_vectors(path);
    init.counts.words.assign(init.input.size(), "");
    for (std::size_t r = 0; r < init.input.size(); ++r) init.counts.words[r] = init.input.word(r);
    init.counts.counts.assign(init.input.size(), 0);
    return init;
  }
  const Checkpoint checkpoint = read_checkpoint(path);
  const auto vectors_of = [&](const Matrix& matrix) {
    WordVectors vectors(matrix.cols());
    vectors.reserve(checkpoint.vocabulary.size());
    for (std::size_t i = 0; i < checkpoint.vocabulary.size(); ++i) vectors.add(checkpoint.vocabulary.words()[i], matrix.row(i));
    return vectors;
  };
  init.counts = {checkpoint.vocabulary.words(), checkpoint.vocabulary.counts()};
  init.input = vectors_of(checkpoint.model.input());
  if (const Matrix* context = checkpoint.model.context()) init.context = vectors_of(*context);
  init.options = checkpoint.options;
  return init;
}

TrainedModel continue_training(InitialModel init, const TrainInput& input, const TrainOptions& options,
                               TrainingObserver& observer) {
  options.validate();
  if (init.input.dim() != static_cast<std::size_t>(options.dim)) {
    throw Error("--dim " + std::to_string(options.dim) + ": " + init.path + " has vectors of " +
                std::to_string(init.input.dim()) + " dimensions (--init)");
  }
  const Isa isa = training_isa();
  VocabularyAndCorpus read = read_corpus(input, options, observer, &init);
  Model model(read.vocabulary, options);
  // Known words start where `init` left them; the rest as in a new run.
  const auto copy_rows = [&](const WordVectors& from, Matrix& to) {
    for (std::size_t r = 0; r < from.size(); ++r) {
      const std::int32_t id = read.vocabulary.id(from.word(r));
      if (id != WordIndex::kNotFound) std::copy_n(from.row(r), from.dim(), to.row(static_cast<std::size_t>(id)));
    }
  };
  copy_rows(init.input, model.input());
  if (init.context && model.context()) copy_rows(*init.context, *model.context());
  // Its vectors are in the model now: freed before training.
  init.input = WordVectors(0);
  init.context.reset();
  return train(std::move(read.vocabulary), std::move(model), std::move(read.corpus), {}, input, options, isa, observer);
}

TrainedModel resume_training(Checkpoint checkpoint, const TrainInput& given, const TrainOptions& options,
                             TrainingObserver& observer) {
  check_resume_options(checkpoint.options, options);
  const int processes = given.group ? given.group->size() : 1;
  check_resume_processes(checkpoint, processes);
  const Isa isa = training_isa();
  // Each process continues its own part of the run.
  ProcessState& mine = checkpoint.processes[static_cast<std::size_t>(processes > 1 ? given.group->rank() : 0)];
  TrainInput input{given.corpus.empty() ? checkpoint.processes[0].corpus.path : given.corpus, {}};
  input.group = given.group;
  input.sync_every = given.sync_every;
  input.sync_all_every = given.sync_all_every;
  const std::string& path = input.corpus;
  EncodedCorpus encoded = encode(scan(input, options, Counts::kNone, true, observer), input, checkpoint.vocabulary, false);
  const CorpusFingerprint& saved = mine.corpus;
  const CorpusFingerprint& found = encoded.fingerprint;
  if (found.tokens != saved.tokens || found.entries != saved.entries || found.checksum != saved.checksum) {
    throw Error(path + ": not the corpus the checkpoint was trained on (" +
                (found.tokens != saved.tokens
                     ? std::to_string(found.tokens) + " of its words are in the vocabulary, the checkpoint's corpus had " +
                           std::to_string(saved.tokens)
                     : "the same number of words, but not the same text") +
                ")");
  }
  return train(std::move(checkpoint.vocabulary), std::move(checkpoint.model), std::move(encoded), std::move(mine.state),
               input, options, isa, observer);
}

void check_resume_options(const TrainOptions& saved, const TrainOptions& requested) {
  // The learning rates as used, whether given or derived from --model.
  TrainOptions old_options = saved, new_options = requested;
  for (TrainOptions* o : {&old_options, &new_options}) {
    o->alpha = o->start_alpha();
    o->min_alpha = o->end_alpha();
  }
  std::string differences;
  for (const TrainOptionSpec& spec : train_option_specs()) {
    const std::string before = spec.show(old_options), after = spec.show(new_options);
    if (before == after || (spec.name == "epochs" && new_options.epochs > old_options.epochs)) continue;
    differences += (differences.empty() ? "" : ", ") + ("--" + spec.name + " " + after + " (checkpoint: " + before + ")");
  }
  if (!differences.empty()) {
    throw Error("options differ from the checkpoint's: " + differences +
                "; a resumed run keeps its options (only --epochs may be raised)");
  }
}

void check_resume_processes(const Checkpoint& checkpoint, int processes) {
  const std::size_t saved = checkpoint.processes.size();
  if (saved == static_cast<std::size_t>(processes)) return;
  const auto count = [](std::size_t n) { return std::to_string(n) + (n == 1 ? " process" : " processes"); };
  throw Error("the checkpoint is of a run of " + count(saved) + ", this one has " +
              count(static_cast<std::size_t>(processes)) + " (resume it with " +
              (saved == 1 ? std::string("one process, without mpirun") : "mpirun -np " + std::to_string(saved)) + ")");
}

}  // namespace w2v
