#include "w2v/train/checkpoint.h"

#include <zlib.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>
#include <span>
#include <string_view>
#include <vector>

#include "w2v/base/error.h"
#include "w2v/base/mapped_file.h"
#include "w2v/base/utf8.h"
#include "w2v/text/token_stream.h"
#include "w2v/train/memory_needs.h"
#include "w2v/train/trainer.h"

namespace w2v {
namespace {

static_assert(std::endian::native == std::endian::little, "checkpoints are little-endian");

constexpr char kMagic[8] = {'W', '2', 'V', 'C', 'K', 'P', 'T', '\n'};

// Section tags, in the order they appear.
constexpr char kOptions[] = "OPTS";
constexpr char kVocabulary[] = "VOCB";
constexpr char kProcesses[] = "PROC";
constexpr char kCorpus[] = "CORP";
constexpr char kState[] = "STAT";
constexpr char kMatrix[] = "MATX";
constexpr char kEnd[] = "END.";

constexpr std::size_t kSectionHeader = 4 + 8;  // tag, payload length
constexpr std::size_t kSectionTrailer = 4;     // CRC-32 of header and payload

std::uint32_t crc(std::uint32_t running, const void* data, std::size_t size) {
  return static_cast<std::uint32_t>(crc32_z(running, static_cast<const Bytef*>(data), size));
}

// Little-endian fields appended to a section's payload.
class Payload {
 public:
  template <class T>
  void put(T value) {
    static_assert(std::is_arithmetic_v<T>);
    bytes_.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  void put_bytes(std::string_view bytes) {
    put(static_cast<std::uint32_t>(bytes.size()));
    bytes_.append(bytes);
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

class SectionWriter {
 public:
  explicit SectionWriter(std::FILE* out) : out_(out) {}

  void write(const char* tag, const std::string& payload) {
    begin(tag, payload.size());
    append(payload.data(), payload.size());
    end();
  }
  // A matrix, row by row without the rows' padding: rows, cols, then the floats.
  void write(const Matrix& matrix, const TrainOptions& options) {
    begin(kMatrix, 16 + matrix.rows() * matrix.cols() * sizeof(float));
    const std::uint64_t shape[2] = {matrix.rows(), matrix.cols()};
    append(shape, sizeof shape);
    for (std::size_t r = 0; r < matrix.rows(); ++r) {
      const float* row = matrix.row(r);
      // A diverging run must not leave a checkpoint full of NaN to resume from.
      for (std::size_t c = 0; c < matrix.cols(); ++c) {
        if (!std::isfinite(row[c])) throw training_diverged(options, std::nullopt);
      }
      append(row, matrix.cols() * sizeof(float));
    }
    end();
  }

 private:
  void begin(const char* tag, std::uint64_t length) {
    crc_ = 0;
    append(tag, 4);
    append(&length, sizeof length);
  }
  void append(const void* data, std::size_t size) {
    crc_ = crc(crc_, data, size);
    std::fwrite(data, 1, size, out_);
  }
  void end() { std::fwrite(&crc_, sizeof crc_, 1, out_); }

  std::FILE* out_;
  std::uint32_t crc_ = 0;
};

std::string options_text(const TrainOptions& options) {
  std::string text;
  for (const TrainOptionSpec& spec : train_option_specs()) {
    const std::string value = spec.show(options);
    if (!value.empty()) text += spec.name + " " + value + "\n";  // unset: alpha and min-alpha take their defaults
  }
  return text;
}

// Reads the fields of one section's payload, failing with a message about
// the section when it runs short.
class PayloadReader {
 public:
  PayloadReader(std::string_view bytes, const std::string& where) : bytes_(bytes), where_(where) {}

  template <class T>
  T get() {
    T value;
    std::memcpy(&value, take(sizeof value).data(), sizeof value);
    return value;
  }
  std::string_view get_bytes() { return take(get<std::uint32_t>()); }
  std::string_view take(std::size_t size) {
    if (size > bytes_.size() - pos_) throw Error(where_ + " ends early");
    const std::string_view piece = bytes_.substr(pos_, size);
    pos_ += size;
    return piece;
  }
  std::size_t left() const { return bytes_.size() - pos_; }
  void finish() const {
    if (pos_ != bytes_.size()) throw Error(where_ + " has " + std::to_string(left()) + " bytes too many");
  }

 private:
  std::string_view bytes_;
  const std::string& where_;
  std::size_t pos_ = 0;
};

struct Section {
  std::string_view tag;
  std::string_view payload;
};

// The file's sections, checked for their bounds and CRC-32 before any of
// their content is believed.
std::vector<Section> split_sections(std::string_view bytes, const std::string& path, std::uint32_t& version) {
  if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
    throw Error(path + ": not a w2v checkpoint");
  }
  std::size_t pos = sizeof kMagic;
  if (bytes.size() - pos < 4) throw Error(path + ": truncated checkpoint (it ends in its header)");
  std::memcpy(&version, bytes.data() + pos, 4);
  pos += 4;
  if (version < 1 || version > kCheckpointVersion) {
    throw Error(path + ": checkpoint format version " + std::to_string(version) + "; this w2v reads versions 1 to " +
                std::to_string(kCheckpointVersion));
  }
  std::vector<Section> sections;
  for (;;) {
    if (bytes.size() - pos < kSectionHeader) {
      throw Error(path + ": truncated checkpoint (it ends after " + std::to_string(sections.size()) +
                  " sections, without its end section)");
    }
    const std::string_view tag = bytes.substr(pos, 4);
    std::uint64_t length;
    std::memcpy(&length, bytes.data() + pos + 4, 8);
    const std::string name = "section " + std::to_string(sections.size() + 1) + " ('" + printable(tag) + "')";
    if (length > bytes.size() - pos - kSectionHeader || bytes.size() - pos - kSectionHeader - length < kSectionTrailer) {
      throw Error(path + ": truncated checkpoint (" + name + " is longer than the rest of the file)");
    }
    std::uint32_t stored;
    std::memcpy(&stored, bytes.data() + pos + kSectionHeader + length, 4);
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION  // a fuzzer could not get past the CRC to the content
    if (crc(0, bytes.data() + pos, kSectionHeader + length) != stored) {
      throw Error(path + ": corrupted checkpoint (" + name + " does not match its CRC-32)");
    }
#endif
    sections.push_back({tag, bytes.substr(pos + kSectionHeader, length)});
    pos += kSectionHeader + length + kSectionTrailer;
    if (tag == std::string_view(kEnd, 4)) break;
  }
  if (pos != bytes.size()) throw Error(path + ": " + std::to_string(bytes.size() - pos) + " bytes after the end section");
  return sections;
}

// The sections in the order the format has them.
class SectionList {
 public:
  SectionList(std::vector<Section> sections, const std::string& path) : sections_(std::move(sections)), path_(path) {}

  PayloadReader next(const char* tag) {
    if (next_ >= sections_.size() || sections_[next_].tag != std::string_view(tag, 4)) {
      std::string found = "nothing";
      if (next_ < sections_.size()) {  // appended: GCC 12 warns falsely about "'" + std::string (bug 105651)
        found = "section '";
        found += printable(sections_[next_].tag);
        found += '\'';
      }
      throw Error(path_ + ": expected section '" + tag + "', found " + found);
    }
    where_ = path_ + ": section '" + tag + "'";
    return PayloadReader(sections_[next_++].payload, where_);
  }
  bool next_is(const char* tag) const {
    return next_ < sections_.size() && sections_[next_].tag == std::string_view(tag, 4);
  }

 private:
  std::vector<Section> sections_;
  const std::string& path_;
  std::string where_;
  std::size_t next_ = 0;
};

TrainOptions read_options(PayloadReader payload, const std::string& path) {
  TrainOptions options;
  const std::string_view text = payload.take(payload.left());
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    const std::size_t space = line.find(' ');
    const TrainOptionSpec* spec = find_train_option(line.substr(0, space));
    if (space == std::string_view::npos || !spec) {
      throw Error(path + ": section 'OPTS': not an option of this w2v: '" + printable(line) + "'");
    }
    try {
      spec->set(options, line.substr(space + 1));
    } catch (const Error& e) {
      throw Error(path + ": section 'OPTS': " + e.what());
    }
  }
  try {
    options.validate();
  } catch (const Error& e) {
    throw Error(path + ": section 'OPTS': " + e.what());
  }
  return options;
}

Vocabulary read_vocabulary(PayloadReader payload, const std::string& path) {
  const auto words = payload.get<std::uint64_t>();
  // Each word takes at least 12 bytes: do not reserve what the section cannot hold.
  if (words == 0 || words > payload.left() / 12) throw Error(path + ": section 'VOCB': a bad number of words");
  WordCounts counts;
  WordIndex seen;
  std::uint64_t total = 0;
  for (std::uint64_t i = 0; i < words; ++i) {
    const std::string_view word = payload.get_bytes();
    const auto count = payload.get<std::uint64_t>();
    const auto bad = [&](const std::string& what) {
      return Error(path + ": section 'VOCB': word " + std::to_string(i + 1) + " ('" + printable(word) + "') " + what);
    };
    if (word.empty()) throw bad("is empty");
    if (seen.insert(std::string(word)) != static_cast<std::int32_t>(i)) throw bad("appears twice");
    // Ids are in descending count order (Vocabulary's order, the Huffman
    // tree's assumption); counts of 0 are words from --init's vectors.
    if (i > 0 && count > counts.counts.back()) throw bad("has a higher count than the word before it");
    if (count > kMaxTotalCount - total) throw bad("makes the counts add up to more than 2^62");
    total += count;
    counts.words.emplace_back(word);
    counts.counts.push_back(count);
  }
  payload.finish();
  return Vocabulary(counts, 0, 0);  // already the run's vocabulary, in its order
}

CorpusFingerprint read_corpus(PayloadReader payload) {
  CorpusFingerprint corpus;
  corpus.path = payload.get_bytes();
  corpus.entries = payload.get<std::uint64_t>();
  corpus.tokens = payload.get<std::uint64_t>();
  corpus.checksum = payload.get<std::uint32_t>();
  payload.finish();
  return corpus;
}

// `where` names the section in errors; version 1 has no SyncProgress.
TrainingState read_state(PayloadReader payload, const TrainOptions& options, const CorpusFingerprint& corpus,
                         const std::string& where, std::uint32_t version) {
  const auto bad = [&](const std::string& what) { return Error(where + ": " + what); };
  TrainingState state;
  state.epoch = payload.get<std::int32_t>();
  state.words_done = payload.get<std::uint64_t>();
  state.seconds = payload.get<double>();
  state.epoch_start_loss = payload.get<double>();
  state.epoch_start_examples = payload.get<std::uint64_t>();
  state.final_loss = payload.get<double>();
  const auto threads = payload.get<std::uint32_t>();
  if (state.epoch < 0 || state.epoch > options.epochs) throw bad("epoch " + std::to_string(state.epoch) + " is out of range");
  if (threads != static_cast<std::uint32_t>(options.threads)) {
    throw bad(std::to_string(threads) + " threads, but the options say " + std::to_string(options.threads));
  }
  if (corpus.tokens > corpus.entries) throw bad("the corpus has more tokens than entries");
  if (!(state.seconds >= 0 && state.seconds < 1e12)) throw bad("a bad training time");
  if (!std::isfinite(state.epoch_start_loss) || !std::isfinite(state.final_loss)) throw bad("a loss is not a number");
  for (std::uint32_t t = 0; t < threads; ++t) {
    ThreadState thread;
    thread.position = payload.get<std::uint64_t>();
    thread.random = payload.get<std::uint64_t>();
    thread.alpha = payload.get<float>();
    thread.unreported = payload.get<std::uint64_t>();
    thread.loss_sum = payload.get<double>();
    thread.examples = payload.get<std::uint64_t>();
    const auto layer = payload.get<std::uint32_t>();
    if (layer > payload.left() / 4) throw bad("thread " + std::to_string(t) + "'s layer state ends early");
    for (std::uint32_t k = 0; k < layer; ++k) thread.layer.push_back(payload.get<std::uint32_t>());
    const auto [begin, end] = TokenStream::part_of(corpus.entries, static_cast<int>(t), static_cast<int>(threads));
    if (thread.position < begin || thread.position > end) {
      throw bad("thread " + std::to_string(t) + " is at entry " + std::to_string(thread.position) +
                ", outside its part of the corpus");
    }
    if (!std::isfinite(thread.alpha) || thread.alpha < 0 || !std::isfinite(thread.loss_sum)) {
      throw bad("thread " + std::to_string(t) + "'s learning rate or loss is not a number");
    }
    state.threads.push_back(std::move(thread));
  }
  if (version >= 2) {
    state.sync.synchronisations = payload.get<std::uint64_t>();
    state.sync.local_words = payload.get<std::uint64_t>();
    state.sync.all_words = payload.get<std::uint64_t>();
    if (state.sync.local_words > state.words_done || state.sync.local_words > state.sync.all_words) {
      throw bad("the words at the last synchronisation do not fit the words trained");
    }
  }
  payload.finish();
  return state;
}

std::string corpus_payload(const CorpusFingerprint& corpus) {
  Payload payload;
  payload.put_bytes(corpus.path);
  payload.put(corpus.entries);
  payload.put(corpus.tokens);
  payload.put(corpus.checksum);
  return payload.bytes();
}

std::string state_payload(const TrainingState& state) {
  Payload stat;
  stat.put(static_cast<std::int32_t>(state.epoch));
  stat.put(state.words_done);
  stat.put(state.seconds);
  stat.put(state.epoch_start_loss);
  stat.put(state.epoch_start_examples);
  stat.put(state.final_loss);
  stat.put(static_cast<std::uint32_t>(state.threads.size()));
  for (const ThreadState& thread : state.threads) {
    stat.put(thread.position);
    stat.put(thread.random);
    stat.put(thread.alpha);
    stat.put(thread.unreported);
    stat.put(thread.loss_sum);
    stat.put(thread.examples);
    stat.put(static_cast<std::uint32_t>(thread.layer.size()));
    for (std::uint32_t value : thread.layer) stat.put(value);
  }
  stat.put(state.sync.synchronisations);
  stat.put(state.sync.local_words);
  stat.put(state.sync.all_words);
  return stat.bytes();
}

void read_matrix(PayloadReader payload, Matrix& matrix, std::size_t index, const std::string& path) {
  const auto rows = payload.get<std::uint64_t>();
  const auto cols = payload.get<std::uint64_t>();
  const std::string where = path + ": matrix " + std::to_string(index + 1);
  if (rows != matrix.rows() || cols != matrix.cols()) {
    throw Error(where + " is " + std::to_string(rows) + " x " + std::to_string(cols) + ", but its options and vocabulary make it " +
                std::to_string(matrix.rows()) + " x " + std::to_string(matrix.cols()));
  }
  for (std::size_t r = 0; r < matrix.rows(); ++r) {
    float* row = matrix.row(r);
    std::memcpy(row, payload.take(matrix.cols() * sizeof(float)).data(), matrix.cols() * sizeof(float));
    for (std::size_t c = 0; c < matrix.cols(); ++c) {
      if (!std::isfinite(row[c])) throw Error(where + ", row " + std::to_string(r + 1) + ": a value is not a finite number");
    }
  }
  payload.finish();
}

}  // namespace

void write_checkpoint(AtomicFile& file, const RunSnapshot& run) {
  std::FILE* out = file.stream();
  std::fwrite(kMagic, 1, sizeof kMagic, out);
  const std::uint32_t version = kCheckpointVersion;
  std::fwrite(&version, sizeof version, 1, out);
  SectionWriter sections(out);

  sections.write(kOptions, options_text(run.options));

  Payload vocabulary;
  vocabulary.put(static_cast<std::uint64_t>(run.vocabulary.size()));
  for (std::size_t i = 0; i < run.vocabulary.size(); ++i) {
    vocabulary.put_bytes(run.vocabulary.words()[i]);
    vocabulary.put(run.vocabulary.counts()[i]);
  }
  sections.write(kVocabulary, vocabulary.bytes());

  Payload processes;
  processes.put(static_cast<std::uint32_t>(run.processes.size()));
  sections.write(kProcesses, processes.bytes());
  for (const ProcessState& process : run.processes) {
    sections.write(kCorpus, corpus_payload(process.corpus));
    sections.write(kState, state_payload(process.state));
  }

  for (const Matrix* matrix : run.model.matrices()) sections.write(*matrix, run.options);
  sections.write(kEnd, "");
}

void save_checkpoint(const std::string& path, const RunSnapshot& run) {
  AtomicFile file(path);
  write_checkpoint(file, run);
  file.commit();
}

Checkpoint read_checkpoint(const std::string& path) {
  const MappedFile file(path);
  std::uint32_t version = 0;
  SectionList sections(split_sections(file.bytes(), path, version), path);
  TrainOptions options = read_options(sections.next(kOptions), path);
  Vocabulary vocabulary = read_vocabulary(sections.next(kVocabulary), path);
  std::uint32_t count = 1;  // version 1: one process, no section 'PROC'
  if (version >= 2) {
    PayloadReader payload = sections.next(kProcesses);
    count = payload.get<std::uint32_t>();
    payload.finish();
    if (count == 0) throw Error(path + ": section 'PROC': 0 processes");
  }
  std::vector<ProcessState> processes;
  std::uint64_t most_tokens = 0;  // what the process with the largest part holds
  for (std::uint32_t p = 0; p < count; ++p) {
    ProcessState process;
    process.corpus = read_corpus(sections.next(kCorpus));
    const std::string where = path + ": section 'STAT'" + (count > 1 ? " of rank " + std::to_string(p) : "");
    process.state = read_state(sections.next(kState), options, process.corpus, where, version);
    most_tokens = std::max(most_tokens, process.corpus.tokens);
    processes.push_back(std::move(process));
  }
  // The model is allocated from the options and the vocabulary: a file too
  // short to hold even its input matrix is refused first, so that a damaged
  // header cannot have gigabytes allocated.
  if (static_cast<double>(file.bytes().size()) < static_cast<double>(vocabulary.size()) * options.dim * sizeof(float)) {
    throw Error(path + ": truncated checkpoint (too short for its " + std::to_string(vocabulary.size()) + " x " +
                std::to_string(options.dim) + " matrix)");
  }
  check_memory(memory_needs(vocabulary.size(), most_tokens, options));
  Model model(vocabulary, options);
  const std::vector<Matrix*> matrices = model.matrices();
  for (std::size_t i = 0; i < matrices.size(); ++i) {
    if (!sections.next_is(kMatrix)) {
      throw Error(path + ": " + std::to_string(i) + " matrices, but a model of these options has " +
                  std::to_string(matrices.size()));
    }
    read_matrix(sections.next(kMatrix), *matrices[i], i, path);
  }
  sections.next(kEnd).finish();
  return {std::move(options), std::move(vocabulary), std::move(model), std::move(processes)};
}

std::vector<ProcessState> gather_process_states(ProcessGroup* group, const ProcessState& mine,
                                                const TrainOptions& options) {
  if (!group || group->size() == 1) return {mine};
  Payload bytes;
  bytes.put_bytes(corpus_payload(mine.corpus));
  bytes.put_bytes(state_payload(mine.state));
  std::vector<ProcessState> all;
  for (const std::string& theirs : group->gather(bytes.bytes())) {
    const std::string where = "the state of rank " + std::to_string(all.size());
    PayloadReader payload(theirs, where);
    ProcessState process;
    process.corpus = read_corpus(PayloadReader(payload.get_bytes(), where));
    process.state = read_state(PayloadReader(payload.get_bytes(), where), options, process.corpus, where, kCheckpointVersion);
    payload.finish();
    all.push_back(std::move(process));
  }
  return all;
}

bool is_checkpoint(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char start[sizeof kMagic] = {};
  return in.read(start, sizeof start) && std::memcmp(start, kMagic, sizeof kMagic) == 0;
}

}  // namespace w2v
