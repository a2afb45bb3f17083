#include "MuscleTracker.h"

#include "PelvisFinder.h"
#include "SliceMask.h"

#include "iliometry/core/Anatomy.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
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
// Psoas CSA grows by about 2 % per 3 mm caudally from L3 to L5: allow 2.5 % per mm of slice
// spacing plus a small absolute allowance for partial volume.
constexpr double kMaxGrowthPerMm = 0.025;
constexpr double kGrowthAllowanceMm2PerMm = 10.0;
// Going up from the seed the psoas only narrows towards its origin.
constexpr double kMaxCranialGrowthRatio = 1.05;
// Psoas stays in front of the transverse processes and medial of the kidneys.
constexpr double kPsoasMaxPosteriorMm = 25.0;
constexpr double kPsoasMaxLateralAboveSeedMm = 60.0;
constexpr double kMinMuscleSdHu = 10.0;
// Iliacus lies on the inner surface of the iliac wing; it is at most a few cm thick.
constexpr double kIliacusMaxDistanceFromWingMm = 30.0;
constexpr double kIliacusSeedBelowCrestMm = 30.0;
// Where a psoas' centre usually lies relative to the vertebral body's centre at L3-L4.
constexpr double kPsoasExpectedLateralMm = 32.0;
constexpr double kPsoasExpectedPosteriorMm = -5.0;
// The dense core found by the spine tracker under-estimates the vertebral body in osteoporotic
// bone; an adult lumbar body is at least this wide in radius.
constexpr double kMinVertebralRadiusMm = 18.0;

struct Tracker {
  const CanonicalVolume& v;
  const SpineTrack& spine;
  SliceGeometry geometry;
  double reachMm;
  std::vector<std::array<SliceMask, 4>> masks; // per slice, per structure index

  Tracker(const CanonicalVolume& volume, const SpineTrack& track)
      : v(volume), spine(track), geometry{v.nx(), v.ny(), v.spacingMm(0), v.spacingMm(1)},
        // How far an outline may move from one slice to the next: proportional to the slice
        // spacing, never below two pixels.
        reachMm(std::clamp(1.2 * v.spacingMm(2), 2.0 * std::max(v.spacingMm(0), v.spacingMm(1)), 6.0)),
        masks(static_cast<std::size_t>(v.nz())) {
    for (auto& perStructure : masks)
      for (auto& m : perStructure) m = SliceMask(geometry);
  }

  SliceMask& mask(int k, Structure s) { return masks[static_cast<std::size_t>(k)][indexOf(s)]; }
  const SpinePoint& centre(int k) const { return spine.points[static_cast<std::size_t>(k)]; }

  // The muscle window, narrowed to this scan's psoas once the seeds are known.
  float lowHu = kMuscleLowHu, highHu = kMuscleHighHu;

  SliceMask muscle(int k) const {
    const auto bone = dilate(boneMask(v, k), v.spacingMm(0));
    return thresholdSlice(v.slice(k), geometry, lowHu, highHu).minus(bone);
  }

  // Learns the scan's muscle intensity from the psoas seeds (contrast phase, fatty
  // infiltration and scanner calibration all shift it): mean +- 3 SD within the standard
  // window, which keeps urine, bile and fat-rich tissue out.
  void learnMuscleWindow(int k, const std::vector<SliceMask>& seeds) {
    double sum = 0, sumSquares = 0;
    std::size_t count = 0;
    for (const auto& seed : seeds)
      for (std::size_t n = 0; n < geometry.count(); ++n)
        if (seed.at(n)) {
          const double value = v.slice(k)[n];
          sum += value;
          sumSquares += value * value;
          ++count;
        }
    if (count < 20) return;
    const double mean = sum / count;
    const double sd = std::max(kMinMuscleSdHu, std::sqrt(std::max(0.0, sumSquares / count - mean * mean)));
    lowHu = static_cast<float>(std::max<double>(kMuscleLowHu, mean - 3.0 * sd));
    highHu = static_cast<float>(std::min<double>(kMuscleHighHu, mean + 3.0 * sd));
  }

