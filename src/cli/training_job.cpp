#include "training_job.h"

#include <cstdio>

#include "processes.h"
#include "summary_text.h"
#include "w2v/base/atomic_file.h"
#include "w2v/base/error.h"
#include "w2v/vectors/vectors_file.h"
#include "w2v/vectors/word_classes.h"

namespace w2v::cli {
namespace {

// word2vec.c runs 10 k-means iterations for -classes.
constexpr int kClassIterations = 10;

// Writes the rows of `matrix` as word vectors and returns what the file holds.
std::string write_matrix(const std::string& path, const Vocabulary& vocabulary, const Matrix& matrix, bool binary) {
  write_vectors(path, vocabulary.words(), matrix.data(), matrix.cols(), matrix.stride(), binary);
  return plural(vocabulary.size(), "word") + " × " + std::to_string(matrix.cols()) + (binary ? ", binary" : ", text");
}

std::string vocabulary_text(const Vocabulary& vocabulary) { return "</s> and " + plural(vocabulary.size(), "word"); }

}  // namespace

int run_training(const TrainingJob& job) {
  if (job.output.empty() && job.vocabulary_output.empty()) throw Error("nothing to write: give an output file");
  if (!job.context_output.empty() && job.options.loss == LossKind::kHierarchicalSoftmax) {
    throw Error("--save-context: hierarchical softmax has no output vector per word (use --loss ns, ns+hs or softmax)");
  }
  // In an MPI job every rank trains; rank 0 alone prints and writes.
  Processes& processes = Processes::current();
  const bool leader = processes.leader();
  std::vector<AnalogySection> analogies;
  if (!job.eval_analogies.empty() && leader) analogies = read_analogy_questions(job.eval_analogies);
  // Fail on an unwritable output before spending the training time.
  for (const std::string& path : {job.output, job.context_output, job.vocabulary_output}) {
    if (!path.empty() && leader) AtomicFile probe(path);
  }
  // ... and on a class count the vocabulary cannot fill, before training.
  const auto check_vocabulary = [&](const Vocabulary& vocabulary) {
    if (job.classes > vocabulary.size()) {
      throw Error(job.classes_flag + ": " + std::to_string(job.classes) + " classes for a vocabulary of " +
                  plural(vocabulary.size(), "word"));
    }
  };
  TrainingPrinter printer(job.command, job.verbosity, std::move(analogies), check_vocabulary);
  TrainingObserver silent;
  TrainingObserver& observer = leader ? static_cast<TrainingObserver&>(printer) : silent;
  TrainInput input = job.input;
  input.group = &processes.group();
  input.sync_every = job.sync_every;

  if (job.output.empty()) {  // word2vec.c without -output: the vocabulary only
    const CountedVocabulary counted = count_vocabulary(input, job.options, observer);
    if (!leader) return 0;
    counted.vocabulary.save(job.vocabulary_output, counted.corpus.lines);
    printer.wrote(job.vocabulary_output, vocabulary_text(counted.vocabulary));
    return 0;
  }
  const TrainedModel trained = train_corpus(input, job.options, observer);
  if (!leader) return 0;
  printer.finish(trained.summary);
  const Vocabulary& vocabulary = trained.vocabulary;
  if (!job.vocabulary_output.empty()) {
    vocabulary.save(job.vocabulary_output, trained.corpus.lines);
    printer.wrote(job.vocabulary_output, vocabulary_text(vocabulary));
  }
  if (job.classes > 0) {
    const WordClasses classes = cluster_words(trained.model.input().map(), job.classes, kClassIterations, job.options.seed);
    AtomicFile file(job.output);
    write_word_classes(file.stream(), vocabulary.words(), classes);
    file.commit();
    printer.wrote(job.output, classes_summary(classes));
  } else {
    printer.wrote(job.output, write_matrix(job.output, vocabulary, trained.model.input(), job.binary));
  }
  if (!job.context_output.empty()) {
    printer.wrote(job.context_output,
                  write_matrix(job.context_output, vocabulary, *trained.model.context(), job.binary) + ", context vectors");
  }
  return 0;
}

}  // namespace w2v::cli
