#include "iliometry/dicom/InputLoader.h"

namespace iliometry::dicom {

Result<LoadedInput> loadInput(const std::filesystem::path& input, const LoadOptions&) {
  return makeError(ErrorCode::Internal, "loading " + input.string() + " is not implemented yet");
}

} // namespace iliometry::dicom
