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
  std::filesystem::path outputDir;  // receives labels.nii.gz, measurements.json/.csv, report.pdf, seg.dcm, sr.dcm, keyimages.dcm
  std::string seriesInstanceUid;    // empty: the loader chooses the best axial CT/MR series
  std::optional<double> heightM;    // overrides DICOM Patient Size for the psoas muscle index
  std::optional<Modality> modality; // overrides the modality the input states (or lacks)
  std::filesystem::path dixonWaterPath, dixonFatPath; // image-file inputs: the Dixon pair (dicom::LoadOptions)
  // Volume is the default basis for both muscles: it integrates the whole muscle and is least
  // sensitive to where one slice happens to fall. max_csa is the fallback when coverage is partial.
  AsymmetryOptions asymmetry;
  bool quiet = false; // no progress reports
  // --anonymize: every output carries a keyed pseudonym (report/Pseudonym.h) instead of the
  // patient's name and ID; the secret keys it, so a cohort measured with one secret stays
  // linkable. Unset: identifiers are written as the input holds them.
  std::optional<std::string> anonymizeSecret;
};

// The shortest secret accepted for --anonymize: a short key could be found by trying keys
// against a known patient ID.
inline constexpr std::size_t kMinAnonymizeSecretLength = 8;

// The environment variable `iliometry measure --anonymize` reads the secret from when
// --anonymize-secret is not given (keeps the secret out of shell history and process lists).
inline constexpr const char* kAnonymizeSecretEnvironmentVariable = "ILIOMETRY_ANONYMIZE_SECRET";

// Output file names inside MeasureOptions::outputDir.
inline constexpr const char* kLabelsFileName = "labels.nii.gz";
inline constexpr const char* kMeasurementsJsonFileName = "measurements.json";
inline constexpr const char* kMeasurementsCsvFileName = "measurements.csv";
inline constexpr const char* kReportPdfFileName = "report.pdf";
inline constexpr const char* kSegmentationFileName = "seg.dcm";
inline constexpr const char* kStructuredReportFileName = "sr.dcm";
inline constexpr const char* kKeyImageFileName = "keyimages.dcm";

// A basis as the user may type it ("Volume", "max_csa", "l4/l5") in canonical form
// ("volume", "max_csa", "L4/L5"); InvalidArgument for anything else.
Result<std::string> normaliseAsymmetryBasis(const std::string& basis);

// "CT" or "MR", any case; InvalidArgument otherwise.
Result<Modality> parseModality(const std::string& text);

// Checks every option and returns them with canonical basis names. InvalidArgument names the
// option, the value found and what is accepted.
Result<MeasureOptions> validateMeasureOptions(const MeasureOptions& options);

} // namespace iliometry::workflow
