#pragma once
// Result<T>: the value of an operation that can fail on user input, or the Error saying why.
// A small stand-in for C++23 std::expected, kept deliberately minimal.
#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace iliometry {

// Each code maps to one documented exit code of the command-line tool (see cli/README.md).
enum class ErrorCode {
  InvalidArgument = 2,     // a bad option value
  InputNotFound = 3,       // path missing, empty folder
  NoImageSeries = 4,       // files found but nothing loadable as a volume
  UnsupportedModality = 5, // not CT or MR, or the wrong pipeline for the modality
  InvalidSeries = 6,       // geometry or pixel data that cannot be trusted
  SegmentationFailed = 7,  // no spine in view, volume too small, ...
  OutputFailed = 8,        // could not write an output (disk full, permissions)
  Internal = 9,            // a bug or an unexpected library exception
};

int exitCodeFor(ErrorCode code);
const char* errorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message; // for the user: what was expected, what was found, which file
  std::string detail;  // technical detail, e.g. the original library exception text

  std::string describe() const { return detail.empty() ? message : message + " (" + detail + ")"; }
};

template <typename T> class [[nodiscard]] Result {
public:
  Result(T value) : m_state(std::move(value)) {}
  Result(Error error) : m_state(std::move(error)) {}

  bool ok() const { return std::holds_alternative<T>(m_state); }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<T>(m_state);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(m_state);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(m_state));
  }
  const Error& error() const {
    assert(!ok());
    return std::get<Error>(m_state);
  }

private:
  std::variant<T, Error> m_state;
};

template <> class [[nodiscard]] Result<void> {
public:
  Result() = default;
  Result(Error error) : m_error(std::move(error)), m_failed(true) {}

  bool ok() const { return !m_failed; }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    assert(m_failed);
    return m_error;
  }

private:
  Error m_error;
  bool m_failed = false;
};

inline Error makeError(ErrorCode code, std::string message, std::string detail = {}) {
  return Error{code, std::move(message), std::move(detail)};
}

} // namespace iliometry
