#include "iliometry/testdata/Phantom.h"

#include "AnatomyModel.h"
#include "MuscleDesign.h"
#include "SliceRasterizer.h"
#include "SpineLayout.h"

#include "iliometry/core/FatFraction.h"
#include "iliometry/core/ImageGrid.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <functional>
#include <random>
#include <sstream>
#include <thread>

namespace iliometry::testdata {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kAnatomyTopMm = 408.0, kAnatomyBottomMm = -80.0;

int sliceCountOf(const PhantomParameters& p) {
  return static_cast<int>(std::floor((p.coverageTopMm - p.coverageBottomMm) / p.sliceSpacingMm + 1e-6)) + 1;
}

Error invalid(const std::string& what) { return makeError(ErrorCode::InvalidArgument, "phantom parameters: " + what); }

std::string formatNumber(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

// Deterministic UIDs below the 2.25 (UUID-derived) root: the same parameters give the same
// study, which keeps regenerated test data comparable.
std::string uidFrom(const std::string& description, std::uint32_t seed, int salt) {
  const std::uint64_t h = std::hash<std::string>{}(description + "#" + std::to_string(seed) + "#" + std::to_string(salt));
  return "2.25." + std::to_string(h) + std::to_string(seed) + std::to_string(salt);
}

StudyInfo studyInfoFor(const PhantomParameters& p) {
  StudyInfo info;
  info.modality = p.modality;
  info.patientName = p.modality == Modality::MR ? "PHANTOM^MR" : "PHANTOM^CT";
  char id[32];
  std::snprintf(id, sizeof id, "PH%06u", static_cast<unsigned>(p.seed % 1000000u));
  info.patientId = id;
  info.patientSex = "M";
  info.patientAge = "045Y";
  info.patientHeightM = 1.75;
  info.patientWeightKg = 75.0;
  info.studyDate = info.seriesDate = "20240101";
  info.studyDescription = "Iliometry synthetic phantom";
  std::ostringstream series;
  series << "Phantom " << modalityName(p.modality)
         << (p.modality == Modality::MR ? " " + mrSequenceName(p.mrSequence) + (p.mrSequence == MrSequence::Dixon ? " in-phase" : "") : "")
         << (p.contrast ? " contrast" : "") << " psoas "
         << formatNumber(p.psoasRatio, 2) << " iliacus " << formatNumber(p.iliacusRatio, 2) << " fat "
         << formatNumber(p.fatInfiltration, 2) << " noise " << formatNumber(p.noiseSigma, 1) << " seed " << p.seed;
  info.seriesDescription = series.str();
  const std::string key = info.seriesDescription + formatNumber(p.offsetXMm, 2) + formatNumber(p.offsetYMm, 2) +
                          formatNumber(p.rotationDeg, 2) + std::to_string(p.columns) + "x" + std::to_string(p.rows) +
                          formatNumber(p.pixelSpacingMm, 3) + formatNumber(p.sliceSpacingMm, 3) +
                          formatNumber(p.coverageBottomMm, 1) + formatNumber(p.coverageTopMm, 1);
  info.studyInstanceUid = uidFrom(key, p.seed, 1);
  info.seriesInstanceUid = uidFrom(key, p.seed, 2);
  info.frameOfReferenceUid = uidFrom(key, p.seed, 3);
  info.accessionNumber = "PH" + std::to_string(p.seed);
  info.manufacturer = "Iliometry phantom";
  info.bodyPart = "ABDOMEN";
  info.sourceFormat = "phantom";
  return info;
}

// A smooth multiplicative bias (second-order polynomial, within +-20 %), as from a receive coil.
double mrBias(double x, double y, double z) {
  const double X = x / 200.0, Y = y / 200.0, Z = (z - 190.0) / 190.0;
  const double b = 1.0 + 0.10 * X - 0.08 * Y - 0.06 * X * X + 0.05 * X * Y + 0.05 * Z - 0.03 * Z * Z;
  return std::clamp(b, 0.8, 1.2);
}
detail::TissueValues tissueTable(const detail::IntensityModel& model) {
  detail::TissueValues values{};
  for (std::size_t t = 0; t < values.size(); ++t)
    values[t] = detail::tissueIntensity(static_cast<detail::Tissue>(t), model);
  return values;
}

// A Dixon companion series: same study and frame of reference, its own series.
Volume dixonCompanion(const Volume& inPhase, IntensityImage::Pointer image, const std::string& kind, int salt,
                      std::uint32_t seed) {
  Volume v;
  v.image = image;
  v.info = inPhase.info;
  v.info.seriesDescription = inPhase.info.seriesDescription;
  const auto at = v.info.seriesDescription.find("in-phase");
  if (at != std::string::npos) v.info.seriesDescription.replace(at, 8, kind);
  v.info.seriesInstanceUid = uidFrom(v.info.seriesDescription, seed, salt);
  return v;
}
} // namespace

std::string mrSequenceName(MrSequence sequence) {
  switch (sequence) {
  case MrSequence::T1: return "T1";
  case MrSequence::T2: return "T2";
  case MrSequence::Dixon: return "Dixon";
  }
  return "T1";
}

Result<void> validate(const PhantomParameters& p) {
  if (p.columns < 16 || p.rows < 16 || p.columns > 2048 || p.rows > 2048)
    return invalid("matrix " + std::to_string(p.columns) + "x" + std::to_string(p.rows) + " (expected 16..2048)");
  if (!(p.pixelSpacingMm >= 0.1 && p.pixelSpacingMm <= 10))
    return invalid("pixel spacing " + formatNumber(p.pixelSpacingMm, 3) + " mm (expected 0.1..10)");
  if (!(p.sliceSpacingMm >= 0.2 && p.sliceSpacingMm <= 20))
    return invalid("slice spacing " + formatNumber(p.sliceSpacingMm, 3) + " mm (expected 0.2..20)");
  for (auto [name, ratio] : {std::pair{"psoas ratio", p.psoasRatio}, std::pair{"iliacus ratio", p.iliacusRatio}})
    if (!(ratio >= 0.25 && ratio <= 4.0)) return invalid(std::string(name) + " " + formatNumber(ratio, 3) + " (expected 0.25..4)");
  if (!(p.fatInfiltration >= 0 && p.fatInfiltration <= 1))
    return invalid("fat infiltration " + formatNumber(p.fatInfiltration, 3) + " (expected 0..1)");
  if (!(p.noiseSigma >= 0 && p.noiseSigma <= 500)) return invalid("noise " + formatNumber(p.noiseSigma, 2) + " (expected 0..500)");
  if (!(std::abs(p.offsetXMm) <= 100 && std::abs(p.offsetYMm) <= 100))
    return invalid("offset beyond 100 mm");
  if (!(std::abs(p.rotationDeg) <= 45)) return invalid("rotation " + formatNumber(p.rotationDeg, 1) + " deg (expected -45..45)");
  if (!(p.subcutaneousFatMm >= 5 && p.subcutaneousFatMm <= 40))
    return invalid("subcutaneous fat " + formatNumber(p.subcutaneousFatMm, 1) + " mm (expected 5..40)");
  if (!(p.coverageBottomMm >= kAnatomyBottomMm && p.coverageTopMm <= kAnatomyTopMm && p.coverageTopMm > p.coverageBottomMm))
    return invalid("coverage " + formatNumber(p.coverageBottomMm, 1) + ".." + formatNumber(p.coverageTopMm, 1) +
                   " mm (expected within " + formatNumber(kAnatomyBottomMm, 0) + ".." + formatNumber(kAnatomyTopMm, 0) + ")");
  if (p.modality != Modality::CT && p.modality != Modality::MR) return invalid("modality must be CT or MR");
  if (sliceCountOf(p) > 2000) return invalid(std::to_string(sliceCountOf(p)) + " slices (expected at most 2000)");
  if (p.threads < 1 || p.threads > 64) return invalid("threads must be 1..64");
  return {};
}

double designedCsaMm2(const PhantomParameters& p, Structure s, double zMm) {
  const int side = s.side == Side::Left ? 1 : -1;
  if (s.muscle == Muscle::PsoasMajor) {
    const auto e = detail::psoasAt(zMm, detail::areaFactorFor(p.psoasRatio, side));
    return e ? e->areaMm2() : 0.0;
  }
  const auto c = detail::iliacusAt(zMm, detail::areaFactorFor(p.iliacusRatio, side));
  return c ? c->areaMm2() : 0.0;
}

double spineSegmentMidZMm(const std::string& name) {
  for (const auto& s : detail::spineSegments())
    if (s.name == name) return s.midZMm();
  return std::nan("");
}

Phantom generatePhantom(const PhantomParameters& p) {
  assert(validate(p).ok());
  const int sliceCount = sliceCountOf(p);
  const double ps = p.pixelSpacingMm;

  IntensityImage::RegionType region;
  region.SetSize({p.columns, p.rows, static_cast<unsigned>(sliceCount)});
  IntensityImage::SpacingType spacing;
  spacing[0] = ps;
  spacing[1] = ps;
  spacing[2] = p.sliceSpacingMm;
  IntensityImage::PointType origin;
  origin[0] = -0.5 * (p.columns - 1) * ps;
  origin[1] = -0.5 * (p.rows - 1) * ps;
  origin[2] = p.coverageBottomMm;
  IntensityImage::DirectionType direction;
  direction.SetIdentity();

  auto image = IntensityImage::New();
  image->SetRegions(region);
  image->SetSpacing(spacing);
  image->SetOrigin(origin);
  image->SetDirection(direction);
  image->Allocate();
  auto labels = LabelImage::New();
  labels->SetRegions(region);
  labels->SetSpacing(spacing);
  labels->SetOrigin(origin);
  labels->SetDirection(direction);
  labels->Allocate();

  const detail::AnatomyModel model(p);
  const bool dixon = p.modality == Modality::MR && p.mrSequence == MrSequence::Dixon;
  auto modelFor = [&](detail::MrImage image) {
    return detail::IntensityModel{p.modality, image, p.contrast, p.fatInfiltration};
  };
  const detail::TissueValues values =
      tissueTable(modelFor(p.mrSequence == MrSequence::T2 ? detail::MrImage::T2 : detail::MrImage::T1));
  const detail::TissueValues waterValues = tissueTable(modelFor(detail::MrImage::DixonWater));
  const detail::TissueValues fatValues = tissueTable(modelFor(detail::MrImage::DixonFat));
  // Noise-free Dixon images (the truth of the fat fraction), noisy copies made below.
  IntensityImage::Pointer water0, fat0, water, fat;
  if (dixon) water0 = allocateLike(*image), fat0 = allocateLike(*image), water = allocateLike(*image), fat = allocateLike(*image);
  detail::RasterGeometry geometry{p.columns, p.rows, ps, origin[0], origin[1], p.offsetXMm, p.offsetYMm,
                                  p.rotationDeg * kPi / 180.0};

  float* pixels = image->GetBufferPointer();
  std::uint8_t* labelPixels = labels->GetBufferPointer();
  const std::size_t sliceSize = static_cast<std::size_t>(p.columns) * p.rows;
  std::atomic<int> next{0};
  auto worker = [&] {
    std::vector<float> scratch;
    for (int k = next++; k < sliceCount; k = next++) {
      const double z = p.coverageBottomMm + k * p.sliceSpacingMm;
      const auto scene = model.sliceAt(z);
      float* slice = pixels + static_cast<std::size_t>(k) * sliceSize;
      detail::rasterizeSlice(scene, geometry, values, slice, labelPixels + static_cast<std::size_t>(k) * sliceSize, scratch);
      float* water0Slice = nullptr;
      float* fat0Slice = nullptr;
      if (dixon) {
        std::vector<std::uint8_t> unusedLabels(sliceSize);
        water0Slice = water0->GetBufferPointer() + static_cast<std::size_t>(k) * sliceSize;
        fat0Slice = fat0->GetBufferPointer() + static_cast<std::size_t>(k) * sliceSize;
        detail::rasterizeSlice(scene, geometry, waterValues, water0Slice, unusedLabels.data(), scratch);
        detail::rasterizeSlice(scene, geometry, fatValues, fat0Slice, unusedLabels.data(), scratch);
        // In-phase: water and fat signal add up.
        for (std::size_t n = 0; n < sliceSize; ++n) slice[n] = water0Slice[n] + fat0Slice[n];
      }
      // Noise per slice from its own generator: the result does not depend on thread scheduling.
      std::seed_seq seq{p.seed, static_cast<std::uint32_t>(k), 0x5eedu};
      std::mt19937 rng(seq);
      std::normal_distribution<float> noise(0.0f, static_cast<float>(p.noiseSigma));
      for (unsigned j = 0; j < p.rows; ++j)
        for (unsigned i = 0; i < p.columns; ++i) {
          const std::size_t n = j * p.columns + i;
          float& v = slice[n];
          if (p.modality == Modality::MR) {
            // Magnitude images: the coil's bias multiplies the signal, noise is clamped at zero.
            const double bias = mrBias(origin[0] + i * ps, origin[1] + j * ps, z);
            auto acquire = [&](float signal) {
              const float biased = static_cast<float>(signal * bias);
              return p.noiseSigma > 0 ? std::max(0.0f, biased + noise(rng)) : biased;
            };
            v = acquire(v);
            if (dixon) {
              water->GetBufferPointer()[static_cast<std::size_t>(k) * sliceSize + n] = acquire(water0Slice[n]);
              fat->GetBufferPointer()[static_cast<std::size_t>(k) * sliceSize + n] = acquire(fat0Slice[n]);
            }
          } else if (p.noiseSigma > 0) {
            v += noise(rng);
          }
        }
    }
  };
  const unsigned threadCount = std::min<unsigned>(p.threads, static_cast<unsigned>(sliceCount));
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < threadCount; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();

  Phantom phantom;
  phantom.parameters = p;
  phantom.volume.image = image;
  phantom.volume.info = studyInfoFor(p);
  phantom.labels = labels;

  const double topZ = p.coverageBottomMm + (sliceCount - 1) * p.sliceSpacingMm;
  phantom.levels.method = "phantom ground truth";
  phantom.levels.confidence = 1.0;
  for (const auto& s : detail::spineSegments()) {
    if (!s.reported) continue;
    SpineSegmentTruth truth{s.name, s.kind, s.topZMm, s.bottomZMm, -1, -1};
    for (int k = 0; k < sliceCount; ++k) {
      const double z = p.coverageBottomMm + k * p.sliceSpacingMm;
      if (z <= s.topZMm && z > s.bottomZMm) {
        if (truth.firstSliceIndex < 0 || k < truth.firstSliceIndex) truth.firstSliceIndex = k;
        truth.lastSliceIndex = std::max(truth.lastSliceIndex, k);
      }
    }
    if (truth.firstSliceIndex >= 0) phantom.spineSegments.push_back(truth);
    const double mid = s.midZMm();
    if (mid < p.coverageBottomMm - 0.5 * p.sliceSpacingMm || mid > topZ + 0.5 * p.sliceSpacingMm) continue;
    VertebralLevel level;
    level.name = s.name;
    level.kind = s.kind;
    level.sliceIndex = std::clamp(static_cast<int>(std::lround((mid - p.coverageBottomMm) / p.sliceSpacingMm)), 0, sliceCount - 1);
    level.zMm = p.coverageBottomMm + level.sliceIndex * p.sliceSpacingMm;
    level.confidence = 1.0;
    phantom.levels.levels.push_back(level);
  }
  phantom.truth = measureStructures(*image, *labels);
  if (dixon) {
    phantom.dixonWater = dixonCompanion(phantom.volume, water, "water", 4, p.seed);
    phantom.dixonFat = dixonCompanion(phantom.volume, fat, "fat", 5, p.seed);
    const FatFractionSet truthFatFraction = measureFatFraction(*water0, *fat0, *labels);
    for (Structure s : kStructures) phantom.truthFatFractionPercent[indexOf(s)] = truthFatFraction.of(s).volumePercent;
  }
  return phantom;
}

} // namespace iliometry::testdata
