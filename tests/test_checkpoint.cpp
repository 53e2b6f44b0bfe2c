// Checkpoints: the format reads back what was written, refuses damaged
// files, and a run resumed from one continues exactly.
#include <doctest/doctest.h>
#include <zlib.h>

#include <cstring>
#include <functional>

#include "planted_corpus.h"
#include "test_util.h"
#include "w2v/text/token_stream.h"
#include "w2v/train/checkpoint.h"
#include "w2v/train/pipeline.h"

TEST_SUITE_BEGIN("unit");

using namespace w2v;

namespace {

// Every loss the option table offers, so that a new output layer is
// checkpointed and resumed by these tests without a change to them.
std::vector<std::string> loss_names() {
  std::vector<std::string> names;
  const std::string all = find_train_option("loss")->placeholder;  // "ns|hs|softmax"
  for (std::size_t pos = 0; pos <= all.size();) {
    const std::size_t bar = std::min(all.find('|', pos), all.size());
    names.push_back(all.substr(pos, bar - pos));
    pos = bar + 1;
  }
  return names;
}

TrainOptions small_options(const std::string& model, const std::string& loss, int threads) {
  TrainOptions options;
  find_train_option("model")->set(options, model);
  find_train_option("loss")->set(options, loss);
  options.dim = 12;
  options.epochs = 3;
  options.threads = threads;
  options.min_count = 1;
  options.seed = 7;
  return options;
}

// An observer that asks for checkpoints and stops on cue: at progress
// report number `checkpoint_at` it asks for a checkpoint, which it saves to
// `path`; at report `stop_at` it stops the run.
struct Interrupter : TrainingObserver {
  std::string path;
  int reports = 0;
  int checkpoint_at = -1;
  int stop_at = -1;
  int checkpoints = 0;
  std::function<void()> on_checkpoint;

  void progress(const TrainingProgress&) override { ++reports; }
  bool checkpoint_requested() override { return reports == checkpoint_at; }
  bool stop_requested() override { return reports == stop_at; }
  void checkpoint(const RunSnapshot& run) override {
    ++checkpoints;
    if (on_checkpoint) on_checkpoint();
    save_checkpoint(path, run);
  }
};

bool same_model(const Model& a, const Model& b) {
  const auto ma = a.matrices(), mb = b.matrices();
  if (ma.size() != mb.size()) return false;
  for (std::size_t i = 0; i < ma.size(); ++i) {
    const Matrix &x = *ma[i], &y = *mb[i];
    if (x.rows() != y.rows() || x.cols() != y.cols()) return false;
    for (std::size_t r = 0; r < x.rows(); ++r) {
      if (std::memcmp(x.row(r), y.row(r), x.cols() * sizeof(float)) != 0) return false;
    }
  }
  return true;
}

RunSnapshot snapshot_of(const TrainOptions& options, const TrainedModel& trained) {
  return {options, trained.vocabulary, trained.model, trained.processes};
}

struct Fixture {
  Fixture() { test::write_file(corpus, test::planted_corpus(4000, 21)); }
  test::TempDir dir;
  std::string corpus = dir.file("corpus.txt");
  std::string checkpoint = dir.file("run.ckpt");
};

}  // namespace

