#include "MuscleTracker.h"

#include "BorderRefinement.h"
#include "IliopsoasCompartment.h"
#include "LabelSmoothing.h"
#include "LocalDensity.h"
#include "Median.h"

#include "PelvisFinder.h"
#include "SliceMask.h"

#include "iliometry/core/Anatomy.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

namespace iliometry::segmentation {

namespace {

// Skeletal muscle window of body-composition analysis (Alberta protocol), in HU.
constexpr float kMuscleLowHu = -29.0f;
constexpr float kMuscleHighHu = 150.0f;
constexpr double kMinSeedAreaMm2 = 150.0;
constexpr double kMinTrackedAreaMm2 = 40.0;
// A muscle's outline moves little between neighbouring slices; growth beyond this ratio
// (plus a small allowance) means the candidate has run into a touching organ.
// Psoas CSA grows by about 2 % per 3 mm caudally from L3 to L5: allow 1.5 % per mm of slice
// spacing plus a small absolute allowance for partial volume.
constexpr double kMaxGrowthPerMm = 0.015;
constexpr double kGrowthAllowanceMm2PerMm = 10.0;
// Going up from the seed (L3) the psoas only narrows towards its origin.
constexpr double kMaxCranialGrowthRatio = 1.0;
// Below the pelvic brim psoas and iliacus taper towards the lesser trochanter.
constexpr double kMaxCaudalPelvicGrowthRatio = 1.02;
constexpr double kLesserTrochanterBelowHeadMm = 50.0;
// Below the femoral heads psoas and iliacus run in their sheath to the lesser trochanter, in a
// fat plane that the working grid may blur away. When the muscle within an outline's reach is
// more than this many times what it may hold, on this many slices in a row, that muscle has
// merged with the thigh's muscles around it: the capped outline would be a patch of them.
constexpr double kMergedWithThighRatio = 2.0;
constexpr int kMergedWithThighSlices = 2;
// Below the brim the muscle between the psoas' and the iliacus' outlines belongs to one of
// them (IliopsoasCompartment.h): gaps up to twice this wide are closed. On the real CT the
// merged belly's outlines left gaps of 6-18 mm of muscle between them.
constexpr double kIliopsoasGapRadiusMm = 9.0;
// Growth ratio meaning "no cap here" (the caller caps several outlines together).
constexpr double kUncapped = 1e9;
// Below L5 the psoas runs forwards about as fast as it runs down: an outline may move 1.5 mm
// per mm of slice spacing.
constexpr double kReachPerSliceMm = 1.5;
// Psoas stays in front of the transverse processes and medial of the kidneys.
constexpr double kPsoasMaxPosteriorMm = 25.0;
constexpr double kPsoasMaxLateralAboveSeedMm = 60.0;
constexpr double kMinMuscleSdHu = 8.0;
// The psoas' neighbours of soft tissue (liver, kidney, bowel) are told from it by the mean
// density over a box about this wide, where the noise is a fraction of a pixel's: a pixel
// whose box mean lies this many of the box means' SDs from the muscle's own density is another
// tissue (Tracker::otherSoftTissue).
constexpr double kLocalMeanRadiusMm = 3.2;
constexpr double kOtherTissueSd = 3.0;
// A box whose lowest pixel lies this many pixel SDs below the muscle's mean holds fat; a
// structure of pixels this many SDs above it, larger than a speck of noise, is bone, a disc or
// an enhanced vessel.
constexpr double kNoFatInBoxSd = 4.0;
constexpr double kMinDenseStructureMm2 = 10.0;
constexpr double kMinOtherTissueMm2 = 30.0;
constexpr double kMinLocalSdHu = 2.0;
// The outlines are smoothed by a majority vote (LabelSmoothing.h) with a 3 x 3 window in-plane
// only where pixels are at most this wide.
constexpr double kMaxInPlaneVotePixelMm = 2.0;
// The seeds' partial-volume rim: left out when the muscle's density is learned.
constexpr double kSeedRimMm = 3.0;
// Holes this small in the learned window's muscle are noise (a pixel or three).
constexpr double kMaxPinholeAreaMm2 = 8.0;
// Width of the partial-volume slope from muscle to fat on the working grid: one voxel plus the
// in-plane smoothing (sigma 1 mm) on either side.
constexpr double kFatSlopeMm = 4.0;
// A neighbour this many of the muscle's SDs away in density is another tissue: the border
// between them can be placed by density.
constexpr float kBorderContrastSd = 2.0f;
// Below the mean by this many SDs: thin fat planes between touching muscles, blurred by
// partial volume to 10-40 HU, fall outside.
constexpr double kLearnedWindowLowSd = 2.0;
constexpr double kLearnedWindowHighSd = 3.0;
// The window tried when the learned one loses a slice's muscle (noise, fatty infiltration):
// one and a half times as wide, before the standard window.
constexpr double kRelaxedWindowLowSd = 3.0;
constexpr double kRelaxedWindowHighSd = 4.5;
constexpr double kMinBridgeCutMm = 4.0;
constexpr double kMaxBridgeCutFraction = 0.4;
constexpr float kTypicalMuscleHu = 50.0f;
// Basins shallower than this (HU of deviation from the muscle mean) are noise, not tissue.
constexpr float kBasinDepthHu = 8.0f;
constexpr double kBasinMinOverlapFraction = 0.5;
constexpr double kLobeRadiusFraction = 0.35;
constexpr double kEllipseScale = 1.1;
constexpr double kLobeMinOverlapFraction = 0.5;
constexpr double kPsoasMinLateralInPelvisMm = 30.0;
// The iliac fossa, where iliacus lies on the wing, spans from the crest down to the pelvic
// brim, 60-80 mm lower in adults.
constexpr double kIliacFossaDepthMm = 60.0;
constexpr double kIliacusReachMm = 15.0;
// The pelvic cavity's centre lies this far in front of the sacrum's body.
constexpr double kPelvicCavityAheadOfSpineMm = 40.0;
constexpr double kWingGapMm = 8.0;
constexpr double kIliacusMaxPosteriorMm = 10.0;
// When the learned window loses this much of the outline, retry with the standard window.
constexpr double kShrinkRetryFraction = 0.7;
// Iliacus lies on the inner surface of the iliac wing; it is at most a few cm thick.
constexpr double kIliacusMaxDistanceFromWingMm = 30.0;
constexpr double kIliacusSeedBelowCrestMm = 30.0;
// Where a psoas' centre usually lies relative to the vertebral body's centre at L3-L4.
constexpr double kPsoasExpectedLateralMm = 32.0;
constexpr double kPsoasExpectedPosteriorMm = -5.0;
// The dense core found by the spine tracker under-estimates the vertebral body in osteoporotic
// bone; an adult lumbar body is at least this wide in radius.
constexpr double kMinVertebralRadiusMm = 18.0;
// The widest lumbar bodies are about 60 mm across.
constexpr double kMaxVertebralRadiusMm = 35.0;
constexpr double kPsoasMaxGapToBodyMm = 12.0;

// How an outline may change from one slice to the next; a zero growth ratio means the
// default (growth per mm of slice spacing).
struct Limits {
  double maxGrowthRatio = 0.0;
  bool elliptical = false; // the cross-section stays close to an ellipse (psoas)
  bool narrowing = false;  // the muscle only narrows in this direction (caps are strict)
  bool thin = false;       // a crescent a centimetre thick (iliacus): cut only one-pixel bridges
};

struct Tracker {
  const CanonicalVolume& v;
  const SpineTrack& spine;
  SliceGeometry geometry;
  double reachMm;
  // Opening radius: bridges of muscle density narrower than twice this (a vessel or bowel
  // wall touching the psoas) are cut. At least two pixels, so coarse slices cut too.
  double bridgeCutMm;
  std::vector<std::array<SliceMask, 4>> masks; // per slice, per structure index

  Tracker(const CanonicalVolume& volume, const SpineTrack& track)
      : v(volume), spine(track), geometry{v.nx(), v.ny(), v.spacingMm(0), v.spacingMm(1)},
        // How far an outline may move from one slice to the next: proportional to the slice
        // spacing, never below two pixels.
        reachMm(std::max(2.0 * std::max(v.spacingMm(0), v.spacingMm(1)), std::min(kReachPerSliceMm * v.spacingMm(2), 8.0))),
        bridgeCutMm(std::max(2.0 * std::max(v.spacingMm(0), v.spacingMm(1)), kMinBridgeCutMm)),
        masks(static_cast<std::size_t>(v.nz())), boxCache(static_cast<std::size_t>(v.nz())),
        basinCache(static_cast<std::size_t>(v.nz())),
        muscleCache{std::vector<std::optional<SliceMask>>(static_cast<std::size_t>(v.nz())),
                    std::vector<std::optional<SliceMask>>(static_cast<std::size_t>(v.nz())),
                    std::vector<std::optional<SliceMask>>(static_cast<std::size_t>(v.nz()))} {
    for (auto& perStructure : masks)
      for (auto& m : perStructure) m = SliceMask(geometry);
  }

