#include "iliometry/workflow/MeasureOptions.h"

#include "iliometry/report/PsoasMuscleIndex.h"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <vector>

namespace iliometry::workflow {

namespace {

// Vertebrae a level basis may name, cranial to caudal; a disc is two neighbours joined by '/'.
std::vector<std::string> vertebraNames() {
  std::vector<std::string> names;
  for (int i = 1; i <= 12; ++i)
    names.push_back("T" + std::to_string(i));
  for (int i = 1; i <= 5; ++i)
    names.push_back("L" + std::to_string(i));
  names.push_back("S1");
  return names;
}

bool isLevelName(const std::string& name) {
  const auto vertebrae = vertebraNames();
  for (std::size_t i = 0; i < vertebrae.size(); ++i) {
    if (name == vertebrae[i]) return true;
    if (i + 1 < vertebrae.size() && name == vertebrae[i] + "/" + vertebrae[i + 1]) return true;
  }
  return false;
}

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string numberText(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

Error invalid(const std::string& option, const std::string& found, const std::string& expected) {
  return makeError(ErrorCode::InvalidArgument, option + ": expected " + expected + ", found '" + found + "'");
}

} // namespace

Result<std::string> normaliseAsymmetryBasis(const std::string& basis) {
  const std::string lowered = lower(basis);
  if (lowered == "volume" || lowered == "max_csa") return lowered;
  const std::string level = upper(basis);
  if (isLevelName(level)) return level;
  return makeError(ErrorCode::InvalidArgument,
                   "asymmetry basis '" + basis +
                       "' is not known: expected volume, max_csa or a level name (a vertebra T1-T12, L1-L5, S1, "
                       "or a disc between neighbours such as L4/L5)");
}

Result<Modality> parseModality(const std::string& text) {
  const std::string value = upper(text);
  if (value == "CT") return Modality::CT;
  if (value == "MR") return Modality::MR;
  return invalid("--modality", text, "CT or MR");
}

Result<MeasureOptions> validateMeasureOptions(const MeasureOptions& options) {
  MeasureOptions valid = options;
  if (options.inputPath.empty()) return makeError(ErrorCode::InvalidArgument, "no input path given");
  if (options.outputDir.empty()) return makeError(ErrorCode::InvalidArgument, "no output folder given (-o OUTDIR)");
  if (options.heightM &&
      !(*options.heightM >= report::kMinPlausibleHeightM && *options.heightM <= report::kMaxPlausibleHeightM)) {
    std::ostringstream expected;
    expected << "a height in metres between " << report::kMinPlausibleHeightM << " and "
             << report::kMaxPlausibleHeightM;
    return invalid("--height-m", numberText(*options.heightM), expected.str());
  }
  // The index is at most 200 % in magnitude (one side zero); a threshold outside (0, 200) can
  // never or always fire.
  const double threshold = options.asymmetry.thresholdPercent;
  if (!(threshold > 0.0 && threshold < 200.0))
    return invalid("--asymmetry-threshold", numberText(threshold), "a percentage above 0 and below 200");
  auto psoas = normaliseAsymmetryBasis(options.asymmetry.psoasPrimaryBasis);
  if (!psoas) return makeError(ErrorCode::InvalidArgument, "--psoas-basis: " + psoas.error().message);
  auto iliacus = normaliseAsymmetryBasis(options.asymmetry.iliacusPrimaryBasis);
  if (!iliacus) return makeError(ErrorCode::InvalidArgument, "--iliacus-basis: " + iliacus.error().message);
  if (options.anonymizeSecret && options.anonymizeSecret->size() < kMinAnonymizeSecretLength)
    return makeError(ErrorCode::InvalidArgument,
                     "--anonymize: expected a secret of at least " + std::to_string(kMinAnonymizeSecretLength) +
                         " characters (--anonymize-secret or " + kAnonymizeSecretEnvironmentVariable + "), found " +
                         std::to_string(options.anonymizeSecret->size()));
  valid.asymmetry.psoasPrimaryBasis = psoas.value();
  valid.asymmetry.iliacusPrimaryBasis = iliacus.value();
  return valid;
}

} // namespace iliometry::workflow
