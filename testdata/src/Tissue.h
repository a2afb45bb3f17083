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

// What an MR phantom image shows. Dixon images are water and fat signal: water = pd (1 - ff),
// fat = pd ff, with a proton-density-like signal pd and a fat fraction ff per tissue; in-phase
// is their sum.
enum class MrImage { T1, T2, DixonWater, DixonFat };

struct IntensityModel {
  Modality modality = Modality::CT;
  MrImage mrImage = MrImage::T1;
  bool contrast = false;
  double fatInfiltration = 0.0; // 0..1
};

// The noise-free intensity of one tissue.
float tissueIntensity(Tissue tissue, const IntensityModel& model);

// The fat fraction (0..1) of one tissue, the truth behind the Dixon images.
float tissueFatFraction(Tissue tissue, const IntensityModel& model);

} // namespace iliometry::testdata::detail
