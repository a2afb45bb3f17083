#pragma once
// Loading an input path (folder, DICOMDIR, DICOM file, NIfTI/NRRD/MHA) into one Volume.
#include "iliometry/core/Result.h"
#include "iliometry/core/Volume.h"

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace iliometry::dicom {

// One series (or one geometry-consistent part of a series) found in the input.
struct SeriesSummary {
  std::string seriesInstanceUid;
  std::string modality; // as DICOM states it
  std::string seriesDescription;
  std::string sopClassUid;
  std::size_t imageCount = 0;           // frames (2-D images) in this group
  std::size_t fileCount = 0;            // files holding them (fewer for multi-frame objects)
  int partNumber = 0;                   // 1, 2, ... when one Series Instance UID was split by geometry; 0 otherwise
  std::string orientation;              // "axial", "coronal", "sagittal" (+ " oblique"); empty without geometry
  std::array<unsigned, 3> sizeVoxels{}; // columns, rows, slices when it is a volume
  bool isVolumeCandidate = false;       // an axial-ish CT/MR image stack we could measure
  std::string dixonImage;               // MR Dixon: "water", "fat", "in-phase", "opposed-phase"; empty otherwise
  std::string notCandidateReason;       // "localizer", "secondary capture", "single image", ...
};

struct LoadOptions {
  std::string seriesInstanceUid; // empty: choose the best axial CT/MR volume
  // For NIfTI/NRRD/MetaImage inputs, which carry no modality. Unset: CT when the intensity
  // range looks like Hounsfield units (min <= -500 and max >= 300), otherwise Unknown.
  // Ignored for DICOM, whose Modality attribute is used.
  std::optional<Modality> modalityOverride;
  // Dixon water and fat images for an image-file input (NIfTI etc. hold one image each); both or
  // neither, on the input's voxel grid. DICOM studies pair their Dixon series themselves.
  std::filesystem::path dixonWaterPath, dixonFatPath;
};

struct LoadedInput {
  Volume volume;
  std::vector<SeriesSummary> series; // everything found, the chosen one included
  std::string chosenSeriesUid;
  int chosenSeriesIndex = -1; // index into `series`; -1 for NIfTI/NRRD/MetaImage input
};

// MR Dixon image kind from Image Type (preferred: Siemens DIXON\WATER, GE WATER, Philips W/F/IP/OP)
// or, for series named Dixon/mDixon/IDEAL/FLEX, the Series Description: "water", "fat",
// "in-phase", "opposed-phase"; empty for other images and other modalities ("fat sat" is not fat).
std::string dixonImageKind(const std::string& modality, const std::string& imageType, const std::string& description);

Result<LoadedInput> loadInput(const std::filesystem::path& input, const LoadOptions& options = {});

} // namespace iliometry::dicom
