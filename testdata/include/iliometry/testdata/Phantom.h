#pragma once
// Synthetic CT/MR studies of the lumbar spine, pelvis, psoas and iliacus with exact ground truth.
#include "iliometry/core/Level.h"
#include "iliometry/core/Result.h"
#include "iliometry/core/Volume.h"

#include <cstdint>
#include <filesystem>

namespace iliometry::testdata {

struct PhantomParameters {
  Modality modality = Modality::CT;
  unsigned columns = 256, rows = 256;
  double pixelSpacingMm = 1.6;
  double sliceSpacingMm = 3.0;
  double psoasRatio = 1.0;   // left/right size ratio (area ratio) of psoas major
  double iliacusRatio = 1.0; // left/right size ratio of iliacus
  double fatInfiltration = 0.0; // 0..1
  double offsetXMm = 0.0, offsetYMm = 0.0; // patient off-centre (LPS x, y)
  double rotationDeg = 0.0;                // rotation about the body axis
  double noiseSigma = 12.0;                // HU on CT
  std::uint32_t seed = 1;
};

struct Phantom {
  Volume volume;                // image plus StudyInfo
  LabelImage::Pointer labels;   // ground truth, same grid
  LevelSet levels;              // ground-truth levels (mid-vertebra and disc slices)
};

Phantom generatePhantom(const PhantomParameters& parameters);

} // namespace iliometry::testdata
