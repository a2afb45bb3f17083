#include "SpineLayout.h"

#include "Keyframes.h"

namespace iliometry::testdata::detail {

namespace {
std::vector<SpineSegment> buildSegments() {
  struct Spec {
    const char* name;
    LevelKind kind;
    double heightMm, halfWidthMm, halfDepthMm;
    bool reported;
  };
  // Heights from adult lumbar morphometry (bodies 25-28 mm, discs 8-11 mm), stacked from the
  // top of T11 so that T12 ends at z = 351 and the L5/S1 disc at z = 156.
  const Spec specs[] = {
      {"T11", LevelKind::VertebralBody, 24, 19, 14, false}, {"T11/T12", LevelKind::Disc, 8, 19.5, 14.5, false},
      {"T12", LevelKind::VertebralBody, 25, 20, 15, true},  {"T12/L1", LevelKind::Disc, 8, 20.5, 15.5, true},
      {"L1", LevelKind::VertebralBody, 26, 21, 16, true},   {"L1/L2", LevelKind::Disc, 9, 21.5, 16.3, true},
      {"L2", LevelKind::VertebralBody, 27, 22, 16.5, true}, {"L2/L3", LevelKind::Disc, 10, 22.5, 17, true},
      {"L3", LevelKind::VertebralBody, 28, 23, 17.5, true}, {"L3/L4", LevelKind::Disc, 10, 23.5, 17.8, true},
      {"L4", LevelKind::VertebralBody, 28, 24, 18, true},   {"L4/L5", LevelKind::Disc, 11, 24.5, 18, true},
      {"L5", LevelKind::VertebralBody, 27, 25, 18, true},   {"L5/S1", LevelKind::Disc, 11, 25, 17.5, true},
  };
  std::vector<SpineSegment> out;
  double top = 408.0;
  for (const auto& s : specs) {
    out.push_back({s.name, s.kind, top, top - s.heightMm, s.halfWidthMm, s.halfDepthMm, s.reported});
    top -= s.heightMm;
  }
  return out;
}
} // namespace

const std::vector<SpineSegment>& spineSegments() {
  static const std::vector<SpineSegment> segments = buildSegments();
  return segments;
}

const SpineSegment* spineSegmentAt(double zMm) {
  for (const auto& s : spineSegments())
    if (zMm <= s.topZMm && zMm > s.bottomZMm) return &s;
  return nullptr;
}

double spineHalfWidthMm(double zMm) {
  if (const auto* s = spineSegmentAt(zMm)) return s->halfWidthMm;
  return zMm > spineSegments().front().topZMm ? spineSegments().front().halfWidthMm : 25.0;
}

double spineHalfDepthMm(double zMm) {
  if (const auto* s = spineSegmentAt(zMm)) return s->halfDepthMm;
  return zMm > spineSegments().front().topZMm ? spineSegments().front().halfDepthMm : 17.5;
}

double spinalCanalCentreVMm(double zMm) {
  if (auto sacrum = sacrumAt(zMm); sacrum && zMm < kSacrumTopZMm) return sacrum->centreVMm + 0.55 * sacrum->halfDepthMm;
  return kSpineCentreVMm + spineHalfDepthMm(zMm) + 10.5;
}

std::optional<SacrumSection> sacrumAt(double zMm) {
  // S1 starts below the L5/S1 disc; the sacrum tilts posteriorly and tapers to the coccyx.
  static const Track<3> track{{156, {44, 50, 17}}, {140, {52, 48, 16}}, {125, {62, 38, 14}},
                              {105, {74, 24, 10}}, {88, {84, 13, 7}},   {72, {90, 6, 4}}};
  if (!track.covers(zMm)) return std::nullopt;
  const auto v = track.at(zMm);
  return SacrumSection{v[0], v[1], v[2]};
}

} // namespace iliometry::testdata::detail
