#pragma once
// Everything one measurement run reports, gathered in one value so that the JSON and CSV
// writers are pure functions of it (and can be tested on hand-built values).
#include "iliometry/core/Asymmetry.h"
#include "iliometry/core/FatFraction.h"
#include "iliometry/core/Level.h"
#include "iliometry/core/Measurement.h"
#include "iliometry/core/StudyInfo.h"
#include "iliometry/report/PsoasMuscleIndex.h"
#include "iliometry/report/VolumeGeometry.h"

#include <optional>
#include <string>
#include <vector>

namespace iliometry::report {

struct SoftwareInfo {
  std::string name = "iliometry";
  std::string version;
};

struct ReportWarning {
  std::string source; // "loader", "segmentation", "workflow"
  std::string message;
};

// The options the run was made with, so that it can be reproduced from its report.
struct RunParameters {
  std::string requestedSeriesUid;           // empty: the loader chose
  std::optional<double> heightM;            // --height-m
  std::optional<Modality> modalityOverride; // --modality
  AsymmetryOptions asymmetry;               // as requested (before any coverage fallback)
};

struct MeasurementReport {
  SoftwareInfo software;
  std::string createdUtc; // ISO 8601, e.g. "2024-05-01T12:00:00Z"
  std::string inputPath;
  StudyInfo study;
  Modality pipeline = Modality::CT; // the pipeline that produced the labels
  RunParameters parameters;
  VolumeGeometry geometry;
  LevelSet levels;
  MeasurementSet measurements;
  AsymmetryReport asymmetry;
  PsoasMuscleIndex psoasMuscleIndex;
  std::optional<FatFractionSet> fatFraction; // MR Dixon studies: F / (W + F) per slice and structure
  std::vector<ReportWarning> warnings;
};

// The fat fraction (%) of one structure on one slice, when the study has Dixon images and the
// structure is on the slice.
std::optional<double> fatFractionPercent(const MeasurementReport& report, Structure s, int sliceIndex);

// Names of the levels placed on `sliceIndex`, cranial first (usually zero or one).
std::vector<std::string> levelNamesAtSlice(const LevelSet& levels, int sliceIndex);

// "vertebra" or "disc".
std::string levelKindKey(LevelKind kind);

// The current time as "YYYY-MM-DDThh:mm:ssZ".
std::string utcTimestampNow();

} // namespace iliometry::report
