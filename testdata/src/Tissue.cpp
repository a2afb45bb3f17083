#include "Tissue.h"

#include <array>

namespace iliometry::testdata::detail {

namespace {
// Values chosen from the literature ranges in docs/anatomy-notes.md; the plain/contrast pairs
// differ only for enhancing tissue (kidney, vessels, liver, spleen).
struct TissueValues {
  float ctPlain, ctContrast, mrT1, mrT2, mrPd, fatFraction;
};
constexpr std::array<TissueValues, static_cast<std::size_t>(Tissue::Count)> kValues{{
    // CT plain, CT contrast, MR T1, MR T2 (fast spin echo: fat and fluid bright), MR proton density, fat fraction
    {-1000.f, -1000.f, 0.f, 0.f, 0.f, 0.f},         // Air
    {-100.f, -100.f, 820.f, 700.f, 900.f, 0.95f},   // SubcutaneousFat
    {-90.f, -90.f, 800.f, 680.f, 880.f, 0.93f},     // VisceralFat
    {-80.f, -80.f, 780.f, 660.f, 860.f, 0.92f},     // IntermuscularFat
    {50.f, 55.f, 300.f, 150.f, 400.f, 0.03f},       // Muscle
    {50.f, 55.f, 300.f, 150.f, 400.f, 0.03f},       // TargetMuscle
    {-70.f, -70.f, 760.f, 640.f, 840.f, 0.90f},     // FatStreak
    {500.f, 500.f, 60.f, 30.f, 60.f, 0.10f},        // VertebralCortex (cortical bone is dark on MR)
    {400.f, 400.f, 200.f, 120.f, 250.f, 0.30f},     // PosteriorArch
    {450.f, 450.f, 180.f, 110.f, 230.f, 0.30f},     // TransverseProcess
    {600.f, 600.f, 60.f, 30.f, 60.f, 0.10f},        // PelvicCortex
    {180.f, 180.f, 500.f, 450.f, 650.f, 0.50f},     // Cancellous (red marrow: water and fat)
    {300.f, 300.f, 560.f, 500.f, 700.f, 0.60f},     // FemoralHead
    {-20.f, -20.f, 700.f, 650.f, 850.f, 0.90f},     // FattyMarrow
    {90.f, 90.f, 250.f, 600.f, 450.f, 0.02f},       // Disc (hydrated: bright on T2)
    {15.f, 15.f, 100.f, 1000.f, 500.f, 0.f},        // Csf
    {30.f, 150.f, 350.f, 500.f, 480.f, 0.02f},      // KidneyCortex
    {30.f, 110.f, 280.f, 550.f, 500.f, 0.02f},      // KidneyMedulla
    {40.f, 200.f, 120.f, 50.f, 150.f, 0.f},         // Vessel (flow void-ish on MR)
    {40.f, 80.f, 320.f, 300.f, 420.f, 0.05f},       // BowelWall
    {25.f, 25.f, 150.f, 800.f, 300.f, 0.05f},       // BowelContent
    {-800.f, -800.f, 10.f, 10.f, 10.f, 0.f},        // Gas
    {60.f, 110.f, 380.f, 200.f, 460.f, 0.04f},      // Liver
    {50.f, 120.f, 330.f, 450.f, 480.f, 0.02f},      // Spleen
    {10.f, 10.f, 90.f, 1000.f, 450.f, 0.f},         // Urine
}};

const TissueValues& valuesOf(Tissue tissue) { return kValues[static_cast<std::size_t>(tissue)]; }

float mrSignal(const TissueValues& v, const IntensityModel& model) {
  switch (model.mrImage) {
  case MrImage::T1: return v.mrT1;
  case MrImage::T2: return v.mrT2;
  case MrImage::DixonWater: return v.mrPd * (1.f - v.fatFraction);
  case MrImage::DixonFat: return v.mrPd * v.fatFraction;
  }
  return v.mrT1;
}

// Fat infiltration replaces part of the muscle's own tissue by fat below the resolution (the
// visible streaks are added separately as FatStreak voxels).
float infiltrationWeight(const IntensityModel& model) { return static_cast<float>(0.35 * model.fatInfiltration); }

TissueValues infiltratedMuscle(const IntensityModel& model) {
  const TissueValues& m = valuesOf(Tissue::TargetMuscle);
  const TissueValues& f = valuesOf(Tissue::VisceralFat);
  const float w = infiltrationWeight(model);
  auto mix = [w](float a, float b) { return (1.f - w) * a + w * b; };
  // Water and fat signals mix by volume; the fat fraction follows from them.
  const float pd = mix(m.mrPd, f.mrPd);
  const float fatSignal = mix(m.mrPd * m.fatFraction, f.mrPd * f.fatFraction);
  return {mix(m.ctPlain, f.ctPlain), mix(m.ctContrast, f.ctContrast), mix(m.mrT1, f.mrT1), mix(m.mrT2, f.mrT2), pd,
          pd > 0.f ? fatSignal / pd : 0.f};
}
} // namespace

float tissueIntensity(Tissue tissue, const IntensityModel& model) {
  const TissueValues v = tissue == Tissue::TargetMuscle ? infiltratedMuscle(model) : valuesOf(tissue);
  if (model.modality == Modality::MR) return mrSignal(v, model);
  return model.contrast ? v.ctContrast : v.ctPlain;
}

float tissueFatFraction(Tissue tissue, const IntensityModel& model) {
  return tissue == Tissue::TargetMuscle ? infiltratedMuscle(model).fatFraction : valuesOf(tissue).fatFraction;
}

} // namespace iliometry::testdata::detail
