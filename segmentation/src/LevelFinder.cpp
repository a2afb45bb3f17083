#include "LevelFinder.h"

#include "Median.h"
#include "SliceMask.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace iliometry::segmentation {

namespace {

constexpr double kProfileRadiusMm = 12.0;
// Lumbar vertebra plus disc heights are about 30-45 mm; accept some slack for small patients.
constexpr double kMinDiscSpacingMm = 22.0;
// The L5/S1 disc lies about half a disc above the sacrum's top endplate; tilted slices may
// show it overlapping the top of the alae.
constexpr double kL5S1AboveSacrumTopMm = 5.0;
constexpr double kSacrumDiscOverlapMm = 6.0;
constexpr double kMaxDiscSpacingMm = 50.0;
constexpr double kDiscDipCostHu = 30.0;
// Adjacent lumbar vertebrae differ in height by a few millimetres: each millimetre of change
// between consecutive disc gaps beyond that costs as much as this much dip depth.
constexpr double kGapChangeCostHuPerMm = 6.0;
constexpr double kFreeGapChangeMm = 4.0;
constexpr double kMinDiscDipHu = 12.0;
constexpr double kDiscWindowMm = 9.0;
// A disc with its partial volume is 8-12 mm tall: the profile is smoothed well within that.
constexpr double kProfileSmoothingSigmaMm = 2.0;
constexpr double kMaxSliceResolvingDiscsMm = 4.5;
// Left-right width of the bone band through the vertebral centre: about 50 mm at lumbar
// bodies, up to 95 mm where the large L5 transverse processes enter the band, 100 mm or
// more through the sacral alae and the sacroiliac joints.
constexpr double kSacralWidthMm = 100.0;
constexpr double kSacralContinueWidthMm = 95.0;
// The sacral alae and joints span several centimetres; a long transverse process a centimetre.
constexpr double kMinSacralRunMm = 20.0;
constexpr double kSeenBelowSacrumMm = 10.0;
constexpr double kBandHalfHeightMm = 12.0;

std::vector<double> columnProfile(const CanonicalVolume& v, const SpineTrack& spine) {
  std::vector<double> profile(static_cast<std::size_t>(v.nz()), 0.0);
  for (int k = spine.firstSlice; k <= spine.lastSlice; ++k) {
    const auto& p = spine.points[static_cast<std::size_t>(k)];
    double sum = 0;
    int count = 0;
    const int ri = static_cast<int>(kProfileRadiusMm / v.spacingMm(0)) + 1, rj = static_cast<int>(kProfileRadiusMm / v.spacingMm(1)) + 1;
    const int ci = static_cast<int>(std::lround(p.xMm / v.spacingMm(0))), cj = static_cast<int>(std::lround(p.yMm / v.spacingMm(1)));
    for (int j = std::max(0, cj - rj); j <= std::min(v.ny() - 1, cj + rj); ++j)
      for (int i = std::max(0, ci - ri); i <= std::min(v.nx() - 1, ci + ri); ++i)
        if (std::hypot((i - ci) * v.spacingMm(0), (j - cj) * v.spacingMm(1)) <= kProfileRadiusMm) {
          sum += v.at(i, j, k);
          ++count;
        }
    profile[static_cast<std::size_t>(k)] = count ? sum / count : 0.0;
  }
  return profile;
}

double boneBandWidthMm(const CanonicalVolume& v, const SpinePoint& p, int k) {
  const SliceGeometry geometry{v.nx(), v.ny(), v.spacingMm(0), v.spacingMm(1)};
  auto bone = close(thresholdSlice(v.slice(k), geometry, 150.0f, 1e9f), 3.0);
  SliceMask seed(geometry);
  const int ci = static_cast<int>(std::lround(p.xMm / v.spacingMm(0))), cj = static_cast<int>(std::lround(p.yMm / v.spacingMm(1)));
  seed.set(std::clamp(ci, 0, v.nx() - 1), std::clamp(cj, 0, v.ny() - 1), true);
  const auto column = componentsTouching(bone, dilate(seed, 10.0));
  int iMin = v.nx(), iMax = -1;
  for (int j = 0; j < v.ny(); ++j) {
    if (std::abs(j * v.spacingMm(1) - p.yMm) > kBandHalfHeightMm) continue;
    for (int i = 0; i < v.nx(); ++i)
      if (column.at(i, j)) {
        iMin = std::min(iMin, i);
        iMax = std::max(iMax, i);
      }
  }
  return iMax < iMin ? 0.0 : (iMax - iMin + 1) * v.spacingMm(0);
}

// Local minima of the smoothed profile that dip at least kMinDiscDipHu below the maxima
// on both sides within half a vertebra.
struct DiscCandidate {
  int slice;
  double dipHu; // depth below the lower of the two neighbouring maxima
};

std::vector<DiscCandidate> discCandidates(const std::vector<double>& profile, const SpineTrack& spine, double spacingMm) {
  // Smoothed against single-slice noise, over a fixed distance rather than a fixed number of
  // slices: three 5 mm slices span more than a disc and would average it away.
  const double neighbourWeight = std::exp(-spacingMm * spacingMm / (2.0 * kProfileSmoothingSigmaMm * kProfileSmoothingSigmaMm));
  std::vector<double> smooth = profile;
  for (int k = spine.firstSlice + 1; k < spine.lastSlice; ++k)
    smooth[k] = (neighbourWeight * (profile[k - 1] + profile[k + 1]) + profile[k]) / (1.0 + 2.0 * neighbourWeight);
  const int window = std::max(2, static_cast<int>(std::lround(kDiscWindowMm / spacingMm)));
  std::vector<DiscCandidate> discs;
  for (int k = spine.firstSlice + 1; k < spine.lastSlice; ++k) {
    bool isMinimum = true;
    double leftMax = smooth[k], rightMax = smooth[k];
    for (int q = k - window; q <= k + window; ++q) {
      if (q < spine.firstSlice || q > spine.lastSlice || q == k) continue;
      if (smooth[q] < smooth[k] || (smooth[q] == smooth[k] && q < k)) isMinimum = false;
      if (q < k) leftMax = std::max(leftMax, smooth[q]);
      else rightMax = std::max(rightMax, smooth[q]);
    }
    const double dip = std::min(leftMax, rightMax) - smooth[k];
    if (isMinimum && dip >= kMinDiscDipHu) discs.push_back({k, dip});
  }
  return discs;
}

// The chain of regularly spaced discs that maximises the summed dip depth above a threshold,
// less a cost for every change of spacing between consecutive gaps: a weak dip inside a
// vertebral body does not pay for its place in the chain, and a body's interior, dipping
// between its two bright endplates, does not replace a disc just because it dips deeper
// (it would make one gap a third longer than its neighbour, which adjacent lumbar vertebrae
// never are).
std::vector<int> bestDiscChain(const std::vector<DiscCandidate>& discs, double dz) {
  const std::size_t n = discs.size();
  if (n == 0) return {};
  auto gain = [&](std::size_t i) { return discs[i].dipHu - kDiscDipCostHu; };
  // Changes within a slice (the gaps are measured in whole slices) or a few millimetres are free.
  const double toleranceMm = std::max(kFreeGapChangeMm, dz);
  auto gapMm = [&](std::size_t i, std::size_t j) { return (discs[j].slice - discs[i].slice) * dz; };
  auto plausible = [&](std::size_t i, std::size_t j) {
    return gapMm(i, j) >= kMinDiscSpacingMm && gapMm(i, j) <= kMaxDiscSpacingMm;
  };
  // chain[i][j]: the best score of a chain whose two lowest discs are i and j (i below j),
  // counting every disc from i up; next[i][j] is the disc after j (or -1).
  std::vector<std::vector<double>> chain(n, std::vector<double>(n, -1e18));
  std::vector<std::vector<int>> next(n, std::vector<int>(n, -1));
  for (std::size_t j = n; j-- > 0;)
    for (std::size_t i = 0; i < j; ++i) {
      if (!plausible(i, j)) continue;
      double tail = 0.0;
      for (std::size_t k = j + 1; k < n; ++k) {
        if (!plausible(j, k) || chain[j][k] <= -1e17) continue;
        const double changeMm = std::abs(gapMm(j, k) - gapMm(i, j));
        const double t = chain[j][k] - gain(j) - kGapChangeCostHuPerMm * std::max(0.0, changeMm - toleranceMm);
        if (t > tail) {
          tail = t;
          next[i][j] = static_cast<int>(k);
        }
      }
      chain[i][j] = gain(i) + gain(j) + tail;
    }
  // The best chain: a single disc (bestJ == bestI) or one starting with the pair bestI, bestJ.
  std::size_t bestI = 0, bestJ = 0;
  double best = -1e18;
  for (std::size_t i = 0; i < n; ++i)
    if (gain(i) > best) best = gain(i), bestI = bestJ = i;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j)
      if (chain[i][j] > best) best = chain[i][j], bestI = i, bestJ = j;
  std::vector<int> out{discs[bestI].slice};
  for (std::size_t i = bestI, j = bestJ; j > i;) {
    out.push_back(discs[j].slice);
    const int k = next[i][j];
    if (k < 0) break;
    i = j;
    j = static_cast<std::size_t>(k);
  }
  return out;
}

