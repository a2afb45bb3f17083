// `iliometry measure INPUT -o OUTDIR ...`: parses options into workflow::MeasureOptions, shows
// progress on stderr and a short summary on stdout. Every check and computation is in the workflow.
#include "Commands.h"

#include "iliometry/workflow/MeasureWorkflow.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>

namespace iliometry::cli {

namespace {

struct MeasureArguments {
  std::string input;
  std::string outputDir;
  std::string seriesUid;
  std::optional<double> heightM;
  double thresholdPercent = AsymmetryOptions{}.thresholdPercent;
  std::string psoasBasis = AsymmetryOptions{}.psoasPrimaryBasis;
  std::string iliacusBasis = AsymmetryOptions{}.iliacusPrimaryBasis;
  std::string modality; // empty: as the input states
  std::filesystem::path dixonWater, dixonFat;
  bool anonymize = false;
  std::string anonymizeSecret; // empty: read from ILIOMETRY_ANONYMIZE_SECRET
  bool quiet = false;
};

void printProgress(const std::string& stage, double fraction) {
  std::fprintf(stderr, "[%3d%%] %s\n", static_cast<int>(std::lround(fraction * 100.0)), stage.c_str());
}

void printSummary(const workflow::MeasureOutcome& outcome) {
  for (const auto& verdict : outcome.report.asymmetry.verdicts) {
    std::cout << muscleDisplayName(verdict.muscle) << ": ";
    if (!verdict.indexPercent) {
      std::cout << "no verdict";
    } else {
      char index[32];
      std::snprintf(index, sizeof index, "%+.1f", *verdict.indexPercent);
      std::cout << "asymmetry index " << index << " % (" << verdict.basis << ")"
                << (verdict.asymmetricHypertrophy
                        ? ", asymmetric hypertrophy, " + sideKey(*verdict.largerSide) + " larger"
                        : ", below the " + std::to_string(std::lround(verdict.thresholdPercent)) + " % threshold");
    }
    std::cout << (verdict.note.empty() ? "" : " [" + verdict.note + "]") << '\n';
  }
  const auto& pmi = outcome.report.psoasMuscleIndex;
  if (pmi.valueCm2PerM2) {
    char value[32];
    std::snprintf(value, sizeof value, "%.2f", *pmi.valueCm2PerM2);
    std::cout << "Psoas muscle index: " << value << " cm2/m2\n";
  } else {
    std::cout << "Psoas muscle index: not available (" << pmi.note << ")\n";
  }
  for (const auto& warning : outcome.report.warnings)
    std::cerr << "warning: " << warning.message << '\n';
  std::cout << "Wrote " << outcome.outputs.labelsPath.string() << ", " << outcome.outputs.jsonPath.string() << ", "
            << outcome.outputs.csvPath.string();
  for (const auto& extra : {outcome.outputs.pdfPath, outcome.outputs.segmentationPath,
                            outcome.outputs.structuredReportPath, outcome.outputs.keyImagePath})
    if (extra) std::cout << ", " << extra->string();
  std::cout << '\n';
}

Result<void> runMeasureCommand(const MeasureArguments& arguments) {
  workflow::MeasureOptions options;
  options.inputPath = arguments.input;
  options.outputDir = arguments.outputDir;
  options.seriesInstanceUid = arguments.seriesUid;
  options.heightM = arguments.heightM;
  options.asymmetry.thresholdPercent = arguments.thresholdPercent;
  options.asymmetry.psoasPrimaryBasis = arguments.psoasBasis;
  options.asymmetry.iliacusPrimaryBasis = arguments.iliacusBasis;
  options.quiet = arguments.quiet;
  if (arguments.anonymize) {
    // The secret may come from the environment so that it stays out of shell history and `ps`.
    const char* fromEnvironment = std::getenv(workflow::kAnonymizeSecretEnvironmentVariable);
    options.anonymizeSecret = !arguments.anonymizeSecret.empty() ? arguments.anonymizeSecret
                              : fromEnvironment != nullptr   ? std::string(fromEnvironment)
                                                             : std::string();
  } else if (!arguments.anonymizeSecret.empty()) {
    return makeError(ErrorCode::InvalidArgument, "--anonymize-secret: given without --anonymize");
  }
  if (!arguments.modality.empty()) {
    auto modality = workflow::parseModality(arguments.modality);
    if (!modality) return modality.error();
    options.modality = modality.value();
  }
  options.dixonWaterPath = arguments.dixonWater;
  options.dixonFatPath = arguments.dixonFat;
  auto outcome = workflow::runMeasure(options, printProgress);
  if (!outcome) return outcome.error();
  printSummary(outcome.value());
  return {};
}

} // namespace

void addMeasureCommand(CLI::App& app, CommandRunner& runner) {
  auto arguments = std::make_shared<MeasureArguments>();
  auto* command = app.add_subcommand(
      "measure", "Segment psoas major and iliacus on a CT volume and write labels.nii.gz, measurements.json, "
                 "measurements.csv, report.pdf and, for DICOM input, seg.dcm, sr.dcm and keyimages.dcm");
  command->add_option("input", arguments->input, "DICOM folder, DICOMDIR, DICOM file, or NIfTI/NRRD/MHA volume")
      ->required();
  command->add_option("-o,--output", arguments->outputDir, "output folder (created if missing)")->required();
  command->add_option("--series", arguments->seriesUid, "Series Instance UID to measure (default: the best axial CT)");
  command->add_option("--height-m", arguments->heightM,
                      "patient height in metres for the psoas muscle index (default: DICOM Patient Size)");
  command
      ->add_option("--asymmetry-threshold", arguments->thresholdPercent,
                   "asymmetry index (%) above which a muscle is flagged")
      ->capture_default_str();
  command
      ->add_option("--psoas-basis", arguments->psoasBasis,
                   "psoas major verdict basis: volume, max_csa or a level (L3, L4/L5, ...)")
      ->capture_default_str();
  command
      ->add_option("--iliacus-basis", arguments->iliacusBasis,
                   "iliacus verdict basis: volume, max_csa or a level (L4, L5/S1, ...)")
      ->capture_default_str();
  command->add_option("--modality", arguments->modality, "treat the input as CT or MR, whatever it states");
  command->add_option("--dixon-water", arguments->dixonWater, "NIfTI/NRRD/MHA input: the Dixon water image (with --dixon-fat)");
  command->add_option("--dixon-fat", arguments->dixonFat, "NIfTI/NRRD/MHA input: the Dixon fat image (with --dixon-water)");
  command->add_flag("--anonymize", arguments->anonymize,
                    "write a keyed pseudonym instead of patient name and ID into every output (secret from "
                    "--anonymize-secret or the ILIOMETRY_ANONYMIZE_SECRET environment variable, at least 8 characters; "
                    "the same secret gives the same pseudonym for the same patient)");
  command->add_option("--anonymize-secret", arguments->anonymizeSecret,
                      "the secret keying --anonymize (prefer ILIOMETRY_ANONYMIZE_SECRET: command lines are visible "
                      "to other users)");
  command->add_flag("--quiet", arguments->quiet, "no progress on stderr");
  command->callback([&runner, arguments] { runner.set([arguments] { return runMeasureCommand(*arguments); }); });
}

} // namespace iliometry::cli
