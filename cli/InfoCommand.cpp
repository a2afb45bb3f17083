// iliometry info INPUT [--json] [--series UID]: what the input holds and which volume would be
// measured. Everything it shows comes from dicom::loadInput; this file only formats it.
#include "Commands.h"

#include "iliometry/dicom/InputLoader.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

namespace iliometry::cli {
namespace {

struct InfoOptions {
  std::string input;
  bool json = false;
  std::string seriesUid;
};

nlohmann::ordered_json seriesJson(const dicom::SeriesSummary& s, bool chosen) {
  return {{"series_instance_uid", s.seriesInstanceUid},
          {"part", s.partNumber},
          {"modality", s.modality},
          {"description", s.seriesDescription},
          {"sop_class_uid", s.sopClassUid},
          {"orientation", s.orientation},
          {"images", s.imageCount},
          {"files", s.fileCount},
          {"size", s.sizeVoxels},
          {"is_candidate", s.isVolumeCandidate},
          {"not_candidate_reason", s.notCandidateReason},
          {"dixon_image", s.dixonImage.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.dixonImage)},
          {"chosen", chosen}};
}

nlohmann::ordered_json studyJson(const StudyInfo& info) {
  nlohmann::ordered_json j{{"patient_name", info.patientName},
                           {"patient_id", info.patientId},
                           {"patient_sex", info.patientSex},
                           {"patient_age", info.patientAge},
                           {"patient_height_m", nullptr},
                           {"patient_weight_kg", nullptr},
                           {"study_instance_uid", info.studyInstanceUid},
                           {"series_instance_uid", info.seriesInstanceUid},
                           {"frame_of_reference_uid", info.frameOfReferenceUid},
                           {"study_date", info.studyDate},
                           {"series_date", info.seriesDate},
                           {"study_description", info.studyDescription},
                           {"series_description", info.seriesDescription},
                           {"accession_number", info.accessionNumber},
                           {"manufacturer", info.manufacturer},
                           {"body_part", info.bodyPart},
                           {"source_format", info.sourceFormat},
                           {"source_path", info.sourcePath}};
  if (info.patientHeightM) j["patient_height_m"] = *info.patientHeightM;
  if (info.patientWeightKg) j["patient_weight_kg"] = *info.patientWeightKg;
  return j;
}

nlohmann::ordered_json volumeJson(const Volume& volume) {
  const IntensityImage& image = *volume.image;
  const auto size = image.GetLargestPossibleRegion().GetSize();
  nlohmann::ordered_json direction = nlohmann::json::array();
  for (unsigned r = 0; r < 3; ++r)
    for (unsigned c = 0; c < 3; ++c)
      direction.push_back(image.GetDirection()(r, c));
  return {{"size", {size[0], size[1], size[2]}},
          {"spacing_mm", {image.GetSpacing()[0], image.GetSpacing()[1], image.GetSpacing()[2]}},
          {"origin_lps_mm", {image.GetOrigin()[0], image.GetOrigin()[1], image.GetOrigin()[2]}},
          {"direction", direction},
          {"slices", volume.slices.size()}};
}

std::string vec3(double a, double b, double c, int decimals) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(decimals) << a << " x " << b << " x " << c;
  return out.str();
}

void printHuman(const dicom::LoadedInput& loaded, std::ostream& out) {
  out << "Series found: " << loaded.series.size() << '\n';
  for (std::size_t i = 0; i < loaded.series.size(); ++i) {
    const auto& s = loaded.series[i];
    const bool chosen = static_cast<int>(i) == loaded.chosenSeriesIndex || loaded.chosenSeriesIndex < 0;
    out << (chosen ? "* " : "  ") << (s.seriesInstanceUid.empty() ? std::string("(image file)") : s.seriesInstanceUid);
    if (s.partNumber > 0) out << " (part " << s.partNumber << ")";
    out << "  " << s.modality << "  \"" << s.seriesDescription << "\"  " << s.imageCount << " image(s)";
    if (!s.orientation.empty()) out << ", " << s.orientation;
    if (!s.dixonImage.empty()) out << ", Dixon " << s.dixonImage;
    out << (s.isVolumeCandidate ? "  [candidate]" : "  [not a candidate: " + s.notCandidateReason + "]") << '\n';
  }
  const Volume& v = loaded.volume;
  const IntensityImage& image = *v.image;
  const auto size = image.GetLargestPossibleRegion().GetSize();
  out << "\nChosen volume (" << modalityName(v.info.modality) << ", " << v.info.sourceFormat << ")\n"
      << "  size:        " << size[0] << " x " << size[1] << " x " << size[2] << " voxels\n"
      << "  spacing:     " << vec3(image.GetSpacing()[0], image.GetSpacing()[1], image.GetSpacing()[2], 4) << " mm\n"
      << "  origin:      " << vec3(image.GetOrigin()[0], image.GetOrigin()[1], image.GetOrigin()[2], 3) << " mm (LPS)\n"
      << "  direction:   ";
  for (unsigned c = 0; c < 3; ++c)
    out << (c ? "  |  " : "")
        << vec3(image.GetDirection()(0, c), image.GetDirection()(1, c), image.GetDirection()(2, c), 4);
  out << "  (axis columns)\n"
      << "  patient:     " << v.info.patientName << " (ID " << v.info.patientId << ")";
  if (!v.info.patientSex.empty()) out << ", sex " << v.info.patientSex;
  if (!v.info.patientAge.empty()) out << ", age " << v.info.patientAge;
  out << "\n  study:       " << v.info.studyDate << " " << v.info.studyDescription << " (accession "
      << v.info.accessionNumber << ")\n";
  if (!v.warnings.empty()) {
    out << "\nWarnings:\n";
    for (const auto& w : v.warnings)
      out << "  - " << w << '\n';
  }
}

Result<void> runInfo(const InfoOptions& options) {
  dicom::LoadOptions loadOptions;
  loadOptions.seriesInstanceUid = options.seriesUid;
  auto loaded = dicom::loadInput(options.input, loadOptions);
  if (!loaded) return loaded.error();
  const dicom::LoadedInput& input = loaded.value();
  if (!options.json) {
    printHuman(input, std::cout);
    return {};
  }
  nlohmann::ordered_json j;
  j["input"] = options.input;
  j["series"] = nlohmann::json::array();
  for (std::size_t i = 0; i < input.series.size(); ++i)
    j["series"].push_back(
        seriesJson(input.series[i], static_cast<int>(i) == input.chosenSeriesIndex || input.chosenSeriesIndex < 0));
  j["chosen_series_uid"] = input.chosenSeriesUid;
  j["modality"] = modalityName(input.volume.info.modality);
  j["volume"] = volumeJson(input.volume);
  j["study"] = studyJson(input.volume.info);
  j["warnings"] = input.volume.warnings;
  std::cout << j.dump(2) << '\n';
  return {};
}

} // namespace

void addInfoCommand(CLI::App& app, CommandRunner& runner) {
  auto options = std::make_shared<InfoOptions>();
  auto* command =
      app.add_subcommand("info", "Show the series in an input (DICOM folder/DICOMDIR/file, NIfTI, NRRD, MHA) "
                                 "and the volume that would be measured");
  command->add_option("INPUT", options->input, "DICOM folder, DICOMDIR, DICOM file, or .nii/.nii.gz/.nrrd/.mha file")
      ->required();
  command->add_flag("--json", options->json, "Print a JSON object instead of a summary");
  command->add_option("--series", options->seriesUid, "Series Instance UID to load instead of the automatic choice");
  command->callback([&runner, options] { runner.set([options] { return runInfo(*options); }); });
}

} // namespace iliometry::cli