  SliceMask& mask(int k, Structure s) { return masks[static_cast<std::size_t>(k)][indexOf(s)]; }
  const SpinePoint& centre(int k) const {
    if (spine.found() && k < spine.firstSlice) return spine.points[static_cast<std::size_t>(spine.firstSlice)];
    if (spine.found() && k > spine.lastSlice) return spine.points[static_cast<std::size_t>(spine.lastSlice)];
    return spine.points[static_cast<std::size_t>(k)];
  }
  int pelvisTopSlice = -1; // slices below it lie in the pelvis
  int femoralHeadsSlice = -1; // the femoral heads' widest slice; -1 when not found
  // Per structure (indexOf): how many slices in a row its candidate has been merged with the
  // thigh's muscles, and whether it was ended for that.
  std::array<int, 4> mergedSlices{};
  std::array<bool, 4> endedInThigh{};

  // The muscle window, narrowed to this scan's psoas once the seeds are known.
  float lowHu = kMuscleLowHu, highHu = kMuscleHighHu;
  float relaxedLowHu = kMuscleLowHu, relaxedHighHu = kMuscleHighHu;
  float muscleMeanHu = kTypicalMuscleHu;
  float muscleSdHu = kMinMuscleSdHu;
  float localMeanSdHu = kMinMuscleSdHu; // SD of the box means inside the psoas seeds
  // Box means and minima of one slice (kLocalMeanRadiusMm).
  struct BoxStatistics {
    std::vector<float> meanHu, lowestHu;
  };
  mutable std::vector<std::optional<BoxStatistics>> boxCache; // per slice, filled on demand
  mutable std::vector<std::vector<std::uint32_t>> basinCache; // per slice, filled on demand
  enum Window { Learned = 0, Standard = 1, Relaxed = 2 };
  mutable std::array<std::vector<std::optional<SliceMask>>, 3> muscleCache; // per Window

  // Catchment basins of the deviation from the muscle's mean density: regions of uniform
  // muscle are basins, and the thin fat planes between touching muscles, bowel and vessels
  // (even blurred to a shallow dip by partial volume) are the ridges between them.
  const std::vector<std::uint32_t>& basins(int k) const {
    auto& cached = basinCache[static_cast<std::size_t>(k)];
    if (cached.empty()) {
      std::vector<float> relief(geometry.count());
      for (std::size_t n = 0; n < relief.size(); ++n) relief[n] = std::abs(v.slice(k)[n] - muscleMeanHu);
      cached = watershedBasins(relief, geometry, kBasinDepthHu);
    }
    return cached;
  }

  // The pixels of `candidate` in basins that lie mostly inside the previous outline: a
  // neighbour pressed against the muscle is a basin of its own that it barely overlaps.
  SliceMask keepBasinsOfPrevious(int k, const SliceMask& candidate, const SliceMask& previousCore) const {
    const auto& labels = basins(k);
    const std::uint32_t count = *std::max_element(labels.begin(), labels.end()) + 1;
    std::vector<std::size_t> inCandidate(count, 0), inPrevious(count, 0);
    for (std::size_t n = 0; n < labels.size(); ++n)
      if (candidate.at(n)) {
        ++inCandidate[labels[n]];
        if (previousCore.at(n)) ++inPrevious[labels[n]];
      }
    SliceMask out(geometry);
    for (std::size_t n = 0; n < labels.size(); ++n)
      if (candidate.at(n) && inPrevious[labels[n]] >= kBasinMinOverlapFraction * inCandidate[labels[n]]) out.set(n, true);
    return out;
  }

  // `standardWindow` ignores the learned window: partial volume next to a dense endplate or
  // a thin muscle can push a slice's muscle out of the narrow window.
  // Every structure asks for the same slice's muscle several times: each window's mask is
  // computed once per slice (the learned one again after learnMuscleWindow).
  const SliceMask& muscle(int k, bool standardWindow = false) const { return muscle(k, standardWindow ? Standard : Learned); }
  const SliceMask& muscle(int k, Window window) const {
    auto& cache = muscleCache[window][static_cast<std::size_t>(k)];
    if (!cache) {
      const float lo = window == Standard ? kMuscleLowHu : window == Relaxed ? relaxedLowHu : lowHu;
      const float hi = window == Standard ? kMuscleHighHu : window == Relaxed ? relaxedHighHu : highHu;
      auto inWindow = thresholdSlice(v.slice(k), geometry, lo, hi);
      // The learned window is narrow: noisy pixels of the muscle fall out of it as pinholes,
      // which the bridge-cutting opening would widen into notches at the border. Holes of a
      // few pixels are filled; a fat plane or a neighbour's content is larger.
      if (window != Standard) inWindow = inWindow | smallHoles(inWindow, kMaxPinholeAreaMm2);
      // Partial-volume pixels at a bone edge exceed the muscle window by themselves: bone is
      // excluded without a margin, which matters for a thin iliacus on coarse slices.
      cache = inWindow.minus(boneMask(v, k));
    }
    return *cache;
  }

  // Pixels next to `outline` and to bone whose density lies below the midpoint between the
  // muscle's and the brightest bone pixel beside them (partial volume with the cortex).
  SliceMask besideBone(int k, const SliceMask& outline) const {
    const auto bone = boneMask(v, k);
    const auto candidate = dilate(outline, geometry.spacingXMm).minus(outline) & dilate(bone, geometry.spacingXMm);
    const float* values = v.slice(k);
    SliceMask out(geometry);
    for (int j = 0; j < v.ny(); ++j)
      for (int i = 0; i < v.nx(); ++i) {
        if (!candidate.at(i, j)) continue;
        float brightestHu = values[static_cast<std::size_t>(j) * v.nx() + i];
        for (int dj = -1; dj <= 1; ++dj)
          for (int di = -1; di <= 1; ++di) {
            const int ii = i + di, jj = j + dj;
            if (ii >= 0 && jj >= 0 && ii < v.nx() && jj < v.ny() && bone.at(ii, jj))
              brightestHu = std::max(brightestHu, values[static_cast<std::size_t>(jj) * v.nx() + ii]);
          }
        const float hu = values[static_cast<std::size_t>(j) * v.nx() + i];
        out.set(i, j, hu >= kMuscleLowHu && hu < 0.5f * (muscleMeanHu + brightestHu));
      }
    return out;
  }

  // Holes of `mask` no larger than `maxAreaMm2`.
  SliceMask smallHoles(const SliceMask& mask, double maxAreaMm2) const {
    const auto holes = fillHoles(mask).minus(mask);
    auto out = holes;
    for (const auto& large : components(holes, static_cast<std::size_t>(maxAreaMm2 / geometry.pixelAreaMm2()) + 1))
      out = out.minus(large);
    return out;
  }

  // The learned window leaves out a muscle's partial-volume rim against fat, and touching
  // tissue a little less dense (bowel, unenhanced vessels) passes it: the outline's border is
  // re-decided at the end by the halfway rule of BorderRefinement.h, at most as far out as the
  // partial-volume slope to fat is wide (widened by the in-plane smoothing, more than a pixel
  // on fine grids). Against bone the cortex's brightness is the reference (besideBone).
  SliceMask withBorder(int k, const SliceMask& outline, const SliceMask& forbidden) const {
    BorderRule rule;
    rule.insideHu = muscleMeanHu;
    rule.minContrastHu = kBorderContrastSd * muscleSdHu;
    // The partial-volume slope spans this many pixels; the border moves by at most as many
    // either way (on 3 mm pixels one: noise would carve a deeper band).
    rule.outwardPixels = std::max(1, static_cast<int>(std::lround(kFatSlopeMm / geometry.spacingXMm)));
    rule.inwardPixels = rule.outwardPixels;
    rule.fatBelowHu = kMuscleLowHu;
    const auto refined = refineBorder(v.slice(k), outline, forbidden, rule);
    return (refined | besideBone(k, refined)).minus(forbidden);
  }

  // Gives the muscle between the psoas and the iliacus of one side back to them (merged belly).
  // The psoas keeps to its cap going down (`abovePixels`: its outline on the slice above, gap
  // included); the rest of the gap is the iliacus'.
  void closeIliopsoasGap(int k, Side side, std::size_t abovePixels) {
    const Structure psoas{Muscle::PsoasMajor, side}, iliacus{Muscle::Iliacus, side};
    const auto muscleDensity = thresholdSlice(v.slice(k), geometry, lowHu, highHu);
    const auto others = occupied(k, psoas).minus(mask(k, iliacus));
    const auto capPixels = static_cast<std::size_t>(kMaxCaudalPelvicGrowthRatio * abovePixels);
    auto closed = segmentation::closeIliopsoasGap({mask(k, psoas), mask(k, iliacus)}, muscleDensity, others,
                                                  kIliopsoasGapRadiusMm, capPixels);
    mask(k, psoas) = std::move(closed.psoas);
    mask(k, iliacus) = std::move(closed.iliacus);
  }

