// What several processes do together (the MPI build's ranks), with threads
// standing in for the processes: the same counts as one process, models
// kept in step by ModelSync, and checkpoints of all of them together.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <mutex>
#include <optional>
#include <random>

#include "planted_corpus.h"
#include "test_util.h"
#include "threads_group.h"
#include "w2v/text/corpus.h"
#include "w2v/train/checkpoint.h"
#include "w2v/train/hierarchical_softmax.h"
#include "w2v/train/model_sync.h"
#include "w2v/train/negative_sampling.h"
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

namespace {

// Runs `changes` on each of n processes (threads), each with its own 3 × 4
// matrix of ones kept in step by a ModelSync of period 10 over 20 words (two
// synchronisations: step(10) and finish(20)); returns every process's
// matrix, row after row, after both.
std::vector<std::vector<float>> synchronised(int n, const std::function<void(int rank, Matrix&, ModelSync&)>& changes) {
  test::ThreadsGroup group(n);
  std::mutex lock;
  std::vector<std::vector<float>> results;
  group.run([&](ProcessGroup& me) {
    Matrix m(3, 4);
    for (std::size_t r = 0; r < 3; ++r) std::fill(m.row(r), m.row(r) + 4, 1.0f);
    ModelSync sync(&me, 10);
    CHECK(sync.start({&m}, {}, 20) == 20u * static_cast<unsigned>(n));
    changes(me.rank(), m, sync);
    CHECK(sync.synchronisations() == 2);
    const std::lock_guard guard(lock);
    std::vector<float> values;
    for (std::size_t r = 0; r < 3; ++r) values.insert(values.end(), m.row(r), m.row(r) + 4);
    results.push_back(values);
  });
  REQUIRE(results.size() == static_cast<std::size_t>(n));
  for (const auto& r : results) CHECK(r == results[0]);
  return results;
}

}  // namespace

TEST_CASE("process group: ModelSync adds up every process's changes since the last synchronisation") {
  // Each process starts from the same matrix and changes it differently;
  // after a synchronisation both hold the start plus the sum of the changes
  // (an average would give the start plus half of it), and the next
  // synchronisation adds only what changed since.
  const auto results = synchronised(2, [](int rank, Matrix& m, ModelSync& sync) {
    m.row(1)[2] += rank == 0 ? 0.5f : 2.0f;
    CHECK(sync.step(10) == 20);
    CHECK(m.row(1)[2] == 1.0f + 0.5f + 2.0f);
    CHECK(m.row(0)[0] == 1.0f);
    m.row(2)[0] += rank == 0 ? 1.0f : -3.0f;
    CHECK(sync.finish(20) == 40);
  });
  CHECK(results[0][1 * 4 + 2] == 3.5f);
  CHECK(results[0][2 * 4 + 0] == -1.0f);
}

TEST_CASE("process group: the busiest rows are synchronised every period, all rows every all-rows period") {
  // Period 10 over 40 words on 2 processes: 4 synchronisations; the 3rd
  // (all rows every 30 words) and the last cover all rows, the 1st and 2nd
  // only row 0, the busiest.
  test::ThreadsGroup group(2);
  std::mutex lock;
  std::vector<std::vector<float>> results;
  group.run([&](ProcessGroup& me) {
    Matrix m(3, 4);
    for (std::size_t r = 0; r < 3; ++r) std::fill(m.row(r), m.row(r) + 4, 1.0f);
    ModelSync sync(&me, 10, 30);
    CHECK(sync.start({&m}, {{0, 1}}, 40) == 80);
    const float mine = me.rank() == 0 ? 1.0f : 2.0f;
    m.row(0)[0] += mine;
    m.row(2)[3] += mine;
    sync.step(10);
    CHECK(m.row(0)[0] == 1.0f + 3.0f);
    CHECK(m.row(2)[3] == 1.0f + mine);  // not yet: not one of the busiest
    sync.step(20);
    CHECK(m.row(2)[3] == 1.0f + mine);
    CHECK(sync.synchronisations_of_all_rows() == 0);
    sync.step(30);
    CHECK(m.row(2)[3] == 1.0f + 3.0f);  // every change since the start
    CHECK(m.row(0)[0] == 1.0f + 3.0f);  // added once
    m.row(1)[1] += mine;
    CHECK(sync.finish(40) == 80);
    CHECK(sync.synchronisations() == 4);
    CHECK(sync.synchronisations_of_all_rows() == 2);
    // The rows' padding is not sent, and stays zero.
    REQUIRE(m.stride() > m.cols());
    CHECK(sync.bytes_per_synchronisation(true) == 3 * m.cols() * sizeof(float));
    CHECK(sync.bytes_per_synchronisation(false) == 1 * m.cols() * sizeof(float));
    for (std::size_t r = 0; r < 3; ++r) CHECK(std::all_of(m.row(r) + m.cols(), m.row(r) + m.stride(), [](float x) { return x == 0; }));
    const std::lock_guard guard(lock);
    std::vector<float> values;
    for (std::size_t r = 0; r < 3; ++r) values.insert(values.end(), m.row(r), m.row(r) + 4);
    results.push_back(values);
  });
  REQUIRE(results.size() == 2);
  CHECK(results[0] == results[1]);
  CHECK(results[0][1 * 4 + 1] == 4.0f);
}

