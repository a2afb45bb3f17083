#pragma once
// Writing a phantom as a study on disk: the image (DICOM series or NIfTI), the ground-truth
// label map and truth.json (levels, spine segment slice ranges, CSA per slice, volumes,
// parameters). Every file is written atomically by the dicom library or writeFileAtomically.
#include "iliometry/core/Result.h"
#include "iliometry/dicom/SeriesWriter.h"
#include "iliometry/testdata/Phantom.h"

#include <filesystem>
#include <string>

namespace iliometry::testdata {

enum class PhantomFormat { Dicom, Nifti };

struct PhantomStudyFiles {
  std::filesystem::path image;       // the DICOM folder, or image.nii.gz
  std::filesystem::path truthLabels; // truth_labels.nii.gz
  std::filesystem::path truthJson;   // truth.json
  std::filesystem::path dixonWater, dixonFat; // NIfTI Dixon studies: water.nii.gz, fat.nii.gz (DICOM: series in dicom/)
};

// Layout of outDir: dicom/ (one file per slice) or image.nii.gz; truth_labels.nii.gz; truth.json.
// Dixon MR: dicom/IN_PHASE, dicom/WATER, dicom/FAT (three series of one study), or image.nii.gz
// (in-phase), water.nii.gz and fat.nii.gz.
// outDir is created when missing.
Result<PhantomStudyFiles> writePhantomStudy(const Phantom& phantom, const std::filesystem::path& outDir,
                                            PhantomFormat format, const dicom::SeriesWriteOptions& dicomOptions = {});

// truth.json's content (exposed for tests and for reports that embed it).
std::string truthJson(const Phantom& phantom);

} // namespace iliometry::testdata