  SliceMask everywhere() const {
    SliceMask all(geometry);
    for (std::size_t n = 0; n < geometry.count(); ++n) all.set(n, true);
    return all;
  }

  // Learns the scan's muscle intensity from the psoas seeds (contrast phase, fatty
  // infiltration and scanner calibration all shift it): mean - 2 SD .. mean + 3 SD within the
  // standard window, which keeps urine, bile, fat-rich tissue and thin fat planes out.
  void learnMuscleWindow(int k, const std::vector<SliceMask>& seeds) {
    // The statistics come from the seeds' interior, robustly (median and MAD): the seed's
    // partial-volume rim and whatever touching tissue it still holds would otherwise widen
    // the window until it takes bowel content and vessels (20-40 HU) along with the muscle.
    std::vector<float> values, localMeans;
    const auto boxMeans = boxMean(v.slice(k), geometry, localMeanRadiusPx());
    for (const auto& seed : seeds) {
      const auto interior = erode(seed, kSeedRimMm);
      for (std::size_t n = 0; n < geometry.count(); ++n)
        if (interior.at(n)) {
          values.push_back(v.slice(k)[n]);
          localMeans.push_back(boxMeans[n]);
        }
    }
    if (values.size() < 20) return;
    const double mean = medianOf(values);
    const double sd = std::max(kMinMuscleSdHu, robustSd(values, mean));
    muscleMeanHu = static_cast<float>(mean);
    muscleSdHu = static_cast<float>(sd);
    localMeanSdHu = static_cast<float>(std::max(kMinLocalSdHu, robustSd(localMeans, medianOf(localMeans))));
    // Masks and basins made with the default window are stale now.
    std::fill(muscleCache[Learned].begin(), muscleCache[Learned].end(), std::nullopt);
    std::fill(muscleCache[Relaxed].begin(), muscleCache[Relaxed].end(), std::nullopt);
    std::fill(basinCache.begin(), basinCache.end(), std::vector<std::uint32_t>{});
    lowHu = static_cast<float>(std::max<double>(kMuscleLowHu, mean - kLearnedWindowLowSd * sd));
    highHu = static_cast<float>(std::min<double>(kMuscleHighHu, mean + kLearnedWindowHighSd * sd));
    relaxedLowHu = static_cast<float>(std::max<double>(kMuscleLowHu, mean - kRelaxedWindowLowSd * sd));
    relaxedHighHu = static_cast<float>(std::min<double>(kMuscleHighHu, mean + kRelaxedWindowHighSd * sd));
  }

  // 1.4826 MAD (median absolute deviation from `centre`) is the SD of a normal distribution.
  static double robustSd(const std::vector<float>& values, double centre) {
    std::vector<float> deviations(values.size());
    for (std::size_t n = 0; n < values.size(); ++n) deviations[n] = static_cast<float>(std::abs(values[n] - centre));
    return 1.4826 * medianOf(std::move(deviations));
  }

  int localMeanRadiusPx() const {
    return std::max(1, static_cast<int>(std::lround(kLocalMeanRadiusMm / geometry.spacingXMm)));
  }

  const BoxStatistics& boxStatistics(int k) const {
    auto& cache = boxCache[static_cast<std::size_t>(k)];
    if (!cache)
      cache = BoxStatistics{boxMean(v.slice(k), geometry, localMeanRadiusPx()),
                            boxMinimum(v.slice(k), geometry, localMeanRadiusPx())};
    return *cache;
  }

  // Pixels of slice k that belong to another soft tissue than the muscle of density
  // `referenceHu` (its own, measured on this slice: a muscle's density drifts along its length
  // by more than the box means' noise), told by their box means: denser (liver, enhancing
  // kidney) away from denser structures, or less dense (plain kidney, bowel content, urine)
  // where the box holds no fat (partial volume with fat lowers the box means of the muscle's
  // own rim). Only the pixels around `near` are looked at: the work is per call.
  SliceMask otherSoftTissue(int k, float referenceHu, const SliceMask& near) const {
    const int radiusPx = localMeanRadiusPx();
    const auto region = boundingBox(near, radiusPx + 2);
    if (region.empty()) return SliceMask(geometry);
    const auto& box = boxStatistics(k);
    const float spreadHu = static_cast<float>(kOtherTissueSd) * localMeanSdHu;
    const float noFatAboveHu = referenceHu - static_cast<float>(kNoFatInBoxSd) * muscleSdHu;
    const float denseAboveHu = referenceHu + static_cast<float>(kNoFatInBoxSd) * muscleSdHu;
    SliceMask denser(geometry), lessDense(geometry), veryDense(geometry);
    for (int j = region.j0; j < region.j1; ++j)
      for (int i = region.i0; i < region.i1; ++i) {
        const std::size_t n = static_cast<std::size_t>(j) * geometry.nx + i;
        denser.set(n, box.meanHu[n] > referenceHu + spreadHu);
        lessDense.set(n, box.meanHu[n] < referenceHu - spreadHu && box.lowestHu[n] > noFatAboveHu);
        veryDense.set(n, v.slice(k)[n] > denseAboveHu);
      }
    // Bone, discs and enhanced vessels raise the box means of the muscle beside them: boxes
    // within reach of a structure that dense (larger than a speck of noise) are left alone.
    SliceMask dense(geometry);
    const auto minDensePixels = static_cast<std::size_t>(kMinDenseStructureMm2 / geometry.pixelAreaMm2()) + 1;
    for (const auto& piece : components(cropTo(veryDense, region), minDensePixels))
      dense = dense | pasteInto(geometry, piece, region);
    // Noise alone moves a few box means that far: another tissue is a region, not a speck.
    const auto candidates = denser.minus(dilate(dense, (radiusPx + 1) * geometry.spacingXMm)) | lessDense;
    SliceMask other(geometry);
    const auto minOtherPixels = static_cast<std::size_t>(kMinOtherTissueMm2 / geometry.pixelAreaMm2()) + 1;
    for (const auto& piece : components(cropTo(candidates, region), minOtherPixels))
      other = other | pasteInto(geometry, piece, region);
    return other;
  }

  // The muscle's own density on slice k: the median inside its outline on the neighbouring
  // slice, rim left out where the outline is large enough to have an inside.
  float ownDensityHu(int k, const SliceMask& previous, const SliceMask& muscleHere) const {
    auto inside = erode(previous, geometry.spacingXMm) & muscleHere;
    if (inside.pixelCount() < 10) inside = previous & muscleHere;
    if (inside.pixelCount() < 10) return muscleMeanHu;
    return medianHu(k, inside);
  }

  // Where a psoas may be on slice k: its own side, in front of the transverse processes,
  // close to the column above the seed (the kidneys lie beside it there) and, in the pelvis,
  // off the midline (bladder, rectum and bowel lie between the two psoas).
  SliceMask psoasRegion(int k, Side side, bool aboveSeed) const {
    const bool inPelvis = k < pelvisTopSlice;
    double lateralFromMm = inPelvis ? kPsoasMinLateralInPelvisMm : 0.0;
    // From the promontory to the hip the psoas runs laterally: on the way down its medial
    // border never moves towards the midline. Where the slice above holds it closer to the
    // midline than the fixed margin (beside the sacral promontory), that border is the limit.
    if (inPelvis && k + 1 < v.nz()) {
      const auto& above = masks[static_cast<std::size_t>(k + 1)][indexOf(Structure{Muscle::PsoasMajor, side})];
      if (const auto medialMm = medialBorderMm(k, above, side)) lateralFromMm = std::min(lateralFromMm, *medialMm - geometry.spacingXMm);
    }
    const double lateralToMm = aboveSeed ? kPsoasMaxLateralAboveSeedMm : 250.0;
    const double posteriorMm = centre(k).measured || !inPelvis ? kPsoasMaxPosteriorMm : 250.0;
    return box(k, side, lateralFromMm, lateralToMm, 250.0, posteriorMm);
  }

  // The lateral distance (mm, from the column centre of slice k) of `outline`'s most medial
  // pixel; none for an empty outline.
  std::optional<double> medialBorderMm(int k, const SliceMask& outline, Side side) const {
    std::optional<double> medialMm;
    const double sign = lateralSign(side);
    for (int j = 0; j < v.ny(); ++j)
      for (int i = 0; i < v.nx(); ++i)
        if (outline.at(i, j)) {
          const double lateralMm = sign * (i * v.spacingMm(0) - centre(k).xMm);
          if (!medialMm || lateralMm < *medialMm) medialMm = lateralMm;
        }
    return medialMm;
  }

