#include "iliometry/testdata/PhantomWriter.h"

#include "iliometry/core/AtomicFile.h"

#include <nlohmann/json.hpp>

#include <system_error>

namespace iliometry::testdata {

namespace {
const char* levelKindName(LevelKind kind) { return kind == LevelKind::Disc ? "disc" : "vertebral_body"; }

nlohmann::json parametersJson(const PhantomParameters& p) {
  return {{"modality", modalityName(p.modality)},
          {"mr_sequence", p.modality == Modality::MR ? nlohmann::json(mrSequenceName(p.mrSequence)) : nlohmann::json()},
          {"columns", p.columns},
          {"rows", p.rows},
          {"pixel_spacing_mm", p.pixelSpacingMm},
          {"slice_spacing_mm", p.sliceSpacingMm},
          {"psoas_ratio", p.psoasRatio},
          {"iliacus_ratio", p.iliacusRatio},
          {"fat_infiltration", p.fatInfiltration},
          {"offset_mm", {p.offsetXMm, p.offsetYMm}},
          {"rotation_deg", p.rotationDeg},
          {"noise_sigma", p.noiseSigma},
          {"seed", p.seed},
          {"contrast", p.contrast},
          {"coverage_bottom_mm", p.coverageBottomMm},
          {"coverage_top_mm", p.coverageTopMm},
          {"subcutaneous_fat_mm", p.subcutaneousFatMm}};
}
} // namespace

std::string truthJson(const Phantom& phantom) {
  nlohmann::json j;
  j["generator"] = "iliometry phantom";
  j["coordinate_system"] = "LPS; slice index k increases from caudal to cranial";
  j["parameters"] = parametersJson(phantom.parameters);
  j["seed"] = phantom.parameters.seed;
  const auto size = phantom.volume.image->GetLargestPossibleRegion().GetSize();
  const auto spacing = phantom.volume.image->GetSpacing();
  const auto origin = phantom.volume.image->GetOrigin();
  j["grid"] = {{"size", {size[0], size[1], size[2]}},
               {"spacing_mm", {spacing[0], spacing[1], spacing[2]}},
               {"origin_mm", {origin[0], origin[1], origin[2]}}};
  nlohmann::json levels = nlohmann::json::array();
  for (const auto& level : phantom.levels.levels)
    levels.push_back({{"name", level.name},
                      {"kind", levelKindName(level.kind)},
                      {"slice_index", level.sliceIndex},
                      {"z_mm", level.zMm},
                      {"confidence", level.confidence}});
  j["levels"] = levels; // cranial to caudal
  nlohmann::json segments = nlohmann::json::array();
  for (const auto& s : phantom.spineSegments)
    segments.push_back({{"name", s.name},
                        {"kind", levelKindName(s.kind)},
                        {"top_z_mm", s.topZMm},
                        {"bottom_z_mm", s.bottomZMm},
                        {"first_slice_index", s.firstSliceIndex},
                        {"last_slice_index", s.lastSliceIndex}});
  j["spine_segments"] = segments;
  nlohmann::json structures = nlohmann::json::object();
  for (Structure s : kStructures) {
    const auto& m = phantom.truth.of(s);
    structures[structureKey(s)] = {{"label", labelOf(s)},
                                   {"volume_mm3", m.volumeMm3},
                                   {"max_csa_mm2", m.maxCsaMm2},
                                   {"max_csa_slice_index", m.maxCsaSliceIndex},
                                   {"first_slice_index", m.firstSliceIndex},
                                   {"last_slice_index", m.lastSliceIndex},
                                   {"csa_mm2_per_slice", m.csaMm2PerSlice}};
    if (const auto& ff = phantom.truthFatFractionPercent[indexOf(s)]) structures[structureKey(s)]["fat_fraction_percent"] = *ff;
  }
  j["structures"] = structures;
  return j.dump(1);
}

Result<PhantomStudyFiles> writePhantomStudy(const Phantom& phantom, const std::filesystem::path& outDir,
                                            PhantomFormat format, const dicom::SeriesWriteOptions& dicomOptions) {
  std::error_code ec;
  std::filesystem::create_directories(outDir, ec);
  if (ec) return makeError(ErrorCode::OutputFailed, "cannot create the phantom folder " + outDir.string(), ec.message());

  PhantomStudyFiles files;
  files.truthLabels = outDir / "truth_labels.nii.gz";
  files.truthJson = outDir / "truth.json";
  if (format == PhantomFormat::Dicom) {
    files.image = outDir / "dicom";
    std::filesystem::create_directories(files.image, ec);
    if (ec) return makeError(ErrorCode::OutputFailed, "cannot create " + files.image.string(), ec.message());
    if (!phantom.dixonWater.image) {
      auto written = dicom::writeSeries(phantom.volume, files.image, dicomOptions);
      if (!written) return written.error();
    } else {
      // Three series in one study, each in its own folder, typed as scanners type Dixon images.
      const std::pair<const Volume*, const char*> series[] = {
          {&phantom.volume, "IN_PHASE"}, {&phantom.dixonWater, "WATER"}, {&phantom.dixonFat, "FAT"}};
      for (const auto& [volume, kind] : series) {
        auto options = dicomOptions;
        options.imageType = std::string("DERIVED\\PRIMARY\\DIXON\\") + kind;
        auto written = dicom::writeSeries(*volume, files.image / kind, options);
        if (!written) return written.error();
      }
    }
  } else {
    files.image = outDir / "image.nii.gz";
    if (auto written = dicom::writeImageFile(*phantom.volume.image, files.image); !written) return written.error();
    if (phantom.dixonWater.image) {
      files.dixonWater = outDir / "water.nii.gz";
      files.dixonFat = outDir / "fat.nii.gz";
      if (auto written = dicom::writeImageFile(*phantom.dixonWater.image, files.dixonWater); !written) return written.error();
      if (auto written = dicom::writeImageFile(*phantom.dixonFat.image, files.dixonFat); !written) return written.error();
    }
  }
  if (auto written = dicom::writeLabelFile(*phantom.labels, files.truthLabels); !written) return written.error();
  if (auto written = writeFileAtomically(files.truthJson, truthJson(phantom)); !written) return written.error();
  return files;
}

} // namespace iliometry::testdata
