#include "PseudoCt.h"

#include "Median.h"
#include "MrBone.h"

#include <itkBlackTopHatImageFilter.h>
#include <itkDiscreteGaussianImageFilter.h>
#include <itkFlatStructuringElement.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace iliometry::segmentation {

namespace {

// The subcutaneous fat layer is at least a few millimetres thick even in lean athletes; the
// outermost voxel mixes skin and air and is skipped.
constexpr double kRimMinDepthMm = 1.5, kRimMaxDepthMm = 5.0;
// Deeper than the subcutaneous fat of all but obese patients: muscle, organs, bone.
constexpr double kDeepMinDepthMm = 25.0;
// Cortical bone, air, flow voids and (on T1) fluid: below half of muscle's signal.
constexpr double kDarkShareOfMuscle = 0.5;
// Marrow candidates lie between muscle and fat (t = 0 and 1).
constexpr double kMarrowLowT = 0.2, kMarrowHighT = 0.85;
// Cortical bone is only 1-2 mm thick and partial volume lifts it towards its neighbours: the
// shell test looks for signal clearly below muscle (on the far side from fat), not for black.
constexpr double kCortexBelowMuscleT = 0.12;
// Thin bone without visible marrow is only somewhat darker than muscle on T2 (about 0.7 of it).
constexpr double kThinBoneBelowMuscleT = 0.05;
// Or a thin dark line: on T2 and in-phase images marrow is bright and partial volume lifts the
// shell above muscle; it is still much darker than the closing of its neighbourhood.
constexpr double kCortexLineRadiusMm = 2.5;
constexpr double kCortexLineDepthShare = 0.3;
constexpr double kStructureSmoothingMm = 1.0;

constexpr float kHuOutside = -1000.f, kHuDark = -200.f, kHuMarrow = 300.f, kHuCortex = 600.f;
constexpr float kHuMuscle = 50.f, kHuFat = -100.f;
// Above this a density map is read as bone by the CT rules; soft tissue stays below it.
constexpr float kHuSoftTissueMax = 90.f;

// The most frequent value in [lo, hi], on a histogram of `bins` bins smoothed over five.
float histogramMode(const std::vector<float>& values, float lo, float hi, int bins) {
  std::vector<double> counts(static_cast<std::size_t>(bins), 0.0);
  for (float v : values)
    if (v >= lo && v < hi) counts[static_cast<std::size_t>((v - lo) / (hi - lo) * bins)] += 1.0;
  int best = -1;
  double bestCount = 0.0;
  for (int b = 0; b < bins; ++b) {
    double sum = 0.0;
    for (int d = -2; d <= 2; ++d)
      if (b + d >= 0 && b + d < bins) sum += counts[static_cast<std::size_t>(b + d)];
    if (sum > bestCount) bestCount = sum, best = b;
  }
  return best < 0 ? 0.5f * (lo + hi) : lo + (static_cast<float>(best) + 0.5f) * (hi - lo) / static_cast<float>(bins);
}

IntensityImage::Pointer smoothedInPlane(const IntensityImage& image, double sigmaMm) {
  auto smooth = itk::DiscreteGaussianImageFilter<IntensityImage, IntensityImage>::New();
  smooth->SetInput(&image);
  itk::FixedArray<double, 3> variance;
  variance[0] = variance[1] = sigmaMm * sigmaMm;
  variance[2] = 0.0;
  smooth->SetVariance(variance);
  smooth->SetUseImageSpacingOn();
  smooth->Update();
  return smooth->GetOutput();
}

// How much darker each pixel is than the closing of its in-plane neighbourhood: thin dark lines
// (cortical shells, whatever the brightness of the marrow inside) stand out, broad dark tissue
// (muscle beside fat) does not.
IntensityImage::Pointer thinDarkLines(const IntensityImage& image, double radiusMm) {
  using Element = itk::FlatStructuringElement<3>;
  Element::RadiusType radius;
  radius[0] = std::max<itk::SizeValueType>(1, static_cast<itk::SizeValueType>(std::lround(radiusMm / image.GetSpacing()[0])));
  radius[1] = std::max<itk::SizeValueType>(1, static_cast<itk::SizeValueType>(std::lround(radiusMm / image.GetSpacing()[1])));
  radius[2] = 0;
  auto topHat = itk::BlackTopHatImageFilter<IntensityImage, IntensityImage, Element>::New();
  topHat->SetInput(&image);
  topHat->SetKernel(Element::Box(radius));
  topHat->Update();
  return topHat->GetOutput();
}

struct SliceLayout {
  SliceGeometry geometry;
  int sliceCount = 0;
};

SliceLayout layoutOf(const IntensityImage& image) {
  const auto size = image.GetBufferedRegion().GetSize();
  return {{static_cast<int>(size[0]), static_cast<int>(size[1]), image.GetSpacing()[0], image.GetSpacing()[1]},
          static_cast<int>(size[2])};
}

SliceMask bodyOnSlice(const MaskImage& body, const SliceGeometry& g, int k) {
  SliceMask mask(g);
  std::copy_n(body.GetBufferPointer() + static_cast<std::size_t>(k) * g.count(), g.count(), mask.values().begin());
  return mask;
}

// Values of `image` in the subcutaneous rim and in deep tissue, over every slice.
struct DepthSamples {
  std::vector<float> rim, deep;
};

DepthSamples sampleByDepth(const IntensityImage& image, const MaskImage& body, const std::vector<std::vector<float>>& depthMm,
                           const SliceLayout& layout, const IntensityImage* darkTest, float darkBelow) {
  DepthSamples samples;
  const float* values = image.GetBufferPointer();
  for (int k = 0; k < layout.sliceCount; ++k) {
    const std::size_t base = static_cast<std::size_t>(k) * layout.geometry.count();
    for (std::size_t n = 0; n < layout.geometry.count(); ++n) {
      const float depth = depthMm[static_cast<std::size_t>(k)][n];
      if (depth <= 0.f || (darkTest != nullptr && darkTest->GetBufferPointer()[base + n] < darkBelow)) continue;
      if (depth > kRimMinDepthMm && depth <= kRimMaxDepthMm) samples.rim.push_back(values[base + n]);
      else if (depth > kDeepMinDepthMm) samples.deep.push_back(values[base + n]);
    }
  }
  (void)body;
  return samples;
}

TissueReferences structuralReferences(const DepthSamples& samples, std::vector<std::string>& warnings) {
  TissueReferences r;
  r.fat = medianOf(samples.rim);
  // Muscle is darker than fat on T1, T2 and in-phase images; fluid on T2 and marrow lie above
  // or beside it, organs close to it. The commonest deep signal well below fat is muscle.
  r.muscle = histogramMode(samples.deep, static_cast<float>(0.08 * r.fat), static_cast<float>(0.75 * r.fat), 150);
  r.dark = kDarkShareOfMuscle * r.muscle;
  if (!(r.fat > 1.4 * r.muscle))
    warnings.push_back("MR: fat and muscle signals are hardly different (fat " + std::to_string(int(r.fat)) +
                       ", muscle " + std::to_string(int(r.muscle)) +
                       "); expected a T1-weighted, T2-weighted or Dixon in-phase series, outlines may be unreliable");
  return r;
}

TissueReferences fatFractionReferences(const DepthSamples& samples) {
  TissueReferences r;
  r.fat = medianOf(samples.rim);
  r.muscle = histogramMode(samples.deep, 0.0f, 0.5f, 100);
  return r;
}

} // namespace