  // Pixels on `side` of the column within a box around the vertebral centre (or, below the
  // column, around the midline it ends on).
  SliceMask box(int k, Side side, double lateralFromMm, double lateralToMm, double anteriorMm, double posteriorMm) const {
    SliceMask out(geometry);
    const auto& c = centre(k);
    const double sign = lateralSign(side);
    for (int j = 0; j < v.ny(); ++j)
      for (int i = 0; i < v.nx(); ++i) {
        const double dx = sign * (i * v.spacingMm(0) - c.xMm), dy = j * v.spacingMm(1) - c.yMm;
        out.set(i, j, dx >= lateralFromMm && dx <= lateralToMm && dy >= -anteriorMm && dy <= posteriorMm);
      }
    return out;
  }

  SliceMask occupied(int k, std::optional<Structure> except = std::nullopt) {
    SliceMask out(geometry);
    for (Structure s : kStructures)
      if (!except || !(s == *except)) out = out | mask(k, s);
    return out;
  }

  // The ellipse with the previous outline's centroid and second moments, enlarged by a
  // fraction and by `marginMm`: a psoas cross-section is close to an ellipse and changes
  // little from slice to slice, while a bowel loop pressed against it with a wide contact
  // sticks out of it.
  SliceMask nearEllipseOf(const SliceMask& previous, double marginMm, double scaleFactor = kEllipseScale) const {
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    std::size_t n = 0;
    for (int j = 0; j < v.ny(); ++j)
      for (int i = 0; i < v.nx(); ++i)
        if (previous.at(i, j)) {
          const double x = i * geometry.spacingXMm, y = j * geometry.spacingYMm;
          sx += x, sy += y, sxx += x * x, syy += y * y, sxy += x * y, ++n;
        }
    SliceMask out(geometry);
    if (n < 3) return out | previous;
    const double mx = sx / n, my = sy / n;
    // Pixel quantisation keeps the variances from collapsing on thin shapes.
    const double pixelVariance = geometry.spacingXMm * geometry.spacingXMm / 12.0;
    const double cxx = sxx / n - mx * mx + pixelVariance, cyy = syy / n - my * my + pixelVariance, cxy = sxy / n - mx * my;
    const double det = cxx * cyy - cxy * cxy;
    const double minorVariance = 0.5 * (cxx + cyy) - std::sqrt(0.25 * (cxx - cyy) * (cxx - cyy) + cxy * cxy);
    // A uniform ellipse with semi-axis a has variance a^2/4 along it.
    const double scale = scaleFactor + marginMm / (2.0 * std::sqrt(std::max(minorVariance, pixelVariance)));
    const double limit = 4.0 * scale * scale;
    for (int j = 0; j < v.ny(); ++j)
      for (int i = 0; i < v.nx(); ++i) {
        const double dx = i * geometry.spacingXMm - mx, dy = j * geometry.spacingYMm - my;
        out.set(i, j, (cyy * dx * dx - 2 * cxy * dx * dy + cxx * dy * dy) / det <= limit);
      }
    return out;
  }

  // The pixels of `candidate` ranked by signed distance to `outline` (deepest inside first),
  // as many as fit in `areaMm2`.
  SliceMask nearestToOutline(const SliceMask& candidate, const SliceMask& outline, double areaMm2) const {
    const auto outside = distanceToMaskMm(outline);
    const auto inside = depthInsideMaskMm(outline);
    std::vector<std::pair<float, std::size_t>> ranked;
    for (std::size_t n = 0; n < geometry.count(); ++n)
      if (candidate.at(n)) ranked.emplace_back(outside[n] - inside[n], n);
    const auto keep = std::min(ranked.size(), static_cast<std::size_t>(areaMm2 / geometry.pixelAreaMm2()));
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end());
    SliceMask out(geometry);
    for (std::size_t r = 0; r < keep; ++r) out.set(ranked[r].second, true);
    return out;
  }

  // A bowel loop or vessel pressed against the muscle joins it through a neck narrower than
  // the muscle itself. Opening with a radius scaled to the muscle's size separates such
  // lobes; lobes that do not mostly overlap the previous outline are dropped, and the kept
  // core gets its edges back from the candidate.
  SliceMask pruneLobes(const SliceMask& candidate, const SliceMask& previous) const {
    const double radiusMm = std::max(bridgeCutMm, kLobeRadiusFraction * std::sqrt(previous.areaMm2() / M_PI));
    const auto cores = components(open(candidate, radiusMm), 1);
    SliceMask kept(geometry);
    for (const auto& core : cores)
      if ((core & previous).pixelCount() >= kLobeMinOverlapFraction * core.pixelCount()) kept = kept | core;
    if (kept.empty()) return candidate;
    return candidate & dilate(kept, radiusMm + geometry.spacingXMm);
  }

  // A psoas cross-section is a rounded shape; a vessel pressed against it (the iliac vessels
  // along its medial border in the pelvis) is a protrusion narrower than the muscle. Opening
  // with a disk scaled to the muscle's size removes such protrusions (the opening is the union
  // of every such disk that fits inside); only a pixel around it is given back, never the
  // protrusion itself. Pieces of the opening that do not mostly overlap `previous` are dropped.
  SliceMask smoothOutline(const SliceMask& candidate, const SliceMask& previous) const {
    const double radiusMm = kLobeRadiusFraction * std::sqrt(previous.areaMm2() / M_PI);
    // A disk of fewer than two pixels' radius is a cross or a square: it would cut corners of
    // the muscle itself, not protrusions (small muscles on coarse grids).
    if (radiusMm < 2.0 * geometry.spacingXMm) return candidate;
    SliceMask kept(geometry);
    for (const auto& core : components(open(candidate, radiusMm), 1))
      if ((core & previous).pixelCount() >= kLobeMinOverlapFraction * core.pixelCount()) kept = kept | core;
    if (kept.empty()) return candidate;
    return candidate & dilate(kept, geometry.spacingXMm);
  }

  // The structure on slice k, grown from its outline on the neighbouring slice within
  // `allowed`, never into `forbidden`.
  SliceMask propagate(int k, const SliceMask& previous, const SliceMask& allowed, const SliceMask& forbidden,
                      const Limits& limits = {}) const {
    auto here = propagateWithin(k, previous, muscle(k) & allowed, forbidden, limits);
    // On a noisy or fat-infiltrated scan the narrow window may lose a slice's muscle: first a
    // window one and a half times as wide, then the standard one.
    for (const Window window : {Relaxed, Standard}) {
      if (here.areaMm2() >= kShrinkRetryFraction * previous.areaMm2()) break;
      auto wider = propagateWithin(k, previous, muscle(k, window) & allowed, forbidden, limits);
      if (wider.areaMm2() > here.areaMm2()) here = std::move(wider);
    }
    return here;
  }

  SliceMask propagateWithin(int k, const SliceMask& previous, const SliceMask& muscleHere, const SliceMask& forbidden,
                            const Limits& limits) const {
    const double reach = reachMm;
    // Opening first cuts one-pixel bridges to touching organs; the reach then bounds how far
    // the outline may move from the slice before.
    // Opening only looks two radii around a pixel: restricting its input to that
    // neighbourhood of the reach gives the same result for a fraction of the work.
    // A small muscle (near its origin or insertion) would not survive the full opening: the
    // radius never exceeds 40 % of the previous outline's equivalent radius.
    const double cutMm = limits.thin ? geometry.spacingXMm
                                     : std::min(bridgeCutMm, kMaxBridgeCutFraction * std::sqrt(previous.areaMm2() / M_PI));
    const auto neighbourhood = dilate(previous, reach + 2.0 * cutMm + geometry.spacingXMm);
    // The psoas' neighbours of soft tissue share its window: they are left out by their box means.
    const auto own = limits.elliptical
                         ? muscleHere.minus(otherSoftTissue(k, ownDensityHu(k, previous, muscleHere), neighbourhood))
                         : muscleHere;
    auto candidate = (open(own & neighbourhood, cutMm) & dilate(previous, reach)).minus(forbidden);
    candidate = fillHoles(componentsTouching(candidate, previous)).minus(forbidden);
    if (limits.elliptical) {
      // The ellipse is fitted to the part of this slice's candidate that lies inside the
      // previous outline's ellipse, so a bump that crept in on the slice before does not
      // carry on growing.
      const auto core = candidate & nearEllipseOf(previous, 0.0, 1.0);
      candidate = candidate & nearEllipseOf(core.empty() ? previous : core, geometry.spacingXMm);
    }
    const double dz = v.spacingMm(2);
    const double ratio = limits.maxGrowthRatio > 0.0 ? limits.maxGrowthRatio : 1.0 + kMaxGrowthPerMm * dz;
    // Where the muscle only narrows there is no allowance: it would let the outline creep.
    const double maxAreaMm2 = ratio * previous.areaMm2() + (limits.narrowing ? 0.0 : kGrowthAllowanceMm2PerMm * dz);
    // Growing faster than a muscle does means a neighbour has joined: cut it off along the
    // density ridges first, then at the narrowest neck. Each cutter erodes a little, so
    // neither runs while the growth is plausible.
    if (candidate.areaMm2() > maxAreaMm2)
      candidate = fillHoles(componentsTouching(keepBasinsOfPrevious(k, candidate, previous), previous)).minus(forbidden);
    if (candidate.areaMm2() > maxAreaMm2) candidate = pruneLobes(candidate, previous);
    // Beyond the allowed growth the outline may move by one pixel at most; where the muscle
    // can only narrow (towards its origin, towards its insertion) it keeps the allowed area,
    // taking the candidate pixels nearest the previous outline first so that it can still
    // move as it narrows.
    if (candidate.areaMm2() > maxAreaMm2)
      candidate = limits.narrowing ? nearestToOutline(candidate, previous, maxAreaMm2)
                                   : candidate & dilate(previous, geometry.spacingXMm);
    return candidate;
  }