TEST_CASE("process group: the frequent words are those that occur at least once per period") {
  // 200 words in all: in a period of 10 words, a word of count c occurs
  // c / 20 times on average.
  const std::vector<std::uint64_t> counts = {100, 40, 20, 19, 15, 6};
  CHECK(frequent_words(counts, 10) == 3);
  CHECK(frequent_words(counts, 1) == 0);
  CHECK(frequent_words(counts, 200) == 6);
  CHECK(frequent_words({}, 10) == 0);
  // Their rows: the first of the words' matrices, the heaviest (last) of
  // the hierarchical softmax's nodes.
  NegativeSampling ns(counts, 8, 2, 0.75);
  HierarchicalSoftmax hs(counts, 8);
  REQUIRE(hs.output().rows() == 5);
  const auto ns_rows = ns.busiest_rows(3), hs_rows = hs.busiest_rows(3);
  REQUIRE(ns_rows.size() == 1);
  CHECK(ns_rows[0].first == 0);
  CHECK(ns_rows[0].end == 3);
  REQUIRE(hs_rows.size() == 1);
  CHECK(hs_rows[0].first == 2);
  CHECK(hs_rows[0].end == 5);
  CHECK(hs.busiest_rows(100)[0].first == 0);
  CHECK(ns.busiest_rows(100)[0].end == 6);
}

TEST_CASE("process group: with more than two processes, changes they agree on move a row as two processes' would") {
  // 4 processes: changes to different columns are independent and all
  // count; the same change on every process moves the row twice as far as
  // one process did (weight 2/N), not 4 times; changes that mostly cancel
  // are added up.
  const auto results = synchronised(4, [](int rank, Matrix& m, ModelSync& sync) {
    m.row(1)[static_cast<std::size_t>(rank)] += 1.0f;  // independent
    m.row(2)[1] += 1.5f;                               // the same
    CHECK(sync.step(10) == 40);
    CHECK(m.row(2)[1] == 1.0f + 2 * 1.5f);
    m.row(0)[0] += rank < 2 ? 1.0f : -3.0f;  // opposed: Σ = -4
    CHECK(sync.finish(20) == 80);
  });
  CHECK(results[0][0 * 4 + 0] == -3.0f);
  for (std::size_t c = 0; c < 4; ++c) CHECK(results[0][1 * 4 + c] == 2.0f);
  CHECK(results[0][2 * 4 + 1] == 4.0f);
}

TEST_CASE("process group: the weight of a summed change goes from 1 (independent changes) to 2/N (equal ones)") {
  for (int n : {2, 3, 4, 64}) {
    CAPTURE(n);
    const double d = 0.25;  // each process's |δ|² for a row
    // Equal changes: |Σδ|² = n² d, Σ|δ|² = n d.
    CHECK(change_weight(n * n * d, n * d, n) == doctest::Approx(2.0 / n));
    // Orthogonal changes: |Σδ|² = Σ|δ|².
    CHECK(change_weight(n * d, n * d, n) == doctest::Approx(1.0));
    // Changes that cancel are added up: the sum is already small.
    CHECK(change_weight(0, n * d, n) == 1.0);
    // In between, the weight falls as the changes agree more.
    double previous = 1.0;
    for (double agreement = 1.5; agreement < n; agreement += 0.5) {
      const double w = change_weight(agreement * n * d, n * d, n);
      CHECK(w <= previous);
      if (n > 2) CHECK(w < previous);
      CHECK(w > 2.0 / n - 1e-12);
      previous = w;
    }
  }
  CHECK(change_weight(1.0, 0.0, 2) == 1.0);  // nothing changed
  CHECK(change_weight(4.0, 1.0, 1) == 1.0);  // one process
}

