#include "python_word_source.h"

#include "w2v/base/error.h"

namespace py = pybind11;

namespace w2v::python {
namespace {

// Words pulled from Python per GIL acquisition, in bytes.
constexpr std::size_t kBatchBytes = 1 << 20;

}  // namespace

PythonWordSource::PythonWordSource(const py::iterable& sentences) : iterator_(py::iter(sentences)) {}

std::string PythonWordSource::where(std::size_t word) const {
  return name_ + ": sentence " + std::to_string(sentences_) + (word ? ", word " + std::to_string(word) : "") + ": ";
}

void PythonWordSource::append_word(py::handle word, std::size_t number) {
  if (!PyUnicode_Check(word.ptr())) {
    throw Error(where(number) + "expected a str, got " + std::string(Py_TYPE(word.ptr())->tp_name));
  }
  Py_ssize_t size = 0;
  const char* utf8 = PyUnicode_AsUTF8AndSize(word.ptr(), &size);
  if (!utf8) {
    PyErr_Clear();
    throw Error(where(number) + "not encodable as UTF-8 (a lone surrogate)");
  }
  const std::string_view bytes(utf8, static_cast<std::size_t>(size));
  if (bytes.empty()) throw Error(where(number) + "an empty word");
  if (bytes.find_first_of(std::string_view(" \t\n\r", 4)) != std::string_view::npos) {
    throw Error(where(number) + "'" + std::string(bytes) +
                "' contains a blank (space, tab or line break), which separates words in corpus and vectors files");
  }
  if (bytes.find('\0') != std::string_view::npos) throw Error(where(number) + "a word with a NUL byte");
  text_.append(bytes);
  ends_.push_back(text_.size());
}

void PythonWordSource::append_sentence(py::handle sentence) {
  if (PyUnicode_Check(sentence.ptr()) || PyBytes_Check(sentence.ptr())) {
    throw Error(where(0) + "a " + std::string(Py_TYPE(sentence.ptr())->tp_name) +
                ", expected a list of words (split it, e.g. line.split())");
  }
  if (PyList_Check(sentence.ptr()) || PyTuple_Check(sentence.ptr())) {
    const std::size_t size = static_cast<std::size_t>(PySequence_Fast_GET_SIZE(sentence.ptr()));
    PyObject** items = PySequence_Fast_ITEMS(sentence.ptr());
    for (std::size_t i = 0; i < size; ++i) append_word(items[i], i + 1);
  } else {
    if (!py::isinstance<py::iterable>(sentence)) {
      throw Error(where(0) + "a " + std::string(Py_TYPE(sentence.ptr())->tp_name) + ", expected a list of words");
    }
    std::size_t number = 0;
    for (py::handle word : py::reinterpret_borrow<py::iterable>(sentence)) append_word(word, ++number);
  }
  ends_.push_back(kSentenceEnd);
}

bool PythonWordSource::pull() {
  text_.clear();
  ends_.clear();
  next_ = 0;
  word_begin_ = 0;
  if (exhausted_) return false;
  const py::gil_scoped_acquire gil;
  while (text_.size() < kBatchBytes) {
    PyObject* sentence = PyIter_Next(iterator_.ptr());
    if (!sentence) {
      if (PyErr_Occurred()) throw py::error_already_set();
      exhausted_ = true;
      break;
    }
    const py::object owned = py::reinterpret_steal<py::object>(sentence);
    ++sentences_;
    append_sentence(owned);
  }
  return !ends_.empty();
}

WordSource::Token PythonWordSource::next(std::string_view& word) {
  for (;;) {
    if (next_ == ends_.size() && !pull()) return Token::kEnd;
    const std::size_t end = ends_[next_++];
    if (end == kSentenceEnd) {
      count_line();
      if (!sentence_has_words_) continue;
      sentence_has_words_ = false;
      return Token::kEndOfLine;
    }
    word = checked_word(std::string_view(text_).substr(word_begin_, end - word_begin_));
    word_begin_ = end;
    sentence_has_words_ = true;
    return Token::kWord;
  }
}

}  // namespace w2v::python