  // The vertebral body on slice k: bone denser than any muscle (cancellous bone included)
  // joined to the column's centre, within a large body's reach of it.
  SliceMask vertebralBody(int k) const {
    const auto& c = centre(k);
    SliceMask within(geometry), core(geometry);
    for (int j = 0; j < v.ny(); ++j)
      for (int i = 0; i < v.nx(); ++i) {
        const double r = std::hypot(i * v.spacingMm(0) - c.xMm, j * v.spacingMm(1) - c.yMm);
        within.set(i, j, r <= kMaxVertebralRadiusMm);
        core.set(i, j, r <= kMinVertebralRadiusMm / 3.0);
      }
    const auto dense = thresholdSlice(v.slice(k), geometry, kDenseBoneHu, 1e9f) & within;
    return componentsTouching(dense, core);
  }

  float medianHu(int k, const SliceMask& mask) const {
    std::vector<float> values;
    const float* slice = v.slice(k);
    for (std::size_t n = 0; n < geometry.count(); ++n)
      if (mask.at(n)) values.push_back(slice[n]);
    return medianOf(std::move(values));
  }

  std::optional<SliceMask> seedPsoas(int k, Side side) {
    const auto& c = centre(k);
    // Psoas lies beside the vertebral body; the aorta and vena cava lie in front of it.
    // The kidneys, lateral to it at L1-L3, often touch it with the same density: the box stops
    // short of them.
    const auto roi = box(k, side, 8.0, 60.0, 30.0, 25.0);
    // Psoas hugs the vertebral body: it must come within a few mm of the body's outline (a
    // wide body's outline reaches beyond the typical radius).
    SliceMask nearVertebra = dilate(vertebralBody(k), kPsoasMaxGapToBodyMm);
    for (int j = 0; j < v.ny(); ++j)
      for (int i = 0; i < v.nx(); ++i)
        if (std::hypot(i * v.spacingMm(0) - c.xMm, j * v.spacingMm(1) - c.yMm) <= std::max(c.radiusMm, kMinVertebralRadiusMm) + kPsoasMaxGapToBodyMm)
          nearVertebra.set(i, j, true);
    // Bowel pressed against the psoas joins it through a neck: each piece is split into its
    // lobes and the best-placed lobe is the seed.
    std::vector<SliceMask> candidates;
    for (const auto& piece : components(open(muscle(k) & roi, bridgeCutMm), static_cast<std::size_t>(kMinSeedAreaMm2 / geometry.pixelAreaMm2()))) {
      const double radiusMm = std::max(bridgeCutMm, kLobeRadiusFraction * std::sqrt(piece.areaMm2() / M_PI));
      for (const auto& lobe : components(open(piece, radiusMm), 1)) {
        auto reconstructed = piece & dilate(lobe, radiusMm + geometry.spacingXMm);
        if (reconstructed.areaMm2() >= kMinSeedAreaMm2) candidates.push_back(std::move(reconstructed));
      }
    }
    std::optional<SliceMask> best;
    double bestScore = 0.0;
    for (const auto& candidate : candidates) {
      const auto centroid = centroidOf(candidate);
      if (!candidate.overlaps(nearVertebra)) continue;
      // Osteoporotic cancellous bone (100-170 HU) falls inside the muscle window where the
      // cortex around it is thin: a piece that dense is the vertebral body, not the psoas.
      if (medianHu(k, candidate) > kDenseBoneHu) continue;
      const double distanceMm = std::hypot(lateralSign(side) * (centroid.xMm - c.xMm) - kPsoasExpectedLateralMm,
                                           centroid.yMm - c.yMm - kPsoasExpectedPosteriorMm);
      const double score = candidate.areaMm2() * std::exp(-distanceMm * distanceMm / (2.0 * 15.0 * 15.0));
      if (score > bestScore) {
        bestScore = score;
        best = fillHoles(candidate);
      }
    }
    return best;
  }

  // Pixels of `candidate` from which the straight line to the pelvic cavity's centre (in
  // front of the sacrum) does not cross the wing: the wing's inner side. The gluteal
  // muscles on its outer surface see the centre only through the bone.
  SliceMask facingPelvicCavity(int k, const SliceMask& candidate, const SliceMask& wing) const {
    const double centreX = centre(k).xMm, centreY = centre(k).yMm - kPelvicCavityAheadOfSpineMm;
    SliceMask out(geometry);
    const double stepMm = 0.5 * std::min(geometry.spacingXMm, geometry.spacingYMm);
    for (int j = 0; j < v.ny(); ++j)
      for (int i = 0; i < v.nx(); ++i) {
        if (!candidate.at(i, j)) continue;
        const double x0 = i * geometry.spacingXMm, y0 = j * geometry.spacingYMm;
        const double length = std::hypot(centreX - x0, centreY - y0);
        bool blocked = false;
        // Start beyond the thickened wing next to the pixel: muscle lies right against it.
        for (double t = 2.5 * geometry.spacingXMm; t < length && !blocked; t += stepMm) {
          const int wi = static_cast<int>(std::lround((x0 + (centreX - x0) * t / length) / geometry.spacingXMm));
          const int wj = static_cast<int>(std::lround((y0 + (centreY - y0) * t / length) / geometry.spacingYMm));
          blocked = wi >= 0 && wj >= 0 && wi < v.nx() && wj < v.ny() && wing.at(wi, wj);
        }
        out.set(i, j, !blocked);
      }
    return out;
  }

  // Pixels posterior of the wing's most anterior pixel.
  SliceMask behindAnteriorTip(const SliceMask& wing) const {
    int tipRow = v.ny();
    for (int j = 0; j < v.ny() && tipRow == v.ny(); ++j)
      for (int i = 0; i < v.nx(); ++i)
        if (wing.at(i, j)) {
          tipRow = j;
          break;
        }
    SliceMask out(geometry);
    for (int j = tipRow + 1; j < v.ny(); ++j)
      for (int i = 0; i < v.nx(); ++i) out.set(i, j, true);
    return out;
  }

  // Pixels with wing bone further out on the same row: muscle beyond the wing's edge (the
  // abdominal wall at the crest, the gluteal muscles) has none.
  SliceMask medialToWing(const SliceMask& wing, Side side) const {
    SliceMask out(geometry);
    const double sign = lateralSign(side);
    for (int j = 0; j < v.ny(); ++j) {
      // The wing's outermost pixel on this row, as a lateral coordinate (sign * x).
      double outermost = -1e9;
      for (int i = 0; i < v.nx(); ++i)
        if (wing.at(i, j)) outermost = std::max(outermost, sign * i * geometry.spacingXMm);
      for (int i = 0; i < v.nx(); ++i) out.set(i, j, sign * i * geometry.spacingXMm < outermost);
    }
    return out;
  }