  // Where a psoas may be on slice k: its own side, in front of the transverse processes,
  // and (above the seed, where the kidneys lie beside it) close to the column.
  SliceMask psoasRegion(int k, Side side, bool aboveSeed) const {
    if (!centre(k).present) return SliceMask(geometry) | muscle(k); // below the column: no prior
    return box(k, side, 0.0, aboveSeed ? kPsoasMaxLateralAboveSeedMm : 200.0, 200.0, kPsoasMaxPosteriorMm);
  }

  // Pixels on `side` of the column within a box around the vertebral centre.
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

  SliceMask propagate(const SliceMask& previous, const SliceMask& muscleHere, const SliceMask& forbidden,
                      double maxGrowthRatio = 0.0) const {
    // Opening first cuts one-pixel bridges to touching organs; the reach then bounds how far
    // the outline may move from the slice before.
    auto candidate = (open(muscleHere, geometry.spacingXMm) & dilate(previous, reachMm)).minus(forbidden);
    candidate = componentsTouching(candidate, previous);
    candidate = fillHoles(candidate).minus(forbidden);
    const double dz = v.spacingMm(2);
    const double ratio = maxGrowthRatio > 0.0 ? maxGrowthRatio : 1.0 + kMaxGrowthPerMm * dz;
    const double maxAreaMm2 = ratio * previous.areaMm2() + kGrowthAllowanceMm2PerMm * dz;
    if (candidate.areaMm2() > maxAreaMm2) candidate = candidate & dilate(previous, reachMm / 2);
    return candidate;
  }

