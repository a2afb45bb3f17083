#include "Commands.h"

#include <exception>
#include <iostream>

namespace iliometry::cli {

int CommandRunner::run() const {
  if (!m_action) return 0;
  Result<void> result = [&]() -> Result<void> {
    try {
      return m_action();
    } catch (const std::bad_alloc&) {
      return makeError(ErrorCode::Internal, "out of memory");
    } catch (const std::exception& e) {
      // Libraries turn known failures into Errors; anything reaching here is unexpected.
      return makeError(ErrorCode::Internal, "unexpected failure", e.what());
    }
  }();
  if (result) return 0;
  std::cerr << "iliometry: error: " << result.error().describe() << '\n';
  return exitCodeFor(result.error().code);
}

} // namespace iliometry::cli