  // Muscle on the inner surface of the iliac wing on slice k: facing the pelvic cavity,
  // within a few cm of the wing, in pieces that touch the wing, and not held by the psoas.
  SliceMask iliacusOnWing(int k, Side side) {
    const auto wing = iliacBone(v, centre(k), k, side);
    if (wing.empty()) return SliceMask(geometry);
    const auto distance = distanceToMaskMm(wing);
    SliceMask nearWing(geometry);
    for (std::size_t n = 0; n < geometry.count(); ++n) nearWing.set(n, distance[n] <= kIliacusMaxDistanceFromWingMm);
    const auto others = dilate(occupied(k, Structure{Muscle::Iliacus, side}), 1.5);
    auto candidate = (muscle(k) & nearWing & box(k, side, 25.0, 250.0, 250.0, 250.0)).minus(others);
    // At coarse resolution a thin wing shows gaps; closed and thickened by a pixel it blocks
    // every ray that should be blocked.
    const auto solidWing = dilate(close(wing, kWingGapMm), geometry.spacingXMm);
    candidate = facingPelvicCavity(k, candidate, solidWing) & medialToWing(solidWing, side);
    // The iliacus lies in front of the sacroiliac joints; the muscles behind them are not it.
    candidate = candidate & box(k, side, 0.0, 250.0, 250.0, kIliacusMaxPosteriorMm);
    // ... and behind the wing's anterior tip: in front of it lie the abdominal wall muscles,
    // which meet the wing there.
    candidate = candidate & behindAnteriorTip(wing);
    // Partial volume separates muscle from cortex by about a pixel, so "touching the wing"
    // means within one and a half pixels and a little more. Bowel lying on the iliacus has
    // the same density but is a basin of its own that does not reach the bone.
    const auto touchingWing = dilate(wing, 1.5 * geometry.spacingXMm + 2.0);
    candidate = basinsTouching(k, componentsTouching(candidate, touchingWing), touchingWing);
    return fillHoles(componentsTouching(candidate, touchingWing)).minus(others);
  }

  // Pixels with no bone in front of them on their column (smaller j is anterior).
  SliceMask noBoneInFront(const SliceMask& bone) const {
    SliceMask out(geometry);
    for (int i = 0; i < v.nx(); ++i) {
      int frontRow = v.ny();
      for (int j = 0; j < v.ny() && frontRow == v.ny(); ++j)
        if (bone.at(i, j)) frontRow = j;
      for (int j = 0; j < frontRow; ++j) out.set(i, j, true);
    }
    return out;
  }

  // Below the fossa the iliacus leaves the wing's inner surface (below the arcuate line the
  // wall of the true pelvis carries the obturator internus) and passes over the anterior margin
  // of the ilium and in front of the hip: it has no bone in front of it on its column, and it
  // lies medial of the bone's outermost point (the gluteal and other hip muscles lie behind
  // the bone or beside it). The pixels of `candidate` that lie so.
  SliceMask inFrontOfPelvicBone(int k, Side side, const SliceMask& candidate) const {
    const auto bone = iliacBone(v, centre(k), k, side);
    if (bone.empty()) return candidate;
    const auto solidBone = dilate(close(bone, kWingGapMm), geometry.spacingXMm);
    const double sign = lateralSign(side);
    double outermostMm = -1e9; // lateral coordinate sign * x
    for (int j = 0; j < v.ny(); ++j)
      for (int i = 0; i < v.nx(); ++i)
        if (bone.at(i, j)) outermostMm = std::max(outermostMm, sign * i * geometry.spacingXMm);
    SliceMask out = candidate & noBoneInFront(solidBone);
    for (int j = 0; j < v.ny(); ++j)
      for (int i = 0; i < v.nx(); ++i)
        if (out.at(i, j) && sign * i * geometry.spacingXMm > outermostMm) out.set(i, j, false);
    return out;
  }

  // Muscle in front of the pelvic bone (above) and within a few cm of it; `onBone`: only what
  // touches it, in basins that reach it.
  SliceMask iliacusBelowBrim(int k, Side side, bool onBone) const {
    const auto bone = iliacBone(v, centre(k), k, side);
    if (bone.empty()) return SliceMask(geometry);
    const auto distance = distanceToMaskMm(bone);
    SliceMask nearBone(geometry);
    for (std::size_t n = 0; n < geometry.count(); ++n) nearBone.set(n, distance[n] <= kIliacusMaxDistanceFromWingMm);
    auto candidate = inFrontOfPelvicBone(k, side, muscle(k) & nearBone & box(k, side, 25.0, 250.0, 250.0, kIliacusMaxPosteriorMm));
    if (!onBone) return candidate;
    const auto touchingBone = dilate(bone, 1.5 * geometry.spacingXMm + 2.0);
    candidate = basinsTouching(k, componentsTouching(candidate, touchingBone), touchingBone);
    return fillHoles(componentsTouching(candidate, touchingBone));
  }

  // The pixels of `candidate` in basins that have a pixel in `anchor`.
  SliceMask basinsTouching(int k, const SliceMask& candidate, const SliceMask& anchor) const {
    const auto& labels = basins(k);
    std::vector<bool> anchored(*std::max_element(labels.begin(), labels.end()) + 1, false);
    for (std::size_t n = 0; n < labels.size(); ++n)
      if (candidate.at(n) && anchor.at(n)) anchored[labels[n]] = true;
    SliceMask out(geometry);
    for (std::size_t n = 0; n < labels.size(); ++n) out.set(n, candidate.at(n) && anchored[labels[n]]);
    return out;
  }

  std::optional<SliceMask> seedIliacus(int k, Side side) {
    const auto pieces = components(iliacusOnWing(k, side), static_cast<std::size_t>(kMinSeedAreaMm2 / 2 / geometry.pixelAreaMm2()));
    if (pieces.empty()) return std::nullopt;
    return pieces.front();
  }

  // Within the fossa the wing bounds the iliacus, so its crescent may change shape quickly:
  // each slice takes the wing's muscle pieces that come near the outline of the slice before.
  void followAlongWing(Structure s, int from, int step, int stopAt) {
    for (int k = from + step; k != stopAt + step && k >= 0 && k < v.nz(); k += step) {
      const auto& previous = mask(k - step, s);
      if (previous.areaMm2() < kMinTrackedAreaMm2) return;
      auto here = componentsTouching(iliacusOnWing(k, s.side), dilate(previous, kIliacusReachMm));
      if (here.areaMm2() < kMinTrackedAreaMm2) return;
      mask(k, s) = std::move(here);
    }
  }

  // Where the outline of slice k + 1 would lie on slice k if the muscle kept moving as it did
  // from slice k + 2 to k + 1. Over the pelvic brim and in front of the hip the psoas runs
  // obliquely forwards and outwards, locally faster than the reach per slice; its course is
  // smooth, so the last step predicts the next. The predicted step is at most one reach. (While
  // the iliacus lies on the bone it turns, from the wing round its anterior margin to the front
  // of the hip, and its last step predicts nothing; there it is taken up again on the bone.)
  SliceMask predictedOutline(int k, Structure s) const {
    const auto& previous = masks[static_cast<std::size_t>(k + 1)][indexOf(s)];
    if (k + 2 >= v.nz() || previous.empty()) return previous;
    const auto& before = masks[static_cast<std::size_t>(k + 2)][indexOf(s)];
    if (before.empty()) return previous;
    const auto from = centroidOf(before), to = centroidOf(previous);
    double dxMm = to.xMm - from.xMm, dyMm = to.yMm - from.yMm;
    const double stepMm = std::hypot(dxMm, dyMm);
    if (stepMm > reachMm) dxMm *= reachMm / stepMm, dyMm *= reachMm / stepMm;
    const int di = static_cast<int>(std::lround(dxMm / geometry.spacingXMm));
    const int dj = static_cast<int>(std::lround(dyMm / geometry.spacingYMm));
    SliceMask out(geometry);
    for (int j = 0; j < v.ny(); ++j)
      for (int i = 0; i < v.nx(); ++i)
        if (previous.at(i, j) && i + di >= 0 && j + dj >= 0 && i + di < v.nx() && j + dj < v.ny()) out.set(i + di, j + dj, true);
    return out;
  }