namespace {

// Runs `train` on each process of a group of 2 (threads), returning each
// process's model by rank.
std::vector<TrainedModel> on_two_processes(const std::function<TrainedModel(ProcessGroup&)>& train) {
  test::ThreadsGroup group(2);
  std::mutex lock;
  std::vector<std::optional<TrainedModel>> models(2);
  group.run([&](ProcessGroup& me) {
    TrainedModel trained = train(me);
    const std::lock_guard guard(lock);
    models[static_cast<std::size_t>(me.rank())].emplace(std::move(trained));
  });
  std::vector<TrainedModel> result;
  for (auto& m : models) result.push_back(std::move(*m));
  return result;
}

bool same_matrices(const Model& a, const Model& b) {
  const auto ma = a.matrices(), mb = b.matrices();
  for (std::size_t i = 0; i < ma.size(); ++i) {
    if (std::memcmp(ma[i]->data(), mb[i]->data(), ma[i]->rows() * ma[i]->stride() * sizeof(float)) != 0) return false;
  }
  return ma.size() == mb.size();
}

// Asks for a checkpoint at progress report `checkpoint_at` (saving it to
// `path`, when set) and, like a signal, for a stop from report `stop_at` on.
struct Asker : TrainingObserver {
  std::string path;
  int reports = 0;
  int checkpoint_at = -1;
  int stop_at = -1;
  bool checkpoint_always = false;
  int checkpoints = 0;
  std::vector<ProcessState> last;  // what the last checkpoint held

  void progress(const TrainingProgress&) override { ++reports; }
  bool checkpoint_requested() override { return checkpoint_always || reports == checkpoint_at; }
  bool stop_requested() override { return stop_at >= 0 && reports >= stop_at; }
  void checkpoint(const RunSnapshot& run) override {
    ++checkpoints;
    last.assign(run.processes.begin(), run.processes.end());
    if (!path.empty()) save_checkpoint(path, run);
  }
};

struct TwoProcesses {
  TwoProcesses() {
    test::write_file(corpus, test::planted_corpus(6000, 21));
    options.dim = 20;
    options.epochs = 3;
    options.min_count = 1;
    options.threads = 1;
    options.seed = 7;
  }
  TrainInput input(ProcessGroup& me) const {
    TrainInput in{corpus, ""};
    in.group = &me;
    in.sync_every = sync_every;
    in.sync_all_every = sync_all_every;
    return in;
  }
  std::uint64_t sync_every = 20000, sync_all_every = 20000;  // every synchronisation of all rows
  test::TempDir dir;
  std::string corpus = dir.file("topics.txt");
  TrainOptions options;
};

}  // namespace

TEST_CASE("process group: a checkpoint or a stop asked of any process is taken by all, and resumes bit for bit") {
  TwoProcesses f;
  // The reports at which process 0 asks for a checkpoint, process 1 for a stop.
  int checkpoint_at = 3, stop_at = 8;
  SUBCASE("every synchronisation of all rows") {}
  SUBCASE("the frequent words' rows synchronised between those of all rows") {
    // 12,800 words of about 6 occurrences each: in 10,000 words of the
    // corpus (96,000 in all) "the", "of" and the words of 10 or more occur,
    // on average. A checkpoint asked for waits for a synchronisation of all
    // rows, so the runs stay exact.
    test::write_file(f.corpus, test::planted_corpus(6000, 21, 200, 64));
    f.sync_every = 10000;
    f.sync_all_every = 20000;
    // Asked before synchronisations of the frequent rows only (the 5th and
    // the 13th of 15).
    checkpoint_at = 4;
    stop_at = 10;
  }
  const std::vector<TrainedModel> whole = on_two_processes([&](ProcessGroup& me) {
    TrainingObserver silent;
    return train_corpus(f.input(me), f.options, silent);
  });
  // One thread per process: the synchronisations leave both with exactly
  // the same model.
  REQUIRE(same_matrices(whole[0].model, whole[1].model));
  CHECK(whole[0].processes.size() == 2);
  if (f.sync_all_every > f.sync_every) {
    const std::size_t frequent = frequent_words(whole[0].vocabulary.counts(), f.sync_every);
    CHECK(frequent > 2);
    CHECK(frequent < whole[0].vocabulary.size() / 4);
    CHECK(whole[0].summary.synchronisations_of_all_rows * 2 == whole[0].summary.synchronisations + 1);
  }

  // Process 0 asks for a checkpoint at a report; process 1 for a stop from a
  // later one. Both pause for the checkpoint (process 0 saves it) and both
  // stop.
  const std::string paused = f.dir.file("paused.ckpt"), stopped = f.dir.file("stopped.ckpt");
  std::vector<Asker> askers(2);
  askers[0].path = paused;
  askers[0].checkpoint_at = checkpoint_at;
  askers[1].stop_at = stop_at;
  const std::vector<TrainedModel> interrupted = on_two_processes([&](ProcessGroup& me) {
    return train_corpus(f.input(me), f.options, askers[static_cast<std::size_t>(me.rank())]);
  });
  for (int rank : {0, 1}) {
    CAPTURE(rank);
    const Asker& asker = askers[static_cast<std::size_t>(rank)];
    CHECK(asker.checkpoints == 1);
    REQUIRE(asker.last.size() == 2);
    CHECK(interrupted[static_cast<std::size_t>(rank)].summary.stopped);
    CHECK(interrupted[static_cast<std::size_t>(rank)].summary.words < whole[0].summary.words);
  }
  // Each process's own state, as every process saw it.
  CHECK(askers[0].last[1].state.words_done == askers[1].last[1].state.words_done);
  CHECK(askers[0].last[0].corpus.checksum != askers[0].last[1].corpus.checksum);
  CHECK(interrupted[0].processes[1].state.sync.synchronisations > 0);
  REQUIRE(same_matrices(interrupted[0].model, interrupted[1].model));
  save_checkpoint(stopped, {f.options, interrupted[0].vocabulary, interrupted[0].model, interrupted[0].processes});

  for (const std::string& path : {paused, stopped}) {
    CAPTURE(path);
    const Checkpoint read = read_checkpoint(path);
    REQUIRE(read.processes.size() == 2);
    const std::vector<TrainedModel> resumed = on_two_processes([&](ProcessGroup& me) {
      TrainingObserver silent;
      return resume_training(read_checkpoint(path), f.input(me), f.options, silent);
    });
    for (int rank : {0, 1}) {
      CAPTURE(rank);
      const TrainedModel& r = resumed[static_cast<std::size_t>(rank)];
      CHECK_FALSE(r.summary.stopped);
      CHECK(r.summary.words == whole[0].summary.words);
      CHECK(r.summary.synchronisations == whole[0].summary.synchronisations);
      CHECK(same_matrices(r.model, whole[0].model));
    }
  }

  // With another number of processes: refused, naming both.
  TrainingObserver silent;
  CHECK(test::error_of([&] { resume_training(read_checkpoint(paused), {}, f.options, silent); }) ==
        "the checkpoint is of a run of 2 processes, this one has 1 process (resume it with mpirun -np 2)");
}

