#pragma once
// Finding DICOM files (a folder searched recursively, a DICOMDIR, single files) and reading
// their headers in parallel.
#include "DicomHeader.h"

#include "iliometry/core/Result.h"

#include <filesystem>
#include <string>
#include <vector>

namespace iliometry::dicom {

struct ScanResult {
  std::vector<DicomHeader> headers; // every file that parsed as a DICOM object, in path order
  std::vector<std::string> skipped; // "FILE: why", one per file that did not
};

// Regular files under `folder`, recursively, sorted by path; DICOMDIR files are left out
// (the files they reference are found by the walk itself).
Result<std::vector<std::filesystem::path>> listFilesRecursively(const std::filesystem::path& folder);

// The image files a DICOMDIR references (Referenced File ID relative to its folder).
Result<std::vector<std::filesystem::path>> listFilesOfDicomdir(const std::filesystem::path& dicomdir);

bool isDicomdir(const std::filesystem::path& file);

ScanResult scanDicomHeaders(const std::vector<std::filesystem::path>& files);

} // namespace iliometry::dicom