  // One side's psoas and iliacus on slice k below the fossa, from their outlines on slice
  // k + 1. Split rule for the merged part: a pixel only one candidate holds is that muscle's; a
  // pixel both hold goes to the muscle whose expected outline (the one on the slice above, moved
  // along its course) is nearer: each belly continues its own course; ties go to psoas. Only
  // then is each capped (iliopsoas only narrows towards the lesser trochanter), so a cap never
  // hands one muscle's pixels to the other. Returns whether any survives.
  bool followIliopsoas(int k, Side side, std::array<bool, 4>& alive) {
    const std::array<Structure, 2> pair{Structure{Muscle::PsoasMajor, side}, Structure{Muscle::Iliacus, side}};
    SliceMask forbidden(geometry);
    std::array<SliceMask, 2> candidates{SliceMask(geometry), SliceMask(geometry)};
    for (Structure other : kStructures)
      if (other.side != side) forbidden = forbidden | mask(k + 1, other); // never cross the midline
    std::array<std::vector<float>, 2> distances;
    for (std::size_t m = 0; m < 2; ++m) {
      if (!alive[indexOf(pair[m])]) continue;
      const auto& previous = mask(k + 1, pair[m]);
      const bool psoas = pair[m].muscle == Muscle::PsoasMajor;
      Limits limits;
      limits.maxGrowthRatio = kUncapped;
      // No elliptical prior here: the psoas flattens against the iliacus and moves forwards and
      // outwards about as fast as it descends; an ellipse anchored on the slice above would
      // cut off its leading edge slice after slice.
      limits.elliptical = false;
      limits.thin = !psoas;
      const auto allowed = psoas ? psoasRegion(k, side, false) : everywhere();
      // The iliacus' course is predictable only once it has left the bone (in front of the hip).
      const bool predictable = psoas || !previous.overlaps(dilate(iliacBone(v, centre(k + 1), k + 1, side), 1.5 * geometry.spacingXMm + 2.0));
      const auto expected = predictable ? previous | predictedOutline(k, pair[m]) : previous;
      candidates[m] = propagate(k, expected, allowed, forbidden, limits);
      if (psoas) {
        candidates[m] = smoothOutline(candidates[m], expected);
      } else {
        candidates[m] = componentsTouching(inFrontOfPelvicBone(k, side, candidates[m]), previous);
        // Over the anterior margin of the ilium the iliacus slides along the bone faster than
        // the reach: when it is lost near its outline, it is taken up again on the bone nearby
        // (as on the wing, the bone bounds it).
        if (candidates[m].areaMm2() < kShrinkRetryFraction * previous.areaMm2()) {
          // Not what the psoas' candidate holds: the psoas lies on the pelvic bone too (over the
          // pubic ramus), and a piece that includes it would go to the psoas whole in the split
          // below (its outline is the nearer), leaving the iliacus nothing.
          const auto psoasHeld = dilate(candidates[0], geometry.spacingXMm);
          const auto onBone = iliacusBelowBrim(k, side, true).minus(psoasHeld);
          const auto nearOutline = componentsTouching(onBone, dilate(previous, kIliacusReachMm)).minus(forbidden);
          const auto pieces = components(nearOutline, 1);
          if (!pieces.empty() && pieces.front().areaMm2() > candidates[m].areaMm2()) candidates[m] = pieces.front();
        }
        // It is not taken up again off the bone: in front of the hip and in the thigh, muscle
        // within reach of its outline that the psoas does not hold is mostly the thigh's own
        // muscle in front of it (or the psoas' share, which the split rule below would then give
        // away). Lost there, it ends.
      }
      // Measured from where the outline is expected (its motion included): a psoas moving
      // forwards and outwards towards an iliacus beside it otherwise loses its leading edge
      // to the iliacus slice after slice (on the MR phantom it was eaten up within 20 mm).
      distances[m] = distanceToMaskMm(expected);
    }
    const auto candidateUnion = candidates[0] | candidates[1];
    bool any = false;
    SliceMask droppedByPsoas(geometry);
    for (std::size_t m = 0; m < 2; ++m) {
      if (!alive[indexOf(pair[m])]) continue;
      const std::size_t other = 1 - m;
      // A pixel only one candidate holds is that muscle's; only pixels both hold are split by
      // the nearer expected outline. (Splitting every pixel by distance gave the psoas the
      // medial end of the iliacus' crescent where the crescent turns from the wing towards the
      // psoas, over the acetabulum: the psoas' outline is the nearer there.)
      const bool otherAlive = alive[indexOf(pair[other])];
      SliceMask here(geometry);
      for (std::size_t n = 0; n < geometry.count(); ++n) {
        if (!candidateUnion.at(n)) continue;
        if (!otherAlive || !candidates[other].at(n)) {
          here.set(n, candidates[m].at(n));
          continue;
        }
        if (!candidates[m].at(n)) continue;
        const bool otherNearer =
            distances[other][n] < distances[m][n] || (distances[other][n] == distances[m][n] && m == 1);
        here.set(n, !otherNearer);
      }
      // Each belly narrows on its own: capping them apart keeps one from taking over the other.
      const auto& previous = mask(k + 1, pair[m]);
      const double maxAreaMm2 = kMaxCaudalPelvicGrowthRatio * previous.areaMm2();
      if (mergedWithThigh(k, pair[m], here.areaMm2() > kMergedWithThighRatio * maxAreaMm2)) {
        // It ends on the slice above the merge: that slice's outline was already a patch.
        mask(k + 1, pair[m]) = SliceMask(geometry);
        alive[indexOf(pair[m])] = false;
        continue;
      }
      // What the psoas' share held beyond its cap and the iliacus' candidate holds is the
      // iliacus' (it would otherwise be left to neither: holes in the merged belly).
      if (m == 1) here = here | (droppedByPsoas & candidates[1]);
      const auto uncapped = here;
      if (here.areaMm2() > maxAreaMm2) here = nearestToOutline(here, previous, maxAreaMm2);
      // Below the femoral heads' centre each belly is one piece in its sheath. The iliacus is
      // not required to touch the psoas there: its thin medial edge lies beside the psoas in
      // one fat-bounded compartment, and the narrow window's outline leaves a gap of several
      // mm between them (on the phantoms such a rule ended the iliacus 50 mm above its true
      // end). Where it runs into the thigh's muscles instead, the merge rule above ends it.
      if (k < femoralHeadsSlice) here = largestComponent(here);
      if (here.areaMm2() < kMinTrackedAreaMm2) {
        alive[indexOf(pair[m])] = false;
        continue;
      }
      if (m == 0) droppedByPsoas = uncapped.minus(here);
      mask(k, pair[m]) = std::move(here);
      any = true;
    }
    return any;
  }

  // Counts a muscle's merged slices below the femoral heads; true when it is to end here.
  bool mergedWithThigh(int k, Structure s, bool merged) {
    const auto n = indexOf(s);
    mergedSlices[n] = merged && k < femoralHeadsSlice ? mergedSlices[n] + 1 : 0;
    if (mergedSlices[n] < kMergedWithThighSlices) return false;
    endedInThigh[n] = true;
    return true;
  }

  // Follows `s` from slice `from` (exclusive) in direction `step` while it stays large enough.
  // `maxAreaMm2` (optional) caps the outline per slice, keeping the pixels nearest the
  // previous outline.
  int follow(Structure s, int from, int step, int stopAt, const std::function<SliceMask(int)>& constraint = {},
             const Limits& limits = {}, const std::function<double(int)>& maxAreaMm2 = {}) {
    int k = from + step;
    for (; k != stopAt + step && k >= 0 && k < v.nz(); k += step) {
      const auto& previous = mask(k - step, s);
      if (previous.areaMm2() < kMinTrackedAreaMm2) break;
      auto here = propagate(k, previous, constraint ? constraint(k) : everywhere(), dilate(occupied(k, s), 0.1), limits);
      if (maxAreaMm2 && here.areaMm2() > maxAreaMm2(k)) here = nearestToOutline(here, previous, maxAreaMm2(k));
      if (here.areaMm2() < kMinTrackedAreaMm2) break;
      mask(k, s) = here;
    }
    return k - step;
  }
};

// Where the psoas is seeded: the slice on the working grid, and the place in words (messages
// name it so: working-grid slice numbers mean nothing to the user).
struct SeedPlace {
  int slice = 0;
  std::string description;
};

SeedPlace seedPlace(const LevelSet& levels, const SpineTrack& spine, int crest, double dz) {
  for (const char* name : {"L3", "L4", "L2"})
    if (const auto* level = levels.find(name)) return {level->sliceIndex, std::string("mid-") + name};
  if (crest >= 0)
    return {std::min(spine.lastSlice, crest + static_cast<int>(std::lround(40.0 / dz))), "40 mm above the iliac crests"};
  return {(spine.firstSlice + spine.lastSlice) / 2, "half-way up the vertebral column in view"};
}

} // namespace