TEST_CASE("process group: processes of two threads pause together at every report and train every word") {
  TwoProcesses f;
  f.options.threads = 2;
  std::vector<Asker> askers(2);
  askers[0].checkpoint_always = true;
  const std::vector<TrainedModel> trained = on_two_processes([&](ProcessGroup& me) {
    return train_corpus(f.input(me), f.options, askers[static_cast<std::size_t>(me.rank())]);
  });
  // How many of the synchronisations find both processes still training
  // depends on how the threads are scheduled (2 on a loaded machine, 3 or
  // more on an idle one); the first always does.
  CHECK(askers[0].checkpoints >= 1);
  CHECK(askers[1].checkpoints == askers[0].checkpoints);
  for (const TrainedModel& m : trained) {
    CHECK_FALSE(m.summary.stopped);
    CHECK(m.summary.words == m.corpus.training_tokens * 3);
    CHECK(test::neighbour_accuracy(m.vocabulary.words(), m.model.input().map()) > 0.9);
  }
  // After the last synchronisation no thread trains: the same model.
  CHECK(same_matrices(trained[0].model, trained[1].model));
}

TEST_CASE("process group: continued training (--init) starts every process from the same vocabulary and vectors") {
  TwoProcesses f;
  TrainingObserver silent;
  const TrainedModel first = train_corpus({f.corpus, ""}, f.options, silent);
  const std::string start = f.dir.file("first.ckpt");
  save_checkpoint(start, {f.options, first.vocabulary, first.model, first.processes});
  test::write_file(f.dir.file("more.txt"), test::planted_corpus(3000, 22, 10));  // two groups more
  const TrainedModel alone = continue_training(read_initial_model(start), {f.dir.file("more.txt"), ""}, f.options, silent);
  const std::vector<TrainedModel> together = on_two_processes([&](ProcessGroup& me) {
    TrainInput input = f.input(me);
    input.corpus = f.dir.file("more.txt");
    TrainingObserver quiet;
    return continue_training(read_initial_model(start), input, f.options, quiet);
  });
  for (const TrainedModel& m : together) {
    CHECK(m.vocabulary.words() == alone.vocabulary.words());
    CHECK(m.vocabulary.counts() == alone.vocabulary.counts());
    CHECK(test::neighbour_accuracy(m.vocabulary.words(), m.model.input().map()) > 0.9);
  }
  CHECK(same_matrices(together[0].model, together[1].model));
}

TEST_SUITE_END();
