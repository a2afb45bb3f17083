#pragma once
// Synthetic CT/MR studies of the lumbar spine, pelvis, psoas and iliacus with exact ground truth.
// The anatomy model and the ground-truth rules are described in testdata/README.md.
//
// Geometry: ITK LPS, identity direction. Index i runs to the patient's left (+x), j to posterior
// (+y), k from caudal (k = 0, the groin) to cranial (+z). The anatomical z coordinate is fixed:
// the lesser trochanters lie near z = 30 mm, the top of T12 at z = 376 mm.
#include "iliometry/core/Level.h"
#include "iliometry/core/Measurement.h"
#include "iliometry/core/Result.h"
#include "iliometry/core/Volume.h"

#include <array>
#include <cstdint>
#include <optional>
#include <filesystem>
#include <string>
#include <vector>

namespace iliometry::testdata {

// MR contrast of a phantom study. Dixon gives an in-phase image (the study's volume) plus
// water and fat images of the same geometry.
enum class MrSequence { T1, T2, Dixon };

std::string mrSequenceName(MrSequence sequence); // "T1", "T2", "Dixon"

struct PhantomParameters {
  Modality modality = Modality::CT;
  MrSequence mrSequence = MrSequence::T1; // MR only
  unsigned columns = 256, rows = 256;
  double pixelSpacingMm = 1.6;
  double sliceSpacingMm = 3.0;
  double psoasRatio = 1.0;   // left/right AREA ratio of psoas major: left = base*sqrt(r), right = base/sqrt(r)
  double iliacusRatio = 1.0; // left/right AREA ratio of iliacus, same rule
  double fatInfiltration = 0.0; // 0..1: lowers psoas/iliacus density and adds fatty streaks
  double offsetXMm = 0.0, offsetYMm = 0.0; // patient off-centre (LPS x, y)
  double rotationDeg = 0.0;                // anatomy rotated about the body axis (+: from +x towards +y)
  double noiseSigma = 12.0;                // HU on CT, signal units on MR
  std::uint32_t seed = 1;
  bool contrast = false;            // CT: enhancing vessels, kidneys, liver, spleen
  double coverageBottomMm = 0.0;    // z of the lowest slice centre (0: below the lesser trochanters)
  double coverageTopMm = 380.0;     // z up to which slices are made (380: T12 fully in view)
  double subcutaneousFatMm = 20.0;  // thickness of the subcutaneous fat layer (15..30)
  unsigned threads = 2;             // slices are generated in parallel
};

// Checks the ranges (positive sizes and spacings, ratios 0.25..4, fat 0..1, coverage inside
// the modelled anatomy, at most 2048x2048x2000 voxels).
Result<void> validate(const PhantomParameters& parameters);

// The slices covered by one vertebral body or disc: every slice whose centre lies in it.
struct SpineSegmentTruth {
  std::string name;                 // "L3", "L4/L5"
  LevelKind kind = LevelKind::VertebralBody;
  double topZMm = 0.0, bottomZMm = 0.0;
  int firstSliceIndex = -1, lastSliceIndex = -1; // -1/-1 when no slice centre lies inside
};

struct Phantom {
  PhantomParameters parameters;
  Volume volume;                // image plus StudyInfo
  LabelImage::Pointer labels;   // ground truth, same grid
  LevelSet levels;              // mid-vertebra and disc slices in view, ordered cranial to caudal
  std::vector<SpineSegmentTruth> spineSegments; // T12 .. L5/S1 in view, cranial to caudal
  MeasurementSet truth;         // measureStructures() of the labels on the image
  // Dixon studies: water and fat images on the grid of `volume` (its image is the in-phase
  // image), each with its own series identity, and the exact fat fraction of each structure
  // (ratio of the noise-free fat and water+fat signal sums over its voxels, %).
  Volume dixonWater, dixonFat;
  std::array<std::optional<double>, 4> truthFatFractionPercent{};
};

// Generates the study; parameters must pass validate() (asserted).
Phantom generatePhantom(const PhantomParameters& parameters);

// The analytic cross-section of one measured muscle's own shape at height zMm, before other
// structures clip it (by design psoas and iliacus touch bone but do not cross it).
double designedCsaMm2(const PhantomParameters& parameters, Structure structure, double zMm);

// The mid-height (z, mm) of a vertebral body ("T12".."L5") or disc ("T12/L1".."L5/S1").
double spineSegmentMidZMm(const std::string& name);

} // namespace iliometry::testdata