TEST_CASE("checkpoint: what is written reads back, options, vocabulary, corpus, state and every matrix") {
  Fixture f;
  const TrainOptions options = small_options("sg", "ns", 1);
  Interrupter observer;
  observer.path = f.checkpoint;
  observer.stop_at = 4;
  const TrainedModel trained = train_corpus({f.corpus, ""}, options, observer);
  REQUIRE(trained.summary.stopped);
  save_checkpoint(f.checkpoint, snapshot_of(options, trained));
  CHECK(is_checkpoint(f.checkpoint));
  CHECK_FALSE(is_checkpoint(f.corpus));

  const Checkpoint read = read_checkpoint(f.checkpoint);
  for (const TrainOptionSpec& spec : train_option_specs()) CHECK(spec.show(read.options) == spec.show(options));
  CHECK(read.vocabulary.words() == trained.vocabulary.words());
  CHECK(read.vocabulary.counts() == trained.vocabulary.counts());
  CHECK(read.processes[0].corpus.path == f.corpus);
  CHECK(read.processes[0].corpus.entries == trained.processes[0].corpus.entries);
  CHECK(read.processes[0].corpus.tokens == trained.processes[0].corpus.tokens);
  CHECK(read.processes[0].corpus.checksum == trained.processes[0].corpus.checksum);
  CHECK(same_model(read.model, trained.model));
  REQUIRE(read.processes.size() == 1);
  const TrainingState &a = read.processes[0].state, &b = trained.processes[0].state;
  CHECK(a.epoch == b.epoch);
  CHECK(a.words_done == b.words_done);
  CHECK(a.words_done > 0);
  CHECK(a.seconds == b.seconds);
  CHECK(a.final_loss == b.final_loss);
  REQUIRE(a.threads.size() == 1);
  CHECK(a.threads[0].position == b.threads[0].position);
  CHECK(a.threads[0].random == b.threads[0].random);
  CHECK(a.threads[0].layer == b.threads[0].layer);
  CHECK(a.threads[0].layer.size() == 5);  // --negative 5: the next example's noise words
  CHECK(a.threads[0].alpha == b.threads[0].alpha);
  CHECK(a.threads[0].loss_sum == b.threads[0].loss_sum);
}

TEST_CASE("checkpoint: one thread resumed from a pause or a stop gives the vectors of the uninterrupted run") {
  Fixture f;
  for (const std::string model : {"sg", "cbow"}) {
    for (const std::string& loss : loss_names()) {
      CAPTURE(model);
      CAPTURE(loss);
      const TrainOptions options = small_options(model, loss, 1);
      TrainingObserver silent;
      const TrainedModel whole = train_corpus({f.corpus, ""}, options, silent);
      REQUIRE(whole.summary.words == whole.corpus.training_tokens * 3);

      // A checkpoint taken while the run goes on (report 2, in the first
      // epoch), then a stop later (report 7): resuming from either ends
      // where the uninterrupted run did.
      Interrupter interrupter;
      interrupter.path = f.checkpoint;
      interrupter.checkpoint_at = 2;
      interrupter.stop_at = 7;
      const TrainedModel stopped = train_corpus({f.corpus, ""}, options, interrupter);
      REQUIRE(interrupter.checkpoints == 1);
      REQUIRE(stopped.summary.stopped);
      CHECK(stopped.summary.words < whole.summary.words);

      TrainingObserver resumed_observer;
      const TrainedModel from_pause = resume_training(read_checkpoint(f.checkpoint), {}, options, resumed_observer);
      CHECK_FALSE(from_pause.summary.stopped);
      CHECK(from_pause.summary.words == whole.summary.words);
      CHECK(from_pause.summary.final_loss == whole.summary.final_loss);
      CHECK(same_model(from_pause.model, whole.model));

      save_checkpoint(f.checkpoint, snapshot_of(options, stopped));
      const TrainedModel from_stop = resume_training(read_checkpoint(f.checkpoint), {f.corpus, ""}, options, resumed_observer);
      CHECK(from_stop.summary.words == whole.summary.words);
      CHECK(same_model(from_stop.model, whole.model));
    }
  }
}

// The same checkpoint in format version 1, as w2v wrote it before the
// processes of MPI jobs: no section 'PROC', no synchronisation progress at
// the end of 'STAT' (three u64).
std::string as_version_1(const std::string& v2) {
  std::string v1 = v2.substr(0, 8);
  const std::uint32_t version = 1;
  v1.append(reinterpret_cast<const char*>(&version), 4);
  for (std::size_t pos = 12; pos < v2.size();) {
    const std::string tag = v2.substr(pos, 4);
    std::uint64_t length;
    std::memcpy(&length, v2.data() + pos + 4, 8);
    std::string payload = v2.substr(pos + 12, length);
    pos += 12 + length + 4;
    if (tag == "PROC") continue;
    if (tag == "STAT") payload.resize(payload.size() - 24);
    std::string section = tag;
    const std::uint64_t new_length = payload.size();
    section.append(reinterpret_cast<const char*>(&new_length), 8);
    section += payload;
    const auto crc = static_cast<std::uint32_t>(crc32_z(0, reinterpret_cast<const Bytef*>(section.data()), section.size()));
    section.append(reinterpret_cast<const char*>(&crc), 4);
    v1 += section;
  }
  return v1;
}

