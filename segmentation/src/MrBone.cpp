#include "MrBone.h"

#include <algorithm>
#include <cmath>

namespace iliometry::segmentation {

namespace {

constexpr double kMarrowMinAreaMm2 = 20.0;
// Partial-volume edges are one or two pixels wide and would link every blob into one net.
constexpr double kEdgeOpeningMm = 2.0;
// Pedicles are about 8 mm wide: an opening of this radius cuts them.
constexpr double kSplitOpeningMm = 5.0;
constexpr double kCortexRimMm = 3.0;
// Noise leaves one-pixel gaps in a 1-2 mm shell.
constexpr double kCortexGapMm = 2.5;
constexpr double kMinEnclosedShare = 0.7;
// Or, where the shell has a gap wider than noise (thin iliac wings, oblique endplates): a
// border mostly of shell-like signal. Bowel, kidneys and fatty muscle border on fat and organs.
constexpr double kMinShellBorderShare = 0.2;
constexpr double kMinOverlapWithNeighbour = 0.5;
// Standard deviation of t inside a marrow piece: noise only (a few hundredths after smoothing);
// partial-volume pieces spread over most of the 0.2..0.85 window.
constexpr double kMaxMarrowSpreadT = 0.1;
// Laminae, transverse processes and alae reach this far from the marrow of the body they hang on.
constexpr double kThinBoneReachMm = 20.0;
// The upper iliac wings are plates of a few millimetres: all cortex at MR resolution.
constexpr double kMinSheetAreaMm2 = 80.0;
constexpr double kMaxSheetHalfThicknessMm = 3.5;
// A wing plate moves a few millimetres between slices.
constexpr double kSheetContinuityMm = 4.0;

double pixelMmOf(const SliceGeometry& g) { return std::max(g.spacingXMm, g.spacingYMm); }

std::vector<std::uint32_t> pixelsOf(const SliceMask& mask) {
  std::vector<std::uint32_t> pixels;
  for (std::size_t n = 0; n < mask.geometry().count(); ++n)
    if (mask.at(n)) pixels.push_back(static_cast<std::uint32_t>(n));
  return pixels;
}

SliceMask endplates(const SliceMask& dark, const SliceMask& marrowNearby) {
  const SliceGeometry& g = dark.geometry();
  SliceMask plates(g);
  if (marrowNearby.empty()) return plates;
  for (const SliceMask& piece : components(dark, static_cast<std::size_t>(kMarrowMinAreaMm2 / g.pixelAreaMm2())))
    if (static_cast<double>((piece & marrowNearby).pixelCount()) >= kMinOverlapWithNeighbour * static_cast<double>(piece.pixelCount()))
      plates = plates | piece;
  return plates;
}

// Sheets of grey-dark signal, long and thin and enclosing nothing: the partial-volume rings
// around dark vessels and bowel enclose what they surround.
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

// One sweep: candidates overlapping accepted marrow on slice k - step (already swept) join.
void sweep(std::vector<MarrowCandidates>& slices, std::size_t geometryCount, bool upwards) {
  const int count = static_cast<int>(slices.size());
  std::vector<std::uint8_t> below(geometryCount, 0);
  for (int i = 0; i < count; ++i) {
    const int k = upwards ? i : count - 1 - i;
    MarrowCandidates& here = slices[static_cast<std::size_t>(k)];
    if (i > 0)
      for (std::size_t c = 0; c < here.pieces.size(); ++c) {
        if (here.accepted[c]) continue;
        std::size_t overlap = 0;
        for (auto n : here.pieces[c]) overlap += below[n];
        if (static_cast<double>(overlap) >= kMinOverlapWithNeighbour * static_cast<double>(here.pieces[c].size()))
          here.accepted[c] = true;
      }
    std::fill(below.begin(), below.end(), 0);
    for (std::size_t c = 0; c < here.pieces.size(); ++c)
      if (here.accepted[c])
        for (auto n : here.pieces[c]) below[n] = 1;
  }
}

bool isHomogeneous(const SliceMask& piece, const std::vector<float>& t) {
  double sum = 0.0, sumSquares = 0.0, count = 0.0;
  for (std::size_t n = 0; n < piece.geometry().count(); ++n)
    if (piece.at(n)) sum += t[n], sumSquares += static_cast<double>(t[n]) * t[n], count += 1.0;
  if (count == 0.0) return false;
  const double mean = sum / count;
  return std::sqrt(std::max(0.0, sumSquares / count - mean * mean)) <= kMaxMarrowSpreadT;
}

} // namespace

SliceMask acceptedMarrow(const MarrowCandidates& candidates, const SliceGeometry& g) {
  SliceMask marrow(g);
  for (std::size_t c = 0; c < candidates.pieces.size(); ++c)
    if (candidates.accepted[c])
      for (auto n : candidates.pieces[c]) marrow.set(n, true);
  return marrow;
}

MarrowCandidates marrowCandidates(const SliceTissues& tissues) {
  const SliceGeometry& g = tissues.intermediate.geometry();
  const double pixelMm = pixelMmOf(g);
  // What a closed shell encloses. The shell is thickened by a pixel so that a diagonal step does
  // not let the filling leak.
  const SliceMask enclosed = fillHoles(dilate(close(tissues.shell, kCortexGapMm), 1.05 * pixelMm));
  const auto minPixels = static_cast<std::size_t>(kMarrowMinAreaMm2 / g.pixelAreaMm2());
  MarrowCandidates candidates;
  auto consider = [&](const SliceMask& piece) {
    const double area = static_cast<double>(piece.pixelCount());
    const double inside = static_cast<double>((piece & enclosed).pixelCount()) / area;
    const SliceMask border = dilate(piece, 2.05 * pixelMm).minus(piece);
    const double shellShare = static_cast<double>((border & tissues.shell).pixelCount()) / static_cast<double>(border.pixelCount());
    candidates.pieces.push_back(pixelsOf(piece));
    candidates.accepted.push_back(inside >= kMinEnclosedShare || shellShare >= kMinShellBorderShare);
  };
  for (const SliceMask& piece : components(open(tissues.intermediate, kEdgeOpeningMm), minPixels)) {
    if (isHomogeneous(piece, tissues.t)) {
      consider(piece);
      continue;
    }
    // A vertebral body joined through its pedicles to the posterior arch (intermediate on fat
    // fraction maps) or to partial volume beside it: a wider opening separates the parts.
    for (const SliceMask& part : components(open(piece, kSplitOpeningMm), minPixels))
      if (isHomogeneous(part, tissues.t)) consider(part);
  }
  return candidates;
}

void acceptAlongBodyAxis(std::vector<MarrowCandidates>& slices) {
  std::size_t geometryCount = 0;
  for (const auto& slice : slices)
    for (const auto& piece : slice.pieces)
      for (auto n : piece) geometryCount = std::max<std::size_t>(geometryCount, n + 1u);
  sweep(slices, geometryCount, true);
  sweep(slices, geometryCount, false);
}

BoneOnSlice boneOnSlice(const MarrowCandidates& candidates, const SliceTissues& tissues, const SliceMask& marrowBelow,
                        const SliceMask& marrowAbove) {
  const SliceGeometry& g = tissues.intermediate.geometry();
  BoneOnSlice result{acceptedMarrow(candidates, g), SliceMask(g)};
  result.sheets = thinBoneSheets(tissues.greyDark);
  const SliceMask plates = endplates(tissues.dark, marrowBelow | marrowAbove);
  if (result.marrow.empty()) {
    result.bone = plates;
    return result;
  }
  const SliceMask cortex = tissues.belowMuscle & dilate(result.marrow, kCortexRimMm);
  // Thin bone without visible marrow (laminae, transverse processes, sacral alae, the joint
  // surfaces of the sacroiliac joints) hangs on to the bone found: on CT it is what joins the
  // sacrum to the ilia.
  // Only the thin parts near the marrow: bowel walls touching a vertebra are grey-dark too.
  const SliceMask nearMarrow = dilate(result.marrow | cortex, kThinBoneReachMm);
  const SliceMask thinBone =
      componentsTouching(tissues.greyDark & nearMarrow, dilate(result.marrow | cortex, 1.05 * pixelMmOf(g)));
  result.bone = fillHoles(close(result.marrow | cortex | thinBone, kCortexGapMm)) | plates;
  result.sheets = result.sheets.minus(result.bone);
  return result;
}

void keepSheetsJoinedToBone(std::vector<BoneOnSlice>& slices) {
  const int count = static_cast<int>(slices.size());
  for (bool upwards : {true, false})
    for (int i = 1; i < count; ++i) {
      const int k = upwards ? i : count - 1 - i, previous = upwards ? k - 1 : k + 1;
      BoneOnSlice& here = slices[static_cast<std::size_t>(k)];
      if (here.sheets.empty()) continue;
      const SliceMask reach = dilate(slices[static_cast<std::size_t>(previous)].bone, kSheetContinuityMm);
      for (const SliceMask& sheet : components(here.sheets, 1))
        if (sheet.overlaps(reach)) {
          here.bone = here.bone | sheet;
          here.sheets = here.sheets.minus(sheet);
        }
    }
}

} // namespace iliometry::segmentation
