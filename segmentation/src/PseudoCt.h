#pragma once
// An MR scan turned into a CT-like density map so that the CT pipeline's anatomical rules
// (spine, levels, iliac wings, muscle tracking) apply unchanged. Only the order of tissues is
// used, learned per scan, never fixed signal values:
// - fat and muscle references: the subcutaneous rim is fat; the commonest signal of deep,
//   non-fat, non-dark tissue is muscle (paraspinal, psoas, iliacus, gluteal muscles);
// - t = (signal - muscle) / (fat - muscle) puts muscle at 0 and fat at 1 whatever the sequence
//   (T1, T2 and Dixon in-phase have fat bright; a Dixon fat-fraction map has fat at 1);
// - bone: marrow is a water-fat mixture, between muscle and fat, and cortical bone is darker
//   than muscle on every sequence; marrow is taken where an intermediate region is enclosed
//   by, or mostly bordered by, cortex-like signal, which partial-volume edges between fat and
//   muscle, kidneys and fatty muscle are not; thin grey-dark plates (upper iliac wings, alae,
//   laminae) joined to that bone, or long thin sheets enclosing nothing, are bone too.
// The map gives bone CT-like densities (marrow 300, cortex 600) so that the CT rules' bone
// thresholds, applied after their own averaging, see the same continuity as on CT.
#include "iliometry/core/ImageTypes.h"

#include <string>
#include <vector>

namespace iliometry::segmentation {

struct TissueReferences {
  double fat = 0.0;    // signal (or fat fraction) of subcutaneous fat
  double muscle = 0.0; // of skeletal muscle
  double dark = 0.0;   // structural signal below which a voxel is cortical bone, air, flow void or fluid on T1
};

struct PseudoCtInput {
  const IntensityImage* structural = nullptr; // bias-corrected T1, T2 or in-phase image
  const IntensityImage* fatFraction = nullptr; // optional (Dixon), 0..1 on the same grid
  const MaskImage* body = nullptr;
};

struct PseudoCt {
  IntensityImage::Pointer hu; // CT-like: fat -100, muscle 50, marrow 200, cortex 500, outside -1000
  TissueReferences structuralReferences;
  TissueReferences fatFractionReferences; // set when a fat-fraction map was given
  std::vector<std::string> warnings;
};

PseudoCt makePseudoCt(const PseudoCtInput& input);

} // namespace iliometry::segmentation
