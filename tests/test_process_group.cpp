// What several processes do together (the MPI build's ranks), with threads
// standing in for the processes: the same counts as one process, and models
// kept in step by ModelSync.
#include <doctest/doctest.h>

#include <algorithm>
#include <mutex>
#include <random>

#include "planted_corpus.h"
#include "test_util.h"
#include "threads_group.h"
#include "w2v/text/corpus.h"
#include "w2v/train/model_sync.h"
#include "w2v/train/pipeline.h"

using namespace w2v;

TEST_SUITE_BEGIN("unit");

TEST_CASE("process group: processes reading their parts count as one process does, in rounds of bounded memory") {
  test::TempDir dir;
  std::mt19937 rng(9);
  std::string text;
  for (int i = 0; i < 150000; ++i) {  // about 50000 distinct words: several 1 MB rounds
    const unsigned r = rng() % 60000;
    text += "v" + std::to_string(r % 5 == 0 ? r % 30 : r) + (i % 17 == 16 ? "\n" : " ");
  }
  text += "caf\xc3 lone";  // an invalid word and a last line without newline
  test::write_file(dir.file("c.txt"), text);
  ScanOptions alone;
  alone.memory = 1 << 20;
  const ScannedCorpus expected = scan_corpus(dir.file("c.txt"), alone);
  const Vocabulary vocabulary(expected.counts, 1, 0);
  const std::vector<std::uint32_t> expected_tokens = test::token_entries(encode_corpus(expected, vocabulary));
  for (int processes : {2, 3}) {
    for (int threads : {1, 2}) {
      CAPTURE(processes);
      CAPTURE(threads);
      test::ThreadsGroup group(processes);
      std::mutex lock;
      std::vector<std::vector<std::uint32_t>> tokens(static_cast<std::size_t>(processes));
      group.run([&](ProcessGroup& me) {
        ScanOptions options = alone;
        options.threads = threads;
        options.group = &me;
        const ScannedCorpus corpus = scan_corpus(dir.file("c.txt"), options);
        const std::vector<std::uint32_t> mine = test::token_entries(encode_corpus(corpus, vocabulary));
        const std::lock_guard guard(lock);
        CHECK(corpus.counts.words == expected.counts.words);
        CHECK(corpus.counts.counts == expected.counts.counts);
        CHECK(corpus.tokens == expected.tokens);
        CHECK(corpus.lines == expected.lines);
        CHECK(corpus.invalid_utf8_words == 1);
        CHECK(corpus.first_invalid_utf8_line == expected.first_invalid_utf8_line);
        tokens[static_cast<std::size_t>(me.rank())] = mine;
      });
      // Each token is read by exactly one process; a cut between two
      // processes ends a sentence there.
      std::vector<std::uint32_t> joined, words_only, expected_words;
      for (const auto& part : tokens) joined.insert(joined.end(), part.begin(), part.end());
      for (std::uint32_t e : joined) if (e != TokenStream::kEndOfSentence) words_only.push_back(e);
      for (std::uint32_t e : expected_tokens) if (e != TokenStream::kEndOfSentence) expected_words.push_back(e);
      CHECK(words_only == expected_words);
    }
  }
}

TEST_CASE("process group: ModelSync keeps the processes' models in step, and they learn the planted structure") {
  test::TempDir dir;
  test::write_file(dir.file("topics.txt"), test::planted_corpus(6000, 21));
  TrainOptions options;
  options.dim = 20;
  options.epochs = 4;
  options.min_count = 1;
  options.threads = 2;
  test::ThreadsGroup group(2);
  std::mutex lock;
  std::vector<TrainedModel> models;
  std::vector<TrainingProgress> last_progress(2);
  group.run([&](ProcessGroup& me) {
    struct LastProgress : TrainingObserver {
      TrainingProgress last;
      void progress(const TrainingProgress& p) override { last = p; }
    } observer;
    TrainInput input{dir.file("topics.txt"), ""};
    input.group = &me;
    input.sync_every = 5000;
    TrainedModel trained = train_corpus(input, options, observer);
    const std::lock_guard guard(lock);
    last_progress[static_cast<std::size_t>(me.rank())] = observer.last;
    models.push_back(std::move(trained));
  });
  REQUIRE(models.size() == 2);
  for (const TrainedModel& m : models) {
    CHECK(m.summary.processes == 2);
    // Both processes' words: the whole corpus, every epoch.
    CHECK(m.summary.words == m.corpus.training_tokens * 4);
    // ceil(all words / (2 processes × 5000)) synchronisations, the last after training.
    CHECK(m.summary.synchronisations == (m.summary.words + 9999) / 10000);
    CHECK(m.summary.synchronisation_bytes > 0);
    CHECK(test::neighbour_accuracy(m.vocabulary.words(), m.model.input().map()) > 0.9);
  }
  for (const TrainingProgress& p : last_progress) {
    CHECK(p.total_words == models[0].summary.words);
    CHECK(p.threads == 4);
  }
  CHECK(models[0].vocabulary.words() == models[1].vocabulary.words());
  const RowMatrix<float> difference = models[0].model.input().map() - models[1].model.input().map();
  CHECK(difference.cwiseAbs().maxCoeff() < 1e-5f);
}

TEST_CASE("process group: ModelSync adds up every process's changes since the last synchronisation") {
  // Each process starts from the same matrix and changes it differently;
  // after a synchronisation both hold the start plus the sum of the changes
  // (an average would give the start plus half of it), and the next
  // synchronisation adds only what changed since.
  test::ThreadsGroup group(2);
  std::mutex lock;
  std::vector<std::vector<float>> results;
  group.run([&](ProcessGroup& me) {
    Matrix m(3, 4);
    for (std::size_t r = 0; r < 3; ++r) std::fill(m.row(r), m.row(r) + 4, 1.0f);
    ModelSync sync(&me, 10);
    // 20 words per process: 2 synchronisations, after 10 and after 20.
    CHECK(sync.start({&m}, 20) == 40);
    const float change = me.rank() == 0 ? 0.5f : 2.0f;
    m.row(1)[2] += change;
    CHECK(sync.step(10) == 20);
    CHECK(m.row(1)[2] == 1.0f + 0.5f + 2.0f);
    CHECK(m.row(0)[0] == 1.0f);
    m.row(2)[0] += me.rank() == 0 ? 1.0f : -3.0f;
    CHECK(sync.finish(20) == 40);
    CHECK(sync.synchronisations() == 2);
    const std::lock_guard guard(lock);
    std::vector<float> values;
    for (std::size_t r = 0; r < 3; ++r) values.insert(values.end(), m.row(r), m.row(r) + 4);
    results.push_back(values);
  });
  REQUIRE(results.size() == 2);
  CHECK(results[0] == results[1]);
  CHECK(results[0][1 * 4 + 2] == 3.5f);
  CHECK(results[0][2 * 4 + 0] == -1.0f);
}

TEST_SUITE_END();
