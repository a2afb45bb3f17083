#include "PseudoCt.h"

#include "SliceMask.h"

#include <itkDiscreteGaussianImageFilter.h>

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
// Marrow lies between muscle and fat (t = 0 and 1); partial-volume edges do too, so shape decides.
constexpr double kMarrowLowT = 0.2, kMarrowHighT = 0.85;
constexpr double kMarrowMinAreaMm2 = 20.0;
constexpr double kEdgeOpeningMm = 2.0;
constexpr double kCortexRimMm = 3.0;
// Cortical bone is only 1-2 mm thick and partial volume lifts it towards its neighbours: the rim
// test looks for signal clearly below muscle (on the far side from fat), not for black.
constexpr double kCortexBelowMuscleT = 0.12;
constexpr double kCortexGapMm = 2.5;
constexpr double kMinEnclosedShare = 0.7;
// Or, where the shell has a gap wider than noise (thin iliac wings, oblique endplates): a
// border mostly of cortex-like signal. Bowel, kidneys and fatty muscle border on fat and organs.
constexpr double kMinCortexBorderShare = 0.2;
constexpr double kMinSheetAreaMm2 = 80.0;
constexpr double kMaxSheetHalfThicknessMm = 3.5;
constexpr double kStructureSmoothingMm = 1.0;

constexpr float kHuOutside = -1000.f, kHuDark = -200.f, kHuMarrow = 300.f, kHuCortex = 600.f;
constexpr float kHuMuscle = 50.f, kHuFat = -100.f;
// Above this a density map is read as bone by the CT rules; soft tissue stays below it.
constexpr float kHuSoftTissueMax = 90.f;

float median(std::vector<float> values) {
  if (values.empty()) return 0.f;
  const auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), mid, values.end());
  return *mid;
}

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
  r.fat = median(samples.rim);
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
  r.fat = median(samples.rim);
  r.muscle = histogramMode(samples.deep, 0.0f, 0.5f, 100);
  return r;
}

// Marrow and cortex on one slice: intermediate regions enclosed by a shell of cortex-like
// signal, and that shell, closed and filled into one bone outline. Bowel, vessels and kidneys
// are not intermediate inside a dark shell on any of the sequences.
struct BoneOnSlice {
  SliceMask marrow, bone;
};

// The upper iliac wings are plates of a few millimetres: all cortex at MR resolution, grey-dark
// like the laminae. Sheets of that signal, long and thin and enclosing nothing, are bone; the
// partial-volume rings around dark vessels and bowel enclose what they surround.
SliceMask thinBoneSheets(const SliceMask& greyDark) {
  const SliceGeometry& g = greyDark.geometry();
  SliceMask sheets(g);
  for (const SliceMask& piece : components(greyDark, static_cast<std::size_t>(kMinSheetAreaMm2 / g.pixelAreaMm2()))) {
    const auto depth = depthInsideMaskMm(piece);
    if (*std::max_element(depth.begin(), depth.end()) > kMaxSheetHalfThicknessMm) continue;
    if (static_cast<double>(fillHoles(piece).pixelCount()) > 1.2 * static_cast<double>(piece.pixelCount())) continue;
    sheets = sheets | piece;
  }
  return sheets;
}