// The lowest slice of the profile within `halfWindow` slices of `expected`.
int lowestNear(const std::vector<double>& profile, int expected, int halfWindow, int lo, int hi) {
  int best = std::clamp(expected, lo, hi);
  for (int k = std::max(lo, expected - halfWindow); k <= std::min(hi, expected + halfWindow); ++k)
    if (profile[static_cast<std::size_t>(k)] < profile[static_cast<std::size_t>(best)]) best = k;
  return best;
}

std::string vertebraName(int indexAboveSacrum) {
  // 0 -> L5, 4 -> L1, 5 -> T12, ...
  if (indexAboveSacrum < 5) return "L" + std::to_string(5 - indexAboveSacrum);
  return "T" + std::to_string(12 - (indexAboveSacrum - 5));
}

} // namespace

LevelSet findLevels(const CanonicalVolume& v, const SpineTrack& spine) {
  LevelSet set;
  set.method = "discs as density dips along the tracked column, counted up from the sacrum (alae wider than " +
               std::to_string(static_cast<int>(kSacralWidthMm)) + " mm)";
  if (!spine.found()) {
    set.warnings.push_back("no vertebral column found: vertebral levels not identified");
    return set;
  }
  const double dz = v.spacingMm(2);
  const auto profile = columnProfile(v, spine);
  const auto discs = discCandidates(profile, spine, dz);

  // The sacrum: the lowest run of slices whose bone band is wide over at least the height of
  // the alae (a transverse process is wide on a few millimetres only); its top is the run's
  // highest wide slice. Gaps of up to 20 mm (tilted slices through the S1 body) do not end a run.
  int sacrumTop = -1;
  int runStart = -1, runTop = -1;
  for (int k = spine.firstSlice; k <= spine.lastSlice + 1; ++k) {
    const bool measured = k <= spine.lastSlice && spine.points[k].measured;
    // Hysteresis: a run starts at the sacral width and goes on while the band stays nearly as
    // wide (the alae narrow towards S1's top before the joint surfaces end).
    const double widthMm = measured ? boneBandWidthMm(v, spine.points[k], k) : 0.0;
    const bool wide = widthMm >= (runStart < 0 ? kSacralWidthMm : kSacralContinueWidthMm);
    if (wide) {
      if (runStart < 0) runStart = k;
      runTop = k;
      continue;
    }
    if (runStart < 0 || (k <= spine.lastSlice && (k - runTop) * dz <= 20.0)) continue;
    // A wide run cut by the volume's lowest slice may be a lumbar transverse process meeting
    // an iliac crest just as well as the sacrum: without seeing below it, it is not taken.
    if ((runTop - runStart + 1) * dz >= kMinSacralRunMm && runStart * dz >= kSeenBelowSacrumMm) {
      sacrumTop = runTop;
      break;
    }
    runStart = runTop = -1; // too short for a sacrum: keep looking higher up
  }  if (sacrumTop < 0) {
    set.warnings.push_back("sacrum not in view: vertebral levels cannot be counted and were not labelled");
    return set;
  }

  // The clear discs of the upper lumbar spine form a regular chain; the lordotic L5 and
  // L5/S1, cut obliquely by axial slices, often do not show a clean dip. The chain's lowest
  // disc is named by counting vertebra heights down to the sacrum, and the discs between
  // are looked for where that count puts them.
  std::vector<DiscCandidate> aboveSacrum;
  for (const auto& d : discs)
    if ((d.slice - sacrumTop) * dz > -kSacrumDiscOverlapMm) aboveSacrum.push_back(d);
  std::vector<int> upper = bestDiscChain(aboveSacrum, dz);
  if (upper.size() < 2) {
    set.warnings.push_back("fewer than two clear discs above the sacrum: vertebral levels not labelled");
    return set;
  }
  std::vector<double> gapsMm;
  for (std::size_t n = 1; n < upper.size(); ++n) gapsMm.push_back((upper[n] - upper[n - 1]) * dz);
  const double vertebraMm = medianOf(gapsMm);
  const double lowestAboveSacrumMm = (upper.front() - sacrumTop) * dz - kL5S1AboveSacrumTopMm;
  const int below = std::max(0, static_cast<int>(std::lround(lowestAboveSacrumMm / vertebraMm)));
  std::vector<int> chain;
  const double lowerGapMm = below > 0 ? lowestAboveSacrumMm / below : vertebraMm;
  for (int n = 0; n < below; ++n) {
    const int expected = sacrumTop + static_cast<int>(std::lround((kL5S1AboveSacrumTopMm + n * lowerGapMm) / dz));
    const int halfWindow = static_cast<int>(std::lround(0.25 * lowerGapMm / dz));
    chain.push_back(lowestNear(profile, expected, halfWindow, spine.firstSlice, spine.lastSlice));
  }
  chain.insert(chain.end(), upper.begin(), upper.end());
  // The count is less sure when it rests on a long stretch without clear discs.
  const int irregular = below > 2 || (below > 0 && std::abs(lowestAboveSacrumMm / vertebraMm - below) > 0.35) ? 1 : 0;

  static const char* discBelow[] = {"L5/S1", "L4/L5", "L3/L4", "L2/L3", "L1/L2", "T12/L1", "T11/T12", "T10/T11"};
  // A disc with its partial volume is 8-12 mm tall: slices thicker than about half of that
  // catch it on one slice at best, mixed with the endplates, and a body's interior can pass for it.
  const bool thickSlices = dz > kMaxSliceResolvingDiscsMm;
  const double confidence = irregular || thickSlices ? 0.6 : (chain.size() >= 3 ? 0.85 : 0.7);
  for (std::size_t n = 0; n < chain.size() && n < std::size(discBelow); ++n) {
    set.levels.push_back({discBelow[n], LevelKind::Disc, chain[n], chain[n] * dz, confidence});
    if (n + 1 < chain.size())
      set.levels.push_back({vertebraName(static_cast<int>(n)), LevelKind::VertebralBody, (chain[n] + chain[n + 1]) / 2,
                            0.5 * (chain[n] + chain[n + 1]) * dz, confidence});
  }
  // The vertebra above the highest disc, when the column goes on at least a vertebra's height.
  if (!chain.empty()) {
    const int n = static_cast<int>(chain.size());
    double heightMm = n >= 2 ? (chain.back() - chain.front()) * dz / (n - 1) : 35.0;
    const int mid = chain.back() + static_cast<int>(std::lround(heightMm / 2 / dz));
    // The column must go on above the disc for a quarter vertebra at least: then the body
    // above is in view even where its middle slice was not tracked.
    const int quarter = static_cast<int>(std::lround(heightMm / 4 / dz));
    if (mid < v.nz() && spine.lastSlice >= chain.back() + quarter && n - 1 < 8)
      set.levels.push_back({vertebraName(n - 1), LevelKind::VertebralBody, mid, mid * dz, confidence * 0.8});
  }
  if (thickSlices)
    set.warnings.push_back("slices of " + std::to_string(static_cast<int>(std::lround(dz))) +
                           " mm do not resolve the intervertebral discs: level names may be off by one; check them on a sagittal view");
  if (irregular)
    set.warnings.push_back("vertebral levels counted across " + std::to_string(below) +
                           " vertebra(e) without clear discs above the sacrum: level names may be off by one");
  std::sort(set.levels.begin(), set.levels.end(), [](const auto& a, const auto& b) { return a.sliceIndex > b.sliceIndex; });
  set.confidence = confidence;
  return set;
}

} // namespace iliometry::segmentation
