#pragma once
// Tissue classes of the phantom and their intensities on CT (HU) and on a T1-like MR scale.
#include "iliometry/core/StudyInfo.h"

#include <cstdint>

namespace iliometry::testdata::detail {

enum class Tissue : std::uint8_t {
  Air,
  SubcutaneousFat,
  VisceralFat,
  IntermuscularFat,
  Muscle,          // every skeletal muscle that is not measured (same density as psoas)
  TargetMuscle,    // psoas and iliacus: lowered by fat infiltration
  FatStreak,       // fatty streaks inside infiltrated psoas/iliacus
  VertebralCortex, // vertebral shell, endplates, ribs, sacral cortex
  PosteriorArch,   // pedicles, laminae, spinous processes
  TransverseProcess,
  PelvicCortex,    // iliac, sacral, pubic and femoral cortex
  Cancellous,      // vertebral and pelvic cancellous bone
  FemoralHead,     // cancellous bone of the femoral head and trochanters
  FattyMarrow,     // femoral shaft medulla
  Disc,
  Csf,
  KidneyCortex,
  KidneyMedulla,
  Vessel,
  BowelWall,
  BowelContent,
  Gas,
  Liver,
  Spleen,
  Urine,
  Count
};

struct IntensityModel {
  Modality modality = Modality::CT;
  bool contrast = false;
  double fatInfiltration = 0.0; // 0..1
};

// The noise-free intensity of one tissue.
float tissueIntensity(Tissue tissue, const IntensityModel& model);

} // namespace iliometry::testdata::detail