BoneOnSlice findBone(const SliceMask& intermediate, const SliceMask& cortexLike, const SliceMask& dark) {
  const SliceGeometry& g = intermediate.geometry();
  SliceMask marrow(g);
  // What a closed shell of cortex-like signal encloses. Gaps of a pixel (noise) are closed, and
  // the shell is thickened by a pixel so that a diagonal step does not let the filling leak.
  const double pixelMm = std::max(g.spacingXMm, g.spacingYMm);
  const SliceMask enclosed = fillHoles(dilate(close(cortexLike, kCortexGapMm), 1.05 * pixelMm));
  const auto minPixels = static_cast<std::size_t>(kMarrowMinAreaMm2 / g.pixelAreaMm2());
  // Partial-volume edges are one or two pixels wide and would link every blob into one net.
  for (const SliceMask& piece : components(open(intermediate, kEdgeOpeningMm), minPixels)) {
    const double inside = static_cast<double>((piece & enclosed).pixelCount()) / static_cast<double>(piece.pixelCount());
    const SliceMask border = dilate(piece, 2.05 * pixelMm).minus(piece);
    const double share = static_cast<double>((border & cortexLike).pixelCount()) / static_cast<double>(border.pixelCount());
    if (inside >= kMinEnclosedShare || share >= kMinCortexBorderShare) marrow = marrow | piece;
  }
  BoneOnSlice result{marrow, SliceMask(g)};
  const SliceMask sheets = thinBoneSheets(cortexLike.minus(dark));
  if (marrow.empty()) {
    result.bone = sheets;
    return result;
  }
  const SliceMask cortex = cortexLike & dilate(marrow, kCortexRimMm);
  // Thin bone without visible marrow (laminae, transverse processes, sacral alae, the joint
  // surfaces of the sacroiliac joints) is grey-dark, not black, and hangs on to the bone found:
  // on CT it is what joins the sacrum to the ilia.
  const SliceMask thinBone = componentsTouching(cortexLike.minus(dark), dilate(marrow | cortex, 1.05 * pixelMm));
  result.bone = fillHoles(close(marrow | cortex | thinBone, kCortexGapMm)) | sheets;
  return result;
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
  const IntensityImage* tSource = &structural;
  TissueReferences t = s;
  if (input.fatFraction != nullptr) {
    out.fatFractionReferences =
        fatFractionReferences(sampleByDepth(*input.fatFraction, body, depthMm, layout, &structural, static_cast<float>(s.dark)));
    tSource = input.fatFraction;
    t = out.fatFractionReferences;
  }
  const double tScale = t.fat - t.muscle;
  if (std::abs(tScale) < 1e-6) {
    out.warnings.push_back("MR: no contrast between fat and muscle; the density map is flat");
  }
  auto tOf = [&](float v) { return std::abs(tScale) < 1e-6 ? 0.0 : (v - t.muscle) / tScale; };

  const auto smoothStructural = smoothedInPlane(structural, kStructureSmoothingMm);
  const auto smoothT = input.fatFraction != nullptr ? smoothedInPlane(*input.fatFraction, kStructureSmoothingMm) : smoothStructural;

  out.hu = IntensityImage::New();
  out.hu->CopyInformation(&structural);
  out.hu->SetRegions(structural.GetBufferedRegion());
  out.hu->Allocate();
  float* hu = out.hu->GetBufferPointer();
  const float* raw = tSource->GetBufferPointer();
  const float* smoothS = smoothStructural->GetBufferPointer();
  const float* rawS = structural.GetBufferPointer();
  const float* smoothTValues = smoothT->GetBufferPointer();

  for (int k = 0; k < layout.sliceCount; ++k) {
    const std::size_t base = static_cast<std::size_t>(k) * g.count();
    const SliceMask inside = bodyOnSlice(body, g, k);
    SliceMask dark(g), belowMuscle(g), intermediate(g);
    for (std::size_t n = 0; n < g.count(); ++n) {
      if (!inside.at(n)) continue;
      const bool isDark = smoothS[base + n] < s.dark;
      dark.set(n, isDark);
      belowMuscle.set(n, rawS[base + n] < s.muscle - kCortexBelowMuscleT * (s.fat - s.muscle));
      const double tn = tOf(smoothTValues[base + n]);
      intermediate.set(n, !isDark && tn >= kMarrowLowT && tn <= kMarrowHighT);
    }
    const BoneOnSlice bone = findBone(intermediate, belowMuscle, dark);
    for (std::size_t n = 0; n < g.count(); ++n) {
      float& v = hu[base + n];
      if (!inside.at(n)) v = kHuOutside;
      else if (bone.bone.at(n)) v = bone.marrow.at(n) || !belowMuscle.at(n) ? kHuMarrow : kHuCortex;
      else if (dark.at(n)) v = kHuDark;
      else
        v = std::clamp(static_cast<float>(kHuMuscle + (kHuFat - kHuMuscle) * tOf(raw[base + n])), kHuDark, kHuSoftTissueMax);
    }
  }
  return out;
}

} // namespace iliometry::segmentation
