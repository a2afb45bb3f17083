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
  JpegBaseline, // lossy, 8 bit: only for volumes whose stored range fits
  JpegLossless, // process 14, selection value 1
  JpegLsLossless,
  Rle,
  Jpeg2000Lossless, // written through GDCM (DCMTK here has no JPEG 2000 codec)
  Jpeg2000Lossy,
};

struct SeriesWriteOptions {
  TransferSyntax transferSyntax = TransferSyntax::ExplicitLittleEndian;
  bool shuffleInstanceNumbers = false;    // Instance Numbers in random order (tests slice sorting)
  std::optional<double> sliceThicknessMm; // when it differs from the spacing (overlapping recon)
  std::string fileNamePrefix = "IM";      // files are PREFIX0001.dcm ... numbered by Instance Number
  std::string patientPosition = "HFS";    // Patient Position (0018,5100); geometry comes from the image itself
  std::string imageType = "ORIGINAL\\PRIMARY\\AXIAL";
  std::string sopClassUidOverride; // empty: CT/MR Image Storage by modality (tests write e.g. secondary captures)
};

// Writes one file per slice along the third axis into `folder` (created if missing) as CT or MR
// Image Storage, by volume.info.modality (Unknown is refused). Study, series and frame of
// reference UIDs missing from volume.info are generated (one set per call). Pixel values are
// stored as int16 (uint8 for JpegBaseline) with Rescale Slope/Intercept chosen to fit the float
// range: slope 1, intercept 0 when the values are whole numbers in range (exact HU).
// Returns the written slices in stacking order.
Result<std::vector<SourceSlice>> writeSeries(const Volume& volume, const std::filesystem::path& folder,
                                             const SeriesWriteOptions& options = {});

// ITK-written image files; the format follows the extension (.nii, .nii.gz, .nrrd, .mha).
Result<void> writeImageFile(const IntensityImage& image, const std::filesystem::path& path);
Result<void> writeLabelFile(const LabelImage& labels, const std::filesystem::path& path);

} // namespace iliometry::dicom
