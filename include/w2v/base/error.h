#pragma once
#include <stdexcept>
#include <string>

namespace w2v {

// Every problem a user can cause (bad file, bad option) is reported with this
// type; its message is one line that names the file or option and the problem.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace w2v
