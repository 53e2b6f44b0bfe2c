// The Python module w2v._w2v: the library's training, vector files, queries
// and evaluations for the w2v package (python/w2v), which gives them gensim's
// interface. The heavy work runs without the GIL.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "python_observer.h"
#include "python_word_source.h"
#include "vector_store.h"
#include "w2v/base/error.h"
#include "w2v/eval/analogy_evaluation.h"
#include "w2v/eval/word_pair_evaluation.h"
#include "w2v/train/pipeline.h"
#include "w2v/vectors/vectors_file.h"

namespace py = pybind11;

namespace w2v::python {
namespace {

// Words are bytes to the library and may be invalid UTF-8 (kept as read);
// such bytes become surrogates, so no word is unreadable and each maps back.
py::str text(const std::string& bytes) {
  PyObject* decoded = PyUnicode_DecodeUTF8(bytes.data(), static_cast<Py_ssize_t>(bytes.size()), "surrogateescape");
  if (!decoded) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(decoded);
}

SimilarityQuery make_query(std::vector<std::size_t> positive, std::vector<std::size_t> negative,
                           const std::optional<py::array_t<float, py::array::c_style | py::array::forcecast>>& offset,
                           std::size_t rows) {
  for (const auto* side : {&positive, &negative}) {
    for (const std::size_t row : *side) {
      if (row >= rows) throw py::index_error("row " + std::to_string(row) + " is out of range");
    }
  }
  SimilarityQuery query{std::move(positive), std::move(negative)};
  if (offset) query.offset.assign(offset->data(), offset->data() + offset->size());
  return query;
}

Scoring scoring(bool cosmul) { return cosmul ? Scoring::mul : Scoring::add; }

py::tuple train(const py::object& corpus, const std::map<std::string, std::string>& option_values,
                const std::string& read_vocab, py::object on_warning, py::object on_corpus, py::object on_progress) {
  TrainOptions options;
  for (const auto& [name, value] : option_values) {
    const TrainOptionSpec* spec = find_train_option(name);
    if (!spec) throw Error("unknown option --" + name);
    spec->set(options, value);
  }
  options.validate();
  TrainInput input;
  input.vocabulary = read_vocab;
  std::optional<PythonWordSource> source;
  if (py::isinstance<py::str>(corpus)) {
    input.corpus = corpus.cast<std::string>();
  } else {
    source.emplace(corpus.cast<py::iterable>());
    input.source = &*source;
  }
  PythonObserver observer(std::move(on_warning), std::move(on_corpus), std::move(on_progress));
  std::optional<TrainedModel> trained;
  {
    const py::gil_scoped_release release;
    trained.emplace(train_corpus(input, options, observer));
  }
  observer.raise_pending();
  auto store = std::make_unique<VectorStore>(trained->vocabulary.words(), std::move(trained->model.input()));
  return py::make_tuple(std::move(store), trained->corpus, trained->summary);
}

}  // namespace
}  // namespace w2v::python

