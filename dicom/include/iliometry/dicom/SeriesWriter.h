#pragma once
// Writing volumes: as real DICOM image series through DCMTK (for phantoms, tests and exports),
// and as NIfTI/NRRD/MHA through ITK. Every file is written atomically.
#include "iliometry/core/Result.h"
#include "iliometry/core/Volume.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace iliometry::dicom {

enum class TransferSyntax {
  ExplicitLittleEndian,
  ImplicitLittleEndian,
  DeflatedExplicitLittleEndian,
  JpegBaseline,      // lossy, 8 bit: only for volumes whose stored range fits
  JpegLossless,      // process 14, selection value 1
  JpegLsLossless,
  Rle,
  Jpeg2000Lossless,  // written through GDCM (DCMTK here has no JPEG 2000 codec)
  Jpeg2000Lossy,
};

struct SeriesWriteOptions {
  TransferSyntax transferSyntax = TransferSyntax::ExplicitLittleEndian;
  bool shuffleInstanceNumbers = false; // Instance Numbers in random order (tests slice sorting)
  std::optional<double> sliceThicknessMm; // when it differs from the spacing (overlapping recon)
  std::string fileNamePrefix = "IM";
};

// Writes one file per slice along the third axis into `folder`; fills in missing UIDs in the
// returned SourceSlice list. Pixel values are stored as int16 with Rescale Slope/Intercept.
Result<std::vector<SourceSlice>> writeSeries(const Volume& volume, const std::filesystem::path& folder,
                                             const SeriesWriteOptions& options = {});

// ITK-written image files; the format follows the extension (.nii, .nii.gz, .nrrd, .mha).
Result<void> writeImageFile(const IntensityImage& image, const std::filesystem::path& path);
Result<void> writeLabelFile(const LabelImage& labels, const std::filesystem::path& path);

} // namespace iliometry::dicom