TEST_CASE("checkpoint: a file of format version 1 is still read, and resumes exactly") {
  Fixture f;
  const TrainOptions options = small_options("sg", "ns", 1);
  TrainingObserver silent;
  const TrainedModel whole = train_corpus({f.corpus, ""}, options, silent);
  Interrupter interrupter;
  interrupter.stop_at = 5;
  const TrainedModel stopped = train_corpus({f.corpus, ""}, options, interrupter);
  REQUIRE(stopped.summary.stopped);
  save_checkpoint(f.checkpoint, snapshot_of(options, stopped));
  test::write_file(f.checkpoint, as_version_1(test::read_file(f.checkpoint)));
  const Checkpoint read = read_checkpoint(f.checkpoint);
  REQUIRE(read.processes.size() == 1);
  CHECK(read.processes[0].state.words_done == stopped.processes[0].state.words_done);
  const TrainedModel resumed = resume_training(read_checkpoint(f.checkpoint), {}, options, silent);
  CHECK(resumed.summary.words == whole.summary.words);
  CHECK(same_model(resumed.model, whole.model));
}

TEST_CASE("checkpoint: two threads pause together, also when one waits at the end of the epoch") {
  Fixture f;
  TrainOptions options = small_options("sg", "ns", 2);
  // A checkpoint at every report: some come while a thread has finished its
  // part of the epoch and waits for the other.
  struct EveryReport : TrainingObserver {
    std::string path;
    int checkpoints = 0;
    std::uint64_t last_words = 0;
    bool checkpoint_requested() override { return true; }
    void checkpoint(const RunSnapshot& run) override {
      ++checkpoints;
      // Every thread is between sentences: its position is inside its part.
      for (std::size_t t = 0; t < run.processes[0].state.threads.size(); ++t) {
        const auto [begin, end] = TokenStream::part_of(run.processes[0].corpus.entries, static_cast<int>(t), 2);
        CHECK(run.processes[0].state.threads[t].position >= begin);
        CHECK(run.processes[0].state.threads[t].position <= end);
      }
      CHECK(run.processes[0].state.words_done >= last_words);
      last_words = run.processes[0].state.words_done;
      save_checkpoint(path, run);
    }
  } observer;
  observer.path = f.checkpoint;
  const TrainedModel trained = train_corpus({f.corpus, ""}, options, observer);
  CHECK(observer.checkpoints >= 6);
  CHECK(trained.summary.words == trained.corpus.training_tokens * 3);

  // Stopped in the middle and resumed, every token is still trained exactly
  // once per epoch, also when lines are cut (--max-sentence 5 leaves a
  // sentence end unread after each cut line).
  for (int stop_at : {1, 3, 5, 8}) {
    CAPTURE(stop_at);
    options.max_sentence = stop_at == 5 ? 5 : 1000;
    Interrupter interrupter;
    interrupter.path = f.checkpoint;
    interrupter.stop_at = stop_at;
    const TrainedModel stopped = train_corpus({f.corpus, ""}, options, interrupter);
    save_checkpoint(f.checkpoint, snapshot_of(options, stopped));
    TrainingObserver silent;
    const TrainedModel resumed = resume_training(read_checkpoint(f.checkpoint), {}, options, silent);
    CHECK(resumed.summary.words == trained.corpus.training_tokens * 3);
    CHECK(resumed.processes[0].state.epoch == 3);
  }
}

TEST_CASE("checkpoint: an error while paused ends the run without a deadlock") {
  Fixture f;
  Interrupter observer;
  observer.path = f.checkpoint;
  observer.checkpoint_at = 2;
  observer.on_checkpoint = [] { throw Error("disk full"); };
  CHECK(test::error_of([&] { train_corpus({f.corpus, ""}, small_options("cbow", "ns", 2), observer); }) == "disk full");
  CHECK(f.dir.entries() == 1);  // no checkpoint file, no temporary file
}