PYBIND11_MODULE(_w2v, m) {
  using namespace w2v;
  using namespace w2v::python;
  m.doc() = "w2v's library: training, word2vec files, similarity queries and evaluations";
  py::register_exception<Error>(m, "Error");

  m.def(
      "option_specs",
      [] {
        const TrainOptions defaults;
        py::list specs;
        for (const TrainOptionSpec& spec : train_option_specs()) {
          const std::string shown = spec.default_text.empty() ? spec.show(defaults) : spec.default_text;
          specs.append(py::make_tuple(spec.name, spec.placeholder, spec.help, shown));
        }
        return specs;
      },
      "The training options as (name, placeholder, help, default shown) tuples, in the command line's order.");

  py::class_<CorpusSummary>(m, "CorpusSummary", "What the corpus pass found.")
      .def_readonly("path", &CorpusSummary::path, "the corpus file, or <iterable>")
      .def_readonly("tokens", &CorpusSummary::tokens, "words in the corpus")
      .def_readonly("lines", &CorpusSummary::lines, "lines (sentences) in the corpus")
      .def_readonly("vocabulary", &CorpusSummary::vocabulary, "words kept")
      .def_readonly("training_tokens", &CorpusSummary::training_tokens, "corpus words in the vocabulary, per epoch")
      .def("__repr__", [](const CorpusSummary& c) {
        return "CorpusSummary(path=" + py::repr(py::str(c.path)).cast<std::string>() +
               ", tokens=" + std::to_string(c.tokens) + ", lines=" + std::to_string(c.lines) +
               ", vocabulary=" + std::to_string(c.vocabulary) + ", training_tokens=" + std::to_string(c.training_tokens) +
               ")";
      });

  py::class_<TrainingProgress>(m, "TrainingProgress", "A snapshot of a training run.")
      .def_readonly("words_done", &TrainingProgress::words_done, "corpus words processed, over all epochs")
      .def_readonly("total_words", &TrainingProgress::total_words, "words per epoch times epochs")
      .def_readonly("alpha", &TrainingProgress::alpha, "the current learning rate")
      .def_readonly("loss_sum", &TrainingProgress::loss_sum, "loss summed over every predicted word so far")
      .def_readonly("examples", &TrainingProgress::examples, "predicted words so far")
      .def_readonly("seconds", &TrainingProgress::seconds, "since training started")
      .def_readonly("threads", &TrainingProgress::threads)
      .def_property_readonly(
          "fraction",
          [](const TrainingProgress& p) {
            return p.total_words ? static_cast<double>(p.words_done) / static_cast<double>(p.total_words) : 1.0;
          },
          "the part of the run done, from 0 to 1")
      .def("__repr__", [](const TrainingProgress& p) {
        char text[200];
        std::snprintf(text, sizeof text, "TrainingProgress(words_done=%llu, total_words=%llu, alpha=%g, seconds=%.3f)",
                      static_cast<unsigned long long>(p.words_done), static_cast<unsigned long long>(p.total_words),
                      p.alpha, p.seconds);
        return std::string(text);
      });

  py::class_<TrainSummary>(m, "TrainSummary", "How a training run went.")
      .def_readonly("words", &TrainSummary::words, "corpus words processed, over all epochs")
      .def_readonly("seconds", &TrainSummary::seconds, "training time (after the corpus pass)")
      .def_readonly("final_loss", &TrainSummary::final_loss, "mean loss per predicted word in the last epoch")
      .def_readonly("threads", &TrainSummary::threads)
      .def_property_readonly(
          "words_per_second", [](const TrainSummary& s) { return static_cast<double>(s.words) / s.seconds; },
          "corpus words per second, all threads together")
      .def("__repr__", [](const TrainSummary& s) {
        char text[200];
        std::snprintf(text, sizeof text, "TrainSummary(words=%llu, seconds=%.3f, final_loss=%.4f, threads=%d)",
                      static_cast<unsigned long long>(s.words), s.seconds, s.final_loss, s.threads);
        return std::string(text);
      });

  py::class_<VectorStore>(m, "VectorStore", "Words and their vectors in the library's memory.")
      .def_property_readonly("words",
                             [](const VectorStore& store) {
                               py::list words;
                               for (const std::string& word : store.words()) words.append(text(word));
                               return words;
                             })
      .def(
          "array",
          [](py::object self) {
            VectorStore& store = self.cast<VectorStore&>();
            const auto item = static_cast<py::ssize_t>(sizeof(float));
            return py::array_t<float>({static_cast<py::ssize_t>(store.rows()), static_cast<py::ssize_t>(store.dim())},
                                      {static_cast<py::ssize_t>(store.stride()) * item, item}, store.data(), self);
          },
          "The vectors as a NumPy array viewing the library's memory (rows may be padded: see strides).")
      .def(
          "most_similar",
          [](VectorStore& store, std::vector<std::size_t> positive, std::vector<std::size_t> negative,
             std::optional<py::array_t<float, py::array::c_style | py::array::forcecast>> offset, std::size_t topn,
             std::size_t restrict, bool cosmul) {
            const SimilarityQuery query = make_query(std::move(positive), std::move(negative), offset, store.rows());
            const auto index = store.index();
            std::vector<Neighbor> neighbors;
            {
              const py::gil_scoped_release release;
              neighbors = std::move(index->most_similar({&query, 1}, scoring(cosmul), topn, restrict)[0]);
            }
            py::list result;
            for (const Neighbor& n : neighbors) result.append(py::make_tuple(n.row, n.score));
            return result;
          },
          py::arg("positive"), py::arg("negative"), py::arg("offset"), py::arg("topn"), py::arg("restrict"),
          py::arg("cosmul"))
      .def(
          "scores",
          [](VectorStore& store, std::vector<std::size_t> positive, std::vector<std::size_t> negative,
             std::optional<py::array_t<float, py::array::c_style | py::array::forcecast>> offset, std::size_t restrict,
             bool cosmul) {
            const SimilarityQuery query = make_query(std::move(positive), std::move(negative), offset, store.rows());
            const auto index = store.index();
            std::vector<float> scores;
            {
              const py::gil_scoped_release release;
              scores = index->scores(query, scoring(cosmul), restrict);
            }
            return py::array_t<float>(static_cast<py::ssize_t>(scores.size()), scores.data());
          },
          py::arg("positive"), py::arg("negative"), py::arg("offset"), py::arg("restrict"), py::arg("cosmul"))
      .def(
          "fill_norms",
          [](VectorStore& store, bool force) {
            if (force) {
              store.refresh_index();
            } else {
              store.index();
            }
          },
          py::arg("force"), "Makes the similarity index if there is none, or with force=True anew.")
      .def(
          "evaluate_word_analogies",
          [](VectorStore& store, const std::string& path, std::size_t restrict) {
            const std::vector<AnalogySection> sections = read_analogy_questions(path);
            const auto index = store.index();
            AnalogyResults results;
            {
              const py::gil_scoped_release release;
              results = evaluate_analogies(*index, sections, restrict);
            }
            py::list asked_by_section;
            std::vector<py::list> asked(sections.size());
            for (const AskedQuestion& a : results.asked) {
              const AnalogyQuestion& q = sections[a.section].questions[a.question];
              asked[a.section].append(py::make_tuple(text(q.a), text(q.b), text(q.c), text(q.expected), a.correct));
            }
            for (std::size_t s = 0; s < sections.size(); ++s) {
              asked_by_section.append(py::make_tuple(text(sections[s].name), asked[s]));
            }
            return asked_by_section;
          },
          py::arg("path"), py::arg("restrict"),
          "[(section, [(a, b, c, expected, correct), ...]), ...]: the questions asked, in file order.")
      .def(
          "evaluate_word_pairs",
          [](VectorStore& store, const std::string& path, std::size_t restrict) {
            const WordPairResults results = store.with_word_vectors(
                [&](const WordVectors& vectors) { return evaluate_word_pairs(vectors, path, restrict); });
            return py::make_tuple(results.pairs, results.covered, results.pearson, results.spearman);
          },
          py::arg("path"), py::arg("restrict"), "(pairs, covered, pearson, spearman)")
      .def(
          "save",
          [](VectorStore& store, const std::string& path, bool binary) {
            const py::gil_scoped_release release;
            write_vectors(path, store.words(), store.data(), store.dim(), store.stride(), binary);
          },
          py::arg("path"), py::arg("binary"));

  m.def(
      "load",
      [](const std::string& path, std::size_t limit) {
        std::optional<WordVectors> vectors;
        {
          const py::gil_scoped_release release;
          vectors.emplace(read_vectors(path, limit));
        }
        return std::make_unique<VectorStore>(std::move(*vectors));
      },
      py::arg("path"), py::arg("limit") = kAllRows);

  m.def("train", &train, py::arg("corpus"), py::arg("options"), py::arg("read_vocab"), py::arg("on_warning"),
        py::arg("on_corpus"), py::arg("on_progress"),
        "Trains on a corpus file or an iterable of token lists; returns (VectorStore, CorpusSummary, TrainSummary).");
}
