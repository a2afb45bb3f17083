#pragma once
// A NIfTI file cut short (an interrupted copy, a full disk) still parses: ITK reads the header
// and fills what is missing of the voxels without an error, and a truncated .nii.gz stream is
// read up to where it breaks. These checks find such a file before it is measured.
#include "iliometry/core/Result.h"

#include <cstdint>
#include <filesystem>

namespace iliometry::dicom {

// An error naming `path` unless it holds at least `minBytes` bytes; a gzip-compressed file
// (by its magic bytes) must also decompress completely and to at least `minBytes`.
Result<void> checkFileHoldsBytes(const std::filesystem::path& path, std::uintmax_t minBytes);

} // namespace iliometry::dicom