TEST_CASE("checkpoint: a finished run resumed with more epochs trains only those") {
  Fixture f;
  TrainOptions options = small_options("cbow", "hs", 1);
  TrainingObserver silent;
  const TrainedModel done = train_corpus({f.corpus, ""}, options, silent);
  CHECK(done.processes[0].state.epoch == 3);
  save_checkpoint(f.checkpoint, snapshot_of(options, done));
  options.epochs = 5;
  const TrainedModel more = resume_training(read_checkpoint(f.checkpoint), {}, options, silent);
  CHECK(more.summary.words == done.corpus.training_tokens * 5);
  CHECK(more.processes[0].state.epoch == 5);
  CHECK_FALSE(same_model(more.model, done.model));
}

TEST_CASE("checkpoint: a resume whose options or corpus differ is refused, naming them") {
  Fixture f;
  const TrainOptions options = small_options("sg", "ns", 1);
  TrainOptions other = options;
  other.dim = 20;
  other.window = 3;
  CHECK(test::error_of([&] { check_resume_options(options, other); }) ==
        "options differ from the checkpoint's: --dim 20 (checkpoint: 12), --window 3 (checkpoint: 5); a resumed run "
        "keeps its options (only --epochs may be raised)");
  other = options;
  other.epochs = 2;
  CHECK(test::error_of([&] { check_resume_options(options, other); }).find("--epochs 2 (checkpoint: 3)") !=
        std::string::npos);
  other.epochs = 10;
  other.alpha = options.start_alpha();  // given, but the rate the checkpoint used
  CHECK(test::error_of([&] { check_resume_options(options, other); }) == "no error");

  TrainingObserver silent;
  const TrainedModel done = train_corpus({f.corpus, ""}, options, silent);
  save_checkpoint(f.checkpoint, snapshot_of(options, done));
  test::write_file(f.dir.file("other.txt"), test::planted_corpus(4000, 22));
  CHECK(test::error_of([&] { resume_training(read_checkpoint(f.checkpoint), {f.dir.file("other.txt"), ""}, options, silent); }) ==
        f.dir.file("other.txt") + ": not the corpus the checkpoint was trained on (the same number of words, but not "
        "the same text)");
  test::write_file(f.dir.file("short.txt"), test::planted_corpus(100, 21));
  CHECK(test::error_of([&] { resume_training(read_checkpoint(f.checkpoint), {f.dir.file("short.txt"), ""}, options, silent); })
            .find("short.txt: not the corpus the checkpoint was trained on (") != std::string::npos);
}

TEST_CASE("checkpoint: a truncated, corrupted or foreign file gets one error naming it") {
  Fixture f;
  TrainOptions options = small_options("sg", "ns", 1);
  options.dim = 4;
  TrainingObserver silent;
  save_checkpoint(f.checkpoint, snapshot_of(options, train_corpus({f.corpus, ""}, options, silent)));
  const std::string good = test::read_file(f.checkpoint);
  const std::string path = f.dir.file("bad.ckpt");
  const auto error_for = [&](const std::string& bytes) {
    test::write_file(path, bytes);
    return test::error_of([&] { read_checkpoint(path); });
  };
  // Cut anywhere: a clear error, never a crash or a model of garbage.
  for (std::size_t size = 0; size < good.size(); size += 1 + size / 64) {
    CAPTURE(size);
    const std::string error = error_for(good.substr(0, size));
    CHECK(error.starts_with(path + ": "));
    CHECK((error.find("truncated") != std::string::npos || error.find("not a w2v checkpoint") != std::string::npos));
  }
  // One bit flipped anywhere: caught by a section's CRC-32 (or the magic).
  for (std::size_t at = 0; at < good.size(); at += 1 + at / 16) {
    CAPTURE(at);
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x10);
    const std::string error = error_for(bad);
    CHECK(error.starts_with(path + ": "));
  }
  std::string flipped = good;
  flipped[good.size() - 40] ^= 1;  // inside the last matrix
  CHECK(error_for(flipped) == path + ": corrupted checkpoint (section 7 ('MATX') does not match its CRC-32)");
  std::string version = good;
  version[8] = 3;
  CHECK(error_for(version) == path + ": checkpoint format version 3; this w2v reads versions 1 to 2");
  CHECK(error_for("3 2\na 1 2\n") == path + ": not a w2v checkpoint");
  CHECK(error_for(good + "x") == path + ": 1 bytes after the end section");
  CHECK(test::error_of([&] { read_checkpoint(f.dir.file("none")); }) ==
        f.dir.file("none") + ": cannot open: No such file or directory");
}

TEST_SUITE_END();
