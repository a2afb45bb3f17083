#include "ReportFixture.h"

namespace iliometry::report::fixture {

namespace {

StructureMeasurement structureFrom(Structure s, std::vector<double> csaMm2, double sliceThicknessMm) {
  StructureMeasurement m;
  m.structure = s;
  m.csaMm2PerSlice = std::move(csaMm2);
  for (int k = 0; k < static_cast<int>(m.csaMm2PerSlice.size()); ++k) {
    const double csa = m.csaMm2PerSlice[static_cast<std::size_t>(k)];
    m.voxelCount += static_cast<std::size_t>(csa); // 1 mm2 per voxel
    m.volumeMm3 += csa * sliceThicknessMm;
    if (csa > 0) {
      if (m.firstSliceIndex < 0) m.firstSliceIndex = k;
      m.lastSliceIndex = k;
    }
    if (csa > m.maxCsaMm2) {
      m.maxCsaMm2 = csa;
      m.maxCsaSliceIndex = k;
    }
  }
  if (m.voxelCount > 0) m.meanIntensity = 45.5;
  return m;
}

} // namespace

MeasurementReport makeReport() {
  MeasurementReport report;
  report.software = {"iliometry", "9.8.7"};
  report.createdUtc = "2024-05-01T12:00:00Z";
  report.inputPath = "/data/case,1";
  report.study.patientName = "Doe^Jane";
  report.study.patientId = "PAT,\"7\"";
  report.study.studyInstanceUid = "1.2.3";
  report.study.seriesInstanceUid = "1.2.3.4";
  report.study.modality = Modality::CT;
  report.study.sourceFormat = "DICOM";
  report.study.patientHeightM = 1.7;

  report.geometry.sizeVoxels = {4, 4, 5};
  report.geometry.spacingMm = {1.0, 1.0, 2.5};
  report.geometry.originLpsMm = {-10.0, -20.0, 100.0};

  const double thicknessMm = 2.5;
  auto& set = report.measurements;
  set.sliceCount = 5;
  set.sliceAreaMm2PerVoxel = 1.0;
  set.voxelVolumeMm3 = thicknessMm;
  set.structures[indexOf({Muscle::PsoasMajor, Side::Left})] =
      structureFrom({Muscle::PsoasMajor, Side::Left}, {100, 200, 300, 0, 0}, thicknessMm);
  set.structures[indexOf({Muscle::PsoasMajor, Side::Right})] =
      structureFrom({Muscle::PsoasMajor, Side::Right}, {100, 100, 100, 0, 0}, thicknessMm);
  set.structures[indexOf({Muscle::Iliacus, Side::Left})] =
      structureFrom({Muscle::Iliacus, Side::Left}, {0, 0, 50, 60, 0}, thicknessMm);
  set.structures[indexOf({Muscle::Iliacus, Side::Right})] =
      structureFrom({Muscle::Iliacus, Side::Right}, {0, 0, 0, 0, 0}, thicknessMm);

  report.levels.levels = {{"L3", LevelKind::VertebralBody, 1, 102.5, 0.9}, {"L4/L5", LevelKind::Disc, 3, 107.5, 0.8}};
  report.levels.method = "hand-built";
  report.levels.confidence = 0.85;
  report.levels.warnings = {"sacrum not in view"};

  report.parameters.asymmetry.thresholdPercent = 10.0;
  report.asymmetry = assessAsymmetry(set, report.levels, report.parameters.asymmetry);
  report.psoasMuscleIndex = computePsoasMuscleIndex(set, report.levels, std::nullopt, report.study.patientHeightM);
  report.warnings = {{"loader", "skipped 1 file"}, {"workflow", "something, with \"quotes\""}};
  return report;
}

} // namespace iliometry::report::fixture
