#include "Tissue.h"

#include <array>

namespace iliometry::testdata::detail {

namespace {
// Values chosen from the literature ranges in docs/anatomy-notes.md; the plain/contrast pairs
// differ only for enhancing tissue (kidney, vessels, liver, spleen).
struct TissueValues {
  float ctPlain, ctContrast, mrT1;
};
constexpr std::array<TissueValues, static_cast<std::size_t>(Tissue::Count)> kValues{{
    {-1000.f, -1000.f, 0.f},  // Air
    {-100.f, -100.f, 820.f},  // SubcutaneousFat
    {-90.f, -90.f, 800.f},    // VisceralFat
    {-80.f, -80.f, 780.f},    // IntermuscularFat
    {50.f, 55.f, 300.f},      // Muscle
    {50.f, 55.f, 300.f},      // TargetMuscle
    {-70.f, -70.f, 760.f},    // FatStreak
    {500.f, 500.f, 60.f},     // VertebralCortex (cortical bone is dark on MR)
    {400.f, 400.f, 200.f},    // PosteriorArch
    {450.f, 450.f, 180.f},    // TransverseProcess
    {600.f, 600.f, 60.f},     // PelvicCortex
    {180.f, 180.f, 500.f},    // Cancellous (red marrow)
    {300.f, 300.f, 560.f},    // FemoralHead
    {-20.f, -20.f, 700.f},    // FattyMarrow
    {90.f, 90.f, 250.f},      // Disc
    {15.f, 15.f, 100.f},      // Csf
    {30.f, 150.f, 350.f},     // KidneyCortex
    {30.f, 110.f, 280.f},     // KidneyMedulla
    {40.f, 200.f, 120.f},     // Vessel (flow void-ish on MR)
    {40.f, 80.f, 320.f},      // BowelWall
    {25.f, 25.f, 150.f},      // BowelContent
    {-800.f, -800.f, 10.f},   // Gas
    {60.f, 110.f, 380.f},     // Liver
    {50.f, 120.f, 330.f},     // Spleen
    {10.f, 10.f, 90.f},       // Urine
}};
} // namespace

float tissueIntensity(Tissue tissue, const IntensityModel& model) {
  const auto& v = kValues[static_cast<std::size_t>(tissue)];
  float value = model.modality == Modality::MR ? v.mrT1 : (model.contrast ? v.ctContrast : v.ctPlain);
  if (tissue == Tissue::TargetMuscle) {
    // Fat infiltration lowers the muscle's own density (intramuscular fat below the
    // resolution); the visible streaks are added separately as FatStreak voxels.
    const float fat = kValues[static_cast<std::size_t>(Tissue::VisceralFat)].ctPlain;
    const float fatMr = kValues[static_cast<std::size_t>(Tissue::VisceralFat)].mrT1;
    const float w = static_cast<float>(0.35 * model.fatInfiltration);
    value = model.modality == Modality::MR ? (1.f - w) * value + w * fatMr : (1.f - w) * value + w * fat;
  }
  return value;
}

} // namespace iliometry::testdata::detail
