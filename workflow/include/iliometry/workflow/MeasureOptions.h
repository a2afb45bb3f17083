#pragma once
// The options of one measurement run (`iliometry measure`), and their validation.
#include "iliometry/core/Asymmetry.h"
#include "iliometry/core/Result.h"
#include "iliometry/core/StudyInfo.h"

#include <filesystem>
#include <optional>
#include <string>

namespace iliometry::workflow {

struct MeasureOptions {
  std::filesystem::path inputPath;  // folder, DICOMDIR, DICOM file, NIfTI/NRRD/MHA
  std::filesystem::path outputDir;  // receives labels.nii.gz, measurements.json, measurements.csv
  std::string seriesInstanceUid;    // empty: the loader chooses the best axial CT/MR series
  std::optional<double> heightM;    // overrides DICOM Patient Size for the psoas muscle index
  std::optional<Modality> modality; // overrides the modality the input states (or lacks)
  // Volume is the default basis for both muscles: it integrates the whole muscle and is least
  // sensitive to where one slice happens to fall. max_csa is the fallback when coverage is partial.
  AsymmetryOptions asymmetry;
  bool quiet = false; // no progress reports
};

// Output file names inside MeasureOptions::outputDir.
inline constexpr const char* kLabelsFileName = "labels.nii.gz";
inline constexpr const char* kMeasurementsJsonFileName = "measurements.json";
inline constexpr const char* kMeasurementsCsvFileName = "measurements.csv";

// A basis as the user may type it ("Volume", "max_csa", "l4/l5") in canonical form
// ("volume", "max_csa", "L4/L5"); InvalidArgument for anything else.
Result<std::string> normaliseAsymmetryBasis(const std::string& basis);

// "CT" or "MR", any case; InvalidArgument otherwise.
Result<Modality> parseModality(const std::string& text);

// Checks every option and returns them with canonical basis names. InvalidArgument names the
// option, the value found and what is accepted.
Result<MeasureOptions> validateMeasureOptions(const MeasureOptions& options);

} // namespace iliometry::workflow
