// `iliometry phantom`: writes a synthetic CT/MR study with its ground truth (testdata library).
#include "Commands.h"

#include "iliometry/testdata/Phantom.h"
#include "iliometry/testdata/PhantomWriter.h"

#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace iliometry::cli {

namespace {
struct PhantomOptions {
  std::string out;
  std::string modality = "CT";
  std::string sequence = "T1";
  std::vector<double> offsetMm;
  std::string format = "dicom";
  std::string transferSyntax = "explicit";
  unsigned matrix = 0;
  double pixelMm = 0, sliceMm = 0;
  testdata::PhantomParameters parameters;
};

const std::map<std::string, dicom::TransferSyntax>& transferSyntaxes() {
  static const std::map<std::string, dicom::TransferSyntax> names{
      {"explicit", dicom::TransferSyntax::ExplicitLittleEndian},
      {"implicit", dicom::TransferSyntax::ImplicitLittleEndian},
      {"deflated", dicom::TransferSyntax::DeflatedExplicitLittleEndian},
      {"jpeg-baseline", dicom::TransferSyntax::JpegBaseline},
      {"jpeg-lossless", dicom::TransferSyntax::JpegLossless},
      {"jpeg-ls", dicom::TransferSyntax::JpegLsLossless},
      {"rle", dicom::TransferSyntax::Rle},
      {"jpeg2000", dicom::TransferSyntax::Jpeg2000Lossless},
      {"jpeg2000-lossy", dicom::TransferSyntax::Jpeg2000Lossy}};
  return names;
}

Result<void> runPhantom(const PhantomOptions& o) {
  testdata::PhantomParameters p = o.parameters;
  p.modality = o.modality == "MR" ? Modality::MR : Modality::CT;
  p.mrSequence = o.sequence == "T2" ? testdata::MrSequence::T2 : o.sequence == "Dixon" ? testdata::MrSequence::Dixon : testdata::MrSequence::T1;
  if (o.matrix > 0) p.columns = p.rows = o.matrix;
  if (o.pixelMm > 0) p.pixelSpacingMm = o.pixelMm;
  if (o.sliceMm > 0) p.sliceSpacingMm = o.sliceMm;
  if (o.offsetMm.size() == 2) {
    p.offsetXMm = o.offsetMm[0];
    p.offsetYMm = o.offsetMm[1];
  }
  if (auto valid = testdata::validate(p); !valid) return valid.error();
  dicom::SeriesWriteOptions writeOptions;
  writeOptions.transferSyntax = transferSyntaxes().at(o.transferSyntax);
  const auto phantom = testdata::generatePhantom(p);
  const auto format = o.format == "nifti" ? testdata::PhantomFormat::Nifti : testdata::PhantomFormat::Dicom;
  auto files = testdata::writePhantomStudy(phantom, o.out, format, writeOptions);
  if (!files) return files.error();
  const auto size = phantom.volume.image->GetLargestPossibleRegion().GetSize();
  std::cout << "phantom " << modalityName(p.modality) << " " << size[0] << "x" << size[1] << "x" << size[2] << " written to "
            << files.value().image.string() << "\n  truth: " << files.value().truthLabels.string() << ", "
            << files.value().truthJson.string() << '\n';
  return {};
}
} // namespace

void addPhantomCommand(CLI::App& app, CommandRunner& runner) {
  auto options = std::make_shared<PhantomOptions>();
  auto* command = app.add_subcommand("phantom", "Write a synthetic CT/MR study of the lumbar spine and pelvis with ground truth");
  auto& p = options->parameters;
  command->add_option("--out", options->out, "Output folder")->required();
  command->add_option("--modality", options->modality, "CT or MR")->check(CLI::IsMember({"CT", "MR"}));
  command->add_option("--sequence", options->sequence, "MR contrast: T1, T2 or Dixon (in-phase, water and fat series)")
      ->check(CLI::IsMember({"T1", "T2", "Dixon"}));
  command->add_option("--psoas-ratio", p.psoasRatio, "Left/right psoas area ratio");
  command->add_option("--iliacus-ratio", p.iliacusRatio, "Left/right iliacus area ratio");
  command->add_option("--fat", p.fatInfiltration, "Fat infiltration 0..1");
  command->add_option("--offset-mm", options->offsetMm, "Patient offset X Y (mm)")->expected(2);
  command->add_option("--rotation-deg", p.rotationDeg, "Rotation about the body axis (degrees)");
  command->add_option("--noise", p.noiseSigma, "Gaussian noise sigma (HU on CT, signal units on MR: muscle is 300 on T1)");
  command->add_option("--seed", p.seed, "Random seed");
  command->add_option("--matrix", options->matrix, "Columns and rows");
  command->add_option("--pixel-mm", options->pixelMm, "Pixel spacing (mm)");
  command->add_option("--slice-mm", options->sliceMm, "Slice spacing (mm)");
  command->add_option("--coverage-mm", [options](const CLI::results_t& r) {
        options->parameters.coverageBottomMm = std::stod(r.at(0));
        options->parameters.coverageTopMm = std::stod(r.at(1));
        return true;
      }, "Lowest and highest slice z (mm; default 0 380)")->expected(2);
  command->add_option("--format", options->format, "dicom or nifti")->check(CLI::IsMember({"dicom", "nifti"}));
  std::vector<std::string> syntaxNames;
  for (const auto& [name, syntax] : transferSyntaxes()) syntaxNames.push_back(name);
  command->add_option("--transfer-syntax", options->transferSyntax, "DICOM transfer syntax")->check(CLI::IsMember(syntaxNames));
  command->add_flag("--contrast", p.contrast, "Contrast-enhanced CT");
  command->callback([&runner, options] { runner.set([options] { return runPhantom(*options); }); });
}

} // namespace iliometry::cli
