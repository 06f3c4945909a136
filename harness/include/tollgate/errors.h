#pragma once
#include <stdexcept>
#include <string>

namespace tollgate {

// Input refused before any state changed: the object that refused it stays usable.
class InputError : public std::invalid_argument {
 public:
  explicit InputError(const std::string& what) : std::invalid_argument(what) {}
};

}  // namespace tollgate
