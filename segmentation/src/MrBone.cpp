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
// The upper iliac wing is about 6-10 mm thick: cortex, cancellous bone, cortex.
constexpr double kPlateGrowthMm = 3.5;

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
// around dark vessels and bowel enclose what they surround. With the dark signal they touch,
// they must still be thin: a wing plate's dark core is its cortex, a line; the dark core of
// the partial-volume arcs inside a bowel loop is its content, a blob.
SliceMask thinBoneSheets(const SliceMask& greyDark, const SliceMask& dark) {
  const SliceGeometry& g = greyDark.geometry();
  SliceMask sheets(g);
  auto thinEnough = [](const SliceMask& mask) {
    const auto depth = depthInsideMaskMm(mask);
    return *std::max_element(depth.begin(), depth.end()) <= kMaxSheetHalfThicknessMm;
  };
  for (const SliceMask& piece : components(greyDark, static_cast<std::size_t>(kMinSheetAreaMm2 / g.pixelAreaMm2()))) {
    if (!thinEnough(piece)) continue;
    if (static_cast<double>(fillHoles(piece).pixelCount()) > 1.2 * static_cast<double>(piece.pixelCount())) continue;
    if (!thinEnough(fillHoles(piece | componentsTouching(dark, dilate(piece, 1.05 * pixelMmOf(g)))))) continue;
    sheets = sheets | piece;
  }
  return sheets;
}

// Partial volume around dark blobs (flow voids, bowel content and gas, fluid on T1) is grey-dark
// like thin bone, and rings the blob; filled with the bone outline it would turn a vessel lying
// on a bone into bone. Cortex is a line, never a blob.
SliceMask rimOfDarkBlobs(const SliceMask& dark) {
  const SliceGeometry& g = dark.geometry();
  SliceMask blobs(g);
  for (const SliceMask& piece : components(dark, 1)) {
    const auto depth = depthInsideMaskMm(piece);
    if (*std::max_element(depth.begin(), depth.end()) > kMaxSheetHalfThicknessMm) blobs = blobs | piece;
  }
  return dilate(blobs, 1.05 * pixelMmOf(g)).minus(blobs);
}

// A sheet found is often one cortical line of the wing: the cancellous layer and the other
// cortex lie beside it, marrow-like or cortex-like (on CT all of it is bone); partial volume
// between them, muscle-like, is closed.
SliceMask wholePlate(const SliceMask& sheet, const SliceMask& plateTissue) {
  const double stepMm = 1.05 * pixelMmOf(sheet.geometry());
  SliceMask plate = sheet;
  for (double grownMm = stepMm; grownMm <= kPlateGrowthMm; grownMm += stepMm) plate = plate | (dilate(plate, stepMm) & plateTissue);
  return close(plate, kCortexGapMm);
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
  BoneOnSlice result{acceptedMarrow(candidates, g), SliceMask(g), tissues.intermediate | tissues.belowMuscle, SliceMask(g)};
  result.sheets = thinBoneSheets(tissues.greyDark, tissues.dark);
  const SliceMask plates = endplates(tissues.dark, marrowBelow | marrowAbove);
  if (result.marrow.empty()) {
    result.bone = plates;
    return result;
  }
  const SliceMask cortex = tissues.belowMuscle & dilate(result.marrow, kCortexRimMm);
  // Thin bone without visible marrow (laminae, transverse processes, sacral alae, the joint
  // surfaces of the sacroiliac joints) hangs on to the bone found: on CT it is what joins the
  // sacrum to the ilia.
  // Only the thin parts near the marrow: bowel walls touching a vertebra are grey-dark too, and
  // so is the partial-volume rim of a vessel or bowel loop lying on the bone.
  const SliceMask nearMarrow = dilate(result.marrow | cortex, kThinBoneReachMm);
  const SliceMask greyDark = tissues.greyDark.minus(rimOfDarkBlobs(tissues.dark));
  const SliceMask thinBone =
      componentsTouching(greyDark & nearMarrow, dilate(result.marrow | cortex, 1.05 * pixelMmOf(g)));
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
          here.bone = here.bone | wholePlate(sheet, here.plateTissue);
          here.sheets = here.sheets.minus(sheet);
        }
    }
}

} // namespace iliometry::segmentation