PseudoCt makePseudoCt(const PseudoCtInput& input) {
  const IntensityImage& structural = *input.structural;
  const MaskImage& body = *input.body;
  const SliceLayout layout = layoutOf(structural);
  const SliceGeometry& g = layout.geometry;
  PseudoCt out;

  std::vector<std::vector<float>> depthMm(static_cast<std::size_t>(layout.sliceCount));
  for (int k = 0; k < layout.sliceCount; ++k) depthMm[static_cast<std::size_t>(k)] = depthInsideMaskMm(bodyOnSlice(body, g, k));

  out.structuralReferences = structuralReferences(sampleByDepth(structural, body, depthMm, layout, nullptr, 0.f), out.warnings);
  const TissueReferences& s = out.structuralReferences;
  // Densities follow the structural image: a fatty muscle keeps most of its water signal and
  // stays muscle-like there, while on a fat-fraction map it would sit halfway to fat like
  // marrow. Marrow candidates use the fat fraction when there is one (bias-free; marrow is
  // about half fat).
  TissueReferences marrowScale = s;
  if (input.fatFraction != nullptr)
    marrowScale = out.fatFractionReferences =
        fatFractionReferences(sampleByDepth(*input.fatFraction, body, depthMm, layout, &structural, static_cast<float>(s.dark)));
  if (std::abs(s.fat - s.muscle) < 1e-6) out.warnings.push_back("MR: no contrast between fat and muscle; the density map is flat");
  auto onScale = [](const TissueReferences& r, float v) {
    return std::abs(r.fat - r.muscle) < 1e-6 ? 0.0 : (v - r.muscle) / (r.fat - r.muscle);
  };
  auto tOf = [&](float v) { return onScale(s, v); };
  auto marrowTOf = [&](float v) { return onScale(marrowScale, v); };

  const auto smoothStructural = smoothedInPlane(structural, kStructureSmoothingMm);
  const auto smoothT = input.fatFraction != nullptr ? smoothedInPlane(*input.fatFraction, kStructureSmoothingMm) : smoothStructural;

  out.hu = IntensityImage::New();
  out.hu->CopyInformation(&structural);
  out.hu->SetRegions(structural.GetBufferedRegion());
  out.hu->Allocate();
  float* hu = out.hu->GetBufferPointer();
  const float* raw = structural.GetBufferPointer();
  const float* smoothS = smoothStructural->GetBufferPointer();
  const float* rawS = structural.GetBufferPointer();
  const auto lines = thinDarkLines(structural, kCortexLineRadiusMm);
  const float* lineDepth = lines->GetBufferPointer();
  const double lineDepthMin = kCortexLineDepthShare * std::abs(s.fat - s.muscle);
  const float* smoothTValues = smoothT->GetBufferPointer();

  auto tissuesOn = [&](int k, const SliceMask& inside) {
    const std::size_t base = static_cast<std::size_t>(k) * g.count();
    SliceTissues c{SliceMask(g), SliceMask(g), SliceMask(g), SliceMask(g), SliceMask(g), std::vector<float>(g.count(), 0.f)};
    for (std::size_t n = 0; n < g.count(); ++n) {
      if (!inside.at(n)) continue;
      const bool isDark = smoothS[base + n] < s.dark;
      c.dark.set(n, isDark);
      const bool below = rawS[base + n] < s.muscle - kCortexBelowMuscleT * (s.fat - s.muscle);
      c.belowMuscle.set(n, below);
      c.shell.set(n, below || lineDepth[base + n] > lineDepthMin);
      const double tn = marrowTOf(smoothTValues[base + n]);
      c.t[n] = static_cast<float>(tn);
      c.intermediate.set(n, !isDark && tn >= kMarrowLowT && tn <= kMarrowHighT);
      c.greyDark.set(n, !isDark && rawS[base + n] < s.muscle - kThinBoneBelowMuscleT * (s.fat - s.muscle));
    }
    return c;
  };

  std::vector<MarrowCandidates> candidates(static_cast<std::size_t>(layout.sliceCount));
  for (int k = 0; k < layout.sliceCount; ++k)
    candidates[static_cast<std::size_t>(k)] = marrowCandidates(tissuesOn(k, bodyOnSlice(body, g, k)));
  acceptAlongBodyAxis(candidates);

  const SliceMask none(g);
  std::vector<BoneOnSlice> bones;
  bones.reserve(static_cast<std::size_t>(layout.sliceCount));
  for (int k = 0; k < layout.sliceCount; ++k)
    bones.push_back(boneOnSlice(candidates[static_cast<std::size_t>(k)], tissuesOn(k, bodyOnSlice(body, g, k)),
                                k > 0 ? acceptedMarrow(candidates[static_cast<std::size_t>(k - 1)], g) : none,
                                k + 1 < layout.sliceCount ? acceptedMarrow(candidates[static_cast<std::size_t>(k + 1)], g) : none));
  keepSheetsJoinedToBone(bones);

  for (int k = 0; k < layout.sliceCount; ++k) {
    const std::size_t base = static_cast<std::size_t>(k) * g.count();
    const SliceMask inside = bodyOnSlice(body, g, k);
    const SliceTissues tissues = tissuesOn(k, inside);
    const BoneOnSlice& bone = bones[static_cast<std::size_t>(k)];
    for (std::size_t n = 0; n < g.count(); ++n) {
      float& v = hu[base + n];
      if (!inside.at(n)) v = kHuOutside;
      else if (bone.bone.at(n)) v = bone.marrow.at(n) || !tissues.belowMuscle.at(n) ? kHuMarrow : kHuCortex;
      else if (tissues.dark.at(n)) v = kHuDark;
      else
        v = std::clamp(static_cast<float>(kHuMuscle + (kHuFat - kHuMuscle) * tOf(raw[base + n])), kHuDark, kHuSoftTissueMax);
    }
  }
  return out;
}

} // namespace iliometry::segmentation