MuscleTrackingResult trackMuscles(const CanonicalVolume& v, const SpineTrack& spine, const LevelSet& nativeLevels,
                                  int nativeSlicesPerSlice) {
  LevelSet levels = nativeLevels;
  for (auto& level : levels.levels) level.sliceIndex /= nativeSlicesPerSlice;
  MuscleTrackingResult result;
  result.labels.assign(static_cast<std::size_t>(v.nx()) * v.ny() * v.nz(), 0);
  Tracker tracker(v, spine);
  const double dz = v.spacingMm(2);
  const int crest = iliacCrestSlice(v, spine);
  const SeedPlace seedAt = seedPlace(levels, spine, crest, dz);
  const int psoasSeed = seedAt.slice;
  // Psoas arises from the bodies of T12 and L1: it is followed up to the T12/L1 disc.
  // The named level decides even where the column's tracking ended lower (the dense core of
  // T12 and L1 can be lost among enhancing kidneys and crura); the column's last centre stands in.
  int psoasTop = spine.lastSlice;
  const int levelTopLimit = v.nz() - 1;
  if (const auto* t12l1 = levels.find("T12/L1")) psoasTop = std::min(levelTopLimit, t12l1->sliceIndex);
  else if (const auto* l1 = levels.find("L1")) {
    // Half a vertebra above mid-L1, where the T12/L1 disc would be.
    const auto* l2 = levels.find("L2");
    psoasTop = std::min(levelTopLimit, l1->sliceIndex + (l2 ? (l1->sliceIndex - l2->sliceIndex) / 2 : 0));
  }

  std::vector<SliceMask> psoasSeeds;
  for (Side side : kSides) {
    const Structure psoas{Muscle::PsoasMajor, side};
    auto seed = tracker.seedPsoas(psoasSeed, side);
    if (!seed) {
      result.warnings.push_back("no " + structureDisplayName(psoas) + " found beside the vertebral body at " +
                                seedAt.description);
      continue;
    }
    tracker.mask(psoasSeed, psoas) = *seed;
    psoasSeeds.push_back(*seed);
  }
  tracker.learnMuscleWindow(psoasSeed, psoasSeeds);
  result.muscleLowHu = tracker.lowHu;
  result.muscleHighHu = tracker.highHu;
  result.muscleMeanHu = tracker.muscleMeanHu;
  // The bladder, rectum and pelvic bowel lie between the psoas below the pelvic brim (the
  // bottom of the iliac fossa); at S1 the psoas still lies against the promontory.
  if (crest >= 0) tracker.pelvisTopSlice = crest - static_cast<int>(std::lround(kIliacFossaDepthMm / dz));
  else if (const auto* l5s1 = levels.find("L5/S1")) tracker.pelvisTopSlice = l5s1->sliceIndex - static_cast<int>(std::lround(kIliacFossaDepthMm / 2 / dz));
  // Above mid-L1 the psoas tapers to its origin at the T12/L1 disc: where no fat plane shows its
  // border (on the right the liver and the crus press on it) the outline would keep its area to
  // the top. Its area is capped by a linear taper from mid-L1 to nothing at the origin.
  const auto* midL1 = levels.find("L1");
  const int taperFrom = midL1 && midL1->sliceIndex > psoasSeed && midL1->sliceIndex < psoasTop ? midL1->sliceIndex : -1;
  for (Side side : kSides) {
    const Structure psoas{Muscle::PsoasMajor, side};
    if (tracker.mask(psoasSeed, psoas).empty()) continue;
    const auto taperedArea = [&](int k) {
      if (taperFrom < 0 || k <= taperFrom) return kUncapped;
      const double remainingFraction = static_cast<double>(psoasTop + 1 - k) / (psoasTop + 1 - taperFrom);
      return tracker.mask(taperFrom, psoas).areaMm2() * remainingFraction;
    };
    tracker.follow(psoas, psoasSeed, +1, psoasTop, [&](int k) { return tracker.psoasRegion(k, side, true); },
                   Limits{kMaxCranialGrowthRatio, true, true}, taperedArea);
  }

  const int fossaBottom = crest >= 0 ? std::max(0, crest - static_cast<int>(std::lround(kIliacFossaDepthMm / dz))) : -1;
  // Psoas alone down to the bottom of the iliac fossa; the iliacus is then found beside it.
  for (Side side : kSides)
    if (!tracker.mask(psoasSeed, {Muscle::PsoasMajor, side}).empty())
      tracker.follow({Muscle::PsoasMajor, side}, psoasSeed, -1, std::max(fossaBottom, 0),
                     [&](int k) { return tracker.psoasRegion(k, side, false); }, Limits{0.0, true});
  // The seed was taken whole from its lobe, without the elliptical prior: touching bowel or a
  // vessel can still cling to it. Now that the slice below is known, the seed slice is traced
  // again from there like any other slice (going up the psoas only narrows).
  if (psoasSeed > 0)
    for (Side side : kSides) {
      const Structure psoas{Muscle::PsoasMajor, side};
      const auto& below = tracker.mask(psoasSeed - 1, psoas);
      if (below.areaMm2() < kMinTrackedAreaMm2) continue;
      auto again = tracker.propagate(psoasSeed, below, tracker.psoasRegion(psoasSeed, side, false),
                                     dilate(tracker.occupied(psoasSeed, psoas), 0.1), Limits{kMaxCranialGrowthRatio, true, true});
      if (again.areaMm2() >= kMinTrackedAreaMm2) tracker.mask(psoasSeed, psoas) = std::move(again);
    }

  if (fossaBottom >= 0) {
    for (Side side : kSides) {
      const Structure iliacus{Muscle::Iliacus, side};
      // The seed slice: where the muscle on the wing's inner surface is largest.
      int seedSlice = -1;
      std::optional<SliceMask> seed;
      const int highest = crest - static_cast<int>(std::lround(kIliacusSeedBelowCrestMm / 2 / dz));
      for (int k = highest; k >= fossaBottom; --k)
        if (auto candidate = tracker.seedIliacus(k, side); candidate && (!seed || candidate->areaMm2() > seed->areaMm2())) {
          seed = std::move(candidate);
          seedSlice = k;
        }
      if (!seed) {
        result.warnings.push_back("no " + structureDisplayName(iliacus) + " found in the iliac fossa");
        continue;
      }
      tracker.mask(seedSlice, iliacus) = *seed;
      tracker.followAlongWing(iliacus, seedSlice, +1, crest);
      tracker.followAlongWing(iliacus, seedSlice, -1, fossaBottom);
    }
  } else {
    result.warnings.push_back("iliac crests not found: iliacus not segmented");
  }

  // Below the fossa both muscles go down together and merge into iliopsoas (split rule: see
  // followIliopsoas).
  const int start = fossaBottom >= 0 ? fossaBottom : psoasSeed;
  std::array<bool, 4> alive{};
  for (Structure s : kStructures) alive[indexOf(s)] = !tracker.mask(start, s).empty();
  // The iliopsoas ends on the lesser trochanter, about 50 mm below the femoral heads' centre.
  const int heads = femoralHeadSlice(v, spine, start);
  tracker.femoralHeadsSlice = heads;
  const int lowest = heads >= 0 ? std::max(0, heads - static_cast<int>(std::lround(kLesserTrochanterBelowHeadMm / dz))) : 0;
  for (int k = start - 1; k >= lowest; --k) {
    bool any = false;
    for (Side side : kSides) any = tracker.followIliopsoas(k, side, alive) || any;
    if (!any) break;
  }

  for (Structure s : kStructures)
    if (tracker.endedInThigh[indexOf(s)])
      result.warnings.push_back(structureDisplayName(s) +
                                " merges with the thigh's muscles below the femoral heads: not followed down to the "
                                "lesser trochanter");
  for (Side side : kSides) {
    const Structure psoas{Muscle::PsoasMajor, side};
    std::size_t abovePixels = start < v.nz() ? tracker.mask(start, psoas).pixelCount() : 0;
    for (int k = start - 1; k >= 0; --k) {
      tracker.closeIliopsoasGap(k, side, abovePixels);
      abovePixels = tracker.mask(k, psoas).pixelCount();
    }
  }
  for (int k = 0; k < v.nz(); ++k) {
    // The outlines were tracked in the narrow window (so a partial-volume rim never grows into
    // the next slice's outline); each border is placed now, never over another structure.
    std::array<SliceMask, 4> bordered;
    for (Structure s : kStructures)
      bordered[indexOf(s)] = tracker.mask(k, s).empty() ? tracker.mask(k, s)
                                                       : tracker.withBorder(k, tracker.mask(k, s), tracker.occupied(k, s));
    for (Structure s : kStructures) tracker.mask(k, s) = bordered[indexOf(s)];
  }
  for (int k = 0; k < v.nz(); ++k)
    for (Structure s : kStructures) {
      const auto& m = tracker.mask(k, s);
      for (std::size_t n = 0; n < m.geometry().count(); ++n)
        if (m.at(n)) result.labels[static_cast<std::size_t>(k) * v.sliceVoxels() + n] = labelOf(s);
    }
  // The psoas is a smooth spindle: the slice-to-slice jitter of its outlines is voted away. On
  // coarse pixels a 3 x 3 window would be a centimetre wide and wear the small muscle's
  // corners away (its top on 3 mm pixels is a few pixels): the vote is then across slices only.
  const bool finePixels = v.spacingMm(0) <= kMaxInPlaneVotePixelMm;
  for (Side side : kSides)
    majorityVote(result.labels, v.nx(), v.ny(), v.nz(), labelOf({Muscle::PsoasMajor, side}), {finePixels, true});
  // The iliacus' crescent changes shape quickly from slice to slice: its vote is in-plane only.
  if (finePixels)
    for (Side side : kSides)
      majorityVote(result.labels, v.nx(), v.ny(), v.nz(), labelOf({Muscle::Iliacus, side}), {true, false});
  return result;
}

} // namespace iliometry::segmentation