  std::optional<SliceMask> seedPsoas(int k, Side side) {
    const auto& c = centre(k);
    // Psoas lies beside the vertebral body; the aorta and vena cava lie in front of it.
    // The kidneys, lateral to it at L1-L3, often touch it with the same density: the box stops
    // short of them.
    const auto roi = box(k, side, 8.0, 60.0, 30.0, 25.0);
    // Psoas hugs the vertebral body: it must come within a few mm of the body's outline.
    SliceMask nearVertebra(geometry);
    for (int j = 0; j < v.ny(); ++j)
      for (int i = 0; i < v.nx(); ++i)
        nearVertebra.set(i, j, std::hypot(i * v.spacingMm(0) - c.xMm, j * v.spacingMm(1) - c.yMm) <= std::max(c.radiusMm, kMinVertebralRadiusMm) + 12.0);
    const auto candidates = components(open(muscle(k) & roi, 1.5), static_cast<std::size_t>(kMinSeedAreaMm2 / geometry.pixelAreaMm2()));
    std::optional<SliceMask> best;
    double bestScore = 0.0;
    for (const auto& candidate : candidates) {
      const auto centroid = centroidOf(candidate);
      if (std::getenv("ILIOMETRY_DEBUG"))
        std::fprintf(stderr, "psoas seed side %d r %.1f area %.0f dx %.1f dy %.1f near %d\n", int(lateralSign(side)), c.radiusMm, candidate.areaMm2(),
                     lateralSign(side) * (centroid.xMm - c.xMm), centroid.yMm - c.yMm, int(candidate.overlaps(nearVertebra)));
      if (!candidate.overlaps(nearVertebra)) continue;
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

  std::optional<SliceMask> seedIliacus(int k, Side side) {
    const auto wing = iliacBone(v, centre(k), k, side);
    if (wing.empty()) return std::nullopt;
    const auto hull = convexHull(boneMask(v, k));
    const auto distance = distanceToMaskMm(wing);
    SliceMask nearWing(geometry);
    for (std::size_t n = 0; n < geometry.count(); ++n) nearWing.set(n, distance[n] <= kIliacusMaxDistanceFromWingMm);
    const auto candidate = (muscle(k) & hull & nearWing & box(k, side, 25.0, 250.0, 250.0, 250.0)).minus(dilate(occupied(k), 1.5));
    const auto pieces = components(open(candidate, 1.5), static_cast<std::size_t>(kMinSeedAreaMm2 / 2 / geometry.pixelAreaMm2()));
    const auto touching = dilate(wing, 4.0);
    for (const auto& piece : pieces)
      if (piece.overlaps(touching)) return fillHoles(piece);
    return std::nullopt;
  }

  // Follows `s` from slice `from` (exclusive) in direction `step` while it stays large enough.
  int follow(Structure s, int from, int step, int stopAt, const std::function<SliceMask(int)>& constraint = {},
             double maxGrowthRatio = 0.0) {
    int k = from + step;
    for (; k != stopAt + step && k >= 0 && k < v.nz(); k += step) {
      const auto& previous = mask(k - step, s);
      if (previous.areaMm2() < kMinTrackedAreaMm2 || !centre(k).present) break;
      auto here = propagate(previous, constraint ? muscle(k) & constraint(k) : muscle(k), dilate(occupied(k, s), 0.1),
                            maxGrowthRatio);
      if (std::getenv("ILIOMETRY_DEBUG")) std::fprintf(stderr, "follow %d k %d prev %.0f here %.0f\n", labelOf(s), k, previous.areaMm2(), here.areaMm2());
      if (here.areaMm2() < kMinTrackedAreaMm2) break;
      mask(k, s) = here;
    }
    return k - step;
  }
};

int seedSlice(const LevelSet& levels, const SpineTrack& spine, int crest, double dz) {
  for (const char* name : {"L3", "L4", "L2"})
    if (const auto* level = levels.find(name)) return level->sliceIndex;
  if (crest >= 0) return std::min(spine.lastSlice, crest + static_cast<int>(std::lround(40.0 / dz)));
  return (spine.firstSlice + spine.lastSlice) / 2;
}

} // namespace

MuscleTrackingResult trackMuscles(const CanonicalVolume& v, const SpineTrack& spine, const LevelSet& levels) {
  MuscleTrackingResult result;
  result.labels.assign(static_cast<std::size_t>(v.nx()) * v.ny() * v.nz(), 0);
  Tracker tracker(v, spine);
  const double dz = v.spacingMm(2);
  const int crest = iliacCrestSlice(v, spine);
  const int psoasSeed = seedSlice(levels, spine, crest, dz);
  // Psoas arises from T12 and L1: do not follow it above the middle of T12.
  int psoasTop = spine.lastSlice;
  if (const auto* t12 = levels.find("T12")) psoasTop = std::min(psoasTop, t12->sliceIndex);

  std::vector<SliceMask> psoasSeeds;
  for (Side side : kSides) {
    const Structure psoas{Muscle::PsoasMajor, side};
    auto seed = tracker.seedPsoas(psoasSeed, side);
    if (!seed) {
      result.warnings.push_back("no " + structureDisplayName(psoas) + " found beside the vertebral body at slice " +
                                std::to_string(psoasSeed));
      continue;
    }
    tracker.mask(psoasSeed, psoas) = *seed;
    psoasSeeds.push_back(*seed);
  }
  tracker.learnMuscleWindow(psoasSeed, psoasSeeds);
  for (Side side : kSides)
    if (!tracker.mask(psoasSeed, {Muscle::PsoasMajor, side}).empty())
      tracker.follow({Muscle::PsoasMajor, side}, psoasSeed, +1, psoasTop,
                     [&](int k) { return tracker.psoasRegion(k, side, true); }, kMaxCranialGrowthRatio);

  const int iliacusSeed = crest >= 0 ? crest - static_cast<int>(std::lround(kIliacusSeedBelowCrestMm / dz)) : -1;
  // Psoas alone down to the iliacus seed slice: iliacus has no seed yet above it.
  for (Side side : kSides)
    if (!tracker.mask(psoasSeed, {Muscle::PsoasMajor, side}).empty())
      tracker.follow({Muscle::PsoasMajor, side}, psoasSeed, -1, std::max(iliacusSeed, 0),
                     [&](int k) { return tracker.psoasRegion(k, side, false); });

  if (iliacusSeed > 0) {
    for (Side side : kSides) {
      const Structure iliacus{Muscle::Iliacus, side};
      auto seed = tracker.seedIliacus(iliacusSeed, side);
      if (!seed) {
        result.warnings.push_back("no " + structureDisplayName(iliacus) + " found in the iliac fossa at slice " +
                                  std::to_string(iliacusSeed));
        continue;
      }
      tracker.mask(iliacusSeed, iliacus) = *seed;
      // Up to the crest the iliacus stays on the wing's inner surface.
      tracker.follow(iliacus, iliacusSeed, +1, crest, [&](int k) {
        const auto wing = iliacBone(v, tracker.centre(k), k, side);
        const auto distance = distanceToMaskMm(wing);
        SliceMask near(tracker.geometry);
        for (std::size_t n = 0; n < near.geometry().count(); ++n) near.set(n, distance[n] <= kIliacusMaxDistanceFromWingMm);
        return near & convexHull(boneMask(v, k));
      });
    }
  } else {
    result.warnings.push_back("iliac crests not found: iliacus not segmented");
  }

  // Below the iliacus seed both muscles go down together and merge into iliopsoas. Split
  // rule: a pixel both could claim goes to the muscle whose outline on the slice above is
  // nearer (each belly continues its own course).
  const int start = iliacusSeed > 0 ? iliacusSeed : psoasSeed;
  std::array<bool, 4> alive{};
  for (Structure s : kStructures) alive[indexOf(s)] = !tracker.mask(start, s).empty();
  for (int k = start - 1; k >= 0; --k) {
    std::array<SliceMask, 4> candidates;
    std::array<std::vector<float>, 4> distances;
    bool any = false;
    for (Structure s : kStructures) {
      if (!alive[indexOf(s)]) continue;
      const auto& previous = tracker.mask(k + 1, s);
      SliceMask forbidden(tracker.geometry);
      for (Structure other : kStructures)
        if (other.side != s.side) forbidden = forbidden | tracker.mask(k + 1, other); // never cross the midline
      const auto allowed = s.muscle == Muscle::PsoasMajor ? tracker.psoasRegion(k, s.side, false) : tracker.muscle(k);
      candidates[indexOf(s)] = tracker.propagate(previous, tracker.muscle(k) & allowed, forbidden);
      distances[indexOf(s)] = distanceToMaskMm(previous);
      if (candidates[indexOf(s)].areaMm2() < kMinTrackedAreaMm2) alive[indexOf(s)] = false;
      else any = true;
    }
    if (!any) break;
    for (Structure s : kStructures) {
      if (!alive[indexOf(s)]) continue;
      auto& here = tracker.mask(k, s);
      here = candidates[indexOf(s)];
      for (Structure other : kStructures) {
        if (other == s || !alive[indexOf(other)]) continue;
        for (std::size_t n = 0; n < here.geometry().count(); ++n)
          if (here.at(n) && candidates[indexOf(other)].at(n) &&
              (distances[indexOf(other)][n] < distances[indexOf(s)][n] ||
               (distances[indexOf(other)][n] == distances[indexOf(s)][n] && labelOf(other) < labelOf(s))))
            here.set(n, false);
      }
    }
  }

  for (int k = 0; k < v.nz(); ++k)
    for (Structure s : kStructures) {
      const auto& m = tracker.mask(k, s);
      for (std::size_t n = 0; n < m.geometry().count(); ++n)
        if (m.at(n)) result.labels[static_cast<std::size_t>(k) * v.sliceVoxels() + n] = labelOf(s);
    }
  return result;
}

} // namespace iliometry::segmentation
