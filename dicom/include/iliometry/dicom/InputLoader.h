#pragma once
// Loading an input path (folder, DICOMDIR, DICOM file, NIfTI/NRRD/MHA) into one Volume.
#include "iliometry/core/Result.h"
#include "iliometry/core/Volume.h"

#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace iliometry::dicom {

// One series (or one geometry-consistent part of a series) found in the input.
struct SeriesSummary {
  std::string seriesInstanceUid;
  std::string modality;          // as DICOM states it
  std::string seriesDescription;
  std::string sopClassUid;
  std::size_t imageCount = 0;
  std::array<unsigned, 3> sizeVoxels{}; // columns, rows, slices when it is a volume
  bool isVolumeCandidate = false; // an axial-ish CT/MR image stack we could measure
  std::string notCandidateReason;  // "localizer", "secondary capture", "single image", ...
};

struct LoadOptions {
  std::string seriesInstanceUid; // empty: choose the best axial CT/MR volume
};

struct LoadedInput {
  Volume volume;
  std::vector<SeriesSummary> series; // everything found, the chosen one included
  std::string chosenSeriesUid;
};

Result<LoadedInput> loadInput(const std::filesystem::path& input, const LoadOptions& options = {});

} // namespace iliometry::dicom
