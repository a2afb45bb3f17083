#pragma once
// What the loader needs to know about one DICOM file before touching its pixels.
#include "iliometry/core/Result.h"
#include "iliometry/core/StudyInfo.h"

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace iliometry::dicom {

// One 2-D image: the only frame of a classic file, or one frame of an Enhanced multi-frame object.
struct FrameHeader {
  int frameNumber = 0;                                 // 1-based for multi-frame objects, 0 for single-frame files
  std::optional<std::array<double, 3>> positionMm;     // Image Position (Patient), LPS
  std::optional<std::array<double, 6>> orientation;    // row cosine, column cosine
  std::optional<std::array<double, 2>> pixelSpacingMm; // DICOM order: row spacing, column spacing
  std::optional<double> sliceThicknessMm;
  double rescaleSlope = 1.0;
  double rescaleIntercept = 0.0;
};

struct PixelFormat {
  unsigned rows = 0, columns = 0;
  unsigned bitsAllocated = 0, bitsStored = 0, highBit = 0;
  bool isSigned = false;
  unsigned samplesPerPixel = 1;
  std::string photometric; // MONOCHROME1, MONOCHROME2, RGB, ...
  unsigned numberOfFrames = 1;
};

struct DicomHeader {
  std::filesystem::path file;
  std::string transferSyntaxUid;
  std::string sopClassUid, sopInstanceUid;
  std::string modality;
  std::string imageType; // backslash-separated values as stored
  std::string seriesDescription;
  int instanceNumber = 0;
  bool hasPixelData = false;
  PixelFormat pixels;
  StudyInfo info;                  // the study/series/patient facts this file states
  std::vector<FrameHeader> frames; // one per frame
};

// Reads the attributes above without loading pixel data. Fails for files DCMTK cannot parse
// and for objects without a SOP Class UID (not DICOM composite objects); never throws.
Result<DicomHeader> readDicomHeader(const std::filesystem::path& file);

bool isJpeg2000(const std::string& transferSyntaxUid);

} // namespace iliometry::dicom
