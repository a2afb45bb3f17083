#include "MuscleDesign.h"

#include "Keyframes.h"
#include "SpineLayout.h"

#include <cmath>

namespace iliometry::testdata::detail {

namespace {

// Iliac wing: posterior end P (u, v), anterior end A (u, v), bulge s, plate thickness t.
// From the iliac crest (L4/L5) through the sacroiliac joints (P beside the sacral alae) down to
// the supra-acetabular ilium.
const Track<6>& iliumTrack() {
  static const Track<6> track{
      {214, {72, 78, 118, 30, 6, 0}},   {207, {62, 86, 126, 5, 16, 8}},   {190, {56, 84, 126, -12, 18, 8}},
      {172, {54, 68, 120, -20, 15, 8}}, {160, {53, 61, 116, -24, 13, 8}},  {148, {52, 65, 110, -25, 11, 9}},
      {132, {45, 70, 102, -20, 10, 11}}, {120, {62, 48, 98, -10, 10, 15}}, {108, {80, 30, 100, -2, 8, 16}},
      {100, {86, 24, 100, 4, 6, 14}}};
  return track;
}

// Iliacus: the same frame as the wing while the wing exists (its lateral boundary is the
// bone), then a frame in front of the hip joint down to the lesser trochanter. In front of the
// hip it lies on the joint capsule (a few mm from the femoral head), as in patients.
// Values: P (u, v), A (u, v), bulge, depth at mid-angle (mm), angular start and end as
// fractions of the frame's [thetaA, thetaP].
const Track<8>& iliacusLowerTrack() {
  static const Track<8> track{{106, {84, -34, 128, -26, 9, 13, 0.0, 1.0}}, {100, {84, -39, 130, -31, 9, 13, 0.0, 1.0}},
                              {85, {84, -42, 128, -34, 9, 13, 0.0, 1.0}},  {60, {92, -30, 126, -20, 8, 11, 0.0, 1.0}},
                              {45, {96, -22, 126, -13, 6, 8, 0.0, 1.0}},   {30, {100, -11, 116, -7, 4, 4, 0.0, 1.0}},
                              {26, {101, -9, 114, -6, 3, 2, 0.0, 1.0}}};
  return track;
}
const Track<3>& iliacusUpperTrack() { // depth (mm), fraction start, fraction end
  static const Track<3> track{{208, {4, 0.05, 0.65}},  {195, {12, 0.04, 0.7}}, {180, {18, 0.04, 0.72}},
                              {160, {22, 0.04, 0.72}}, {140, {22, 0.04, 0.75}}, {125, {18, 0.03, 0.8}},
                              {120, {16, 0.02, 0.85}}};
  return track;
}

// Psoas: centre v, semi-axes a (lateral) and b (AP), rotation (deg), centre u used below the
// spine (above it the muscle is placed against the vertebral bodies). Design areas per side:
// L1 3, L2 6, L3 9, L4 14, L5 17 cm2, then decreasing to the lesser trochanter.
const Track<5>& psoasTrack() {
  static const Track<5> track{
      {346, {33, 3, 2.5, 0, 26}},     {340, {34, 8, 5.5, 0, 30}},     {330, {35, 12, 8, 0, 34}},
      {294, {36, 17, 11.2, 0, 40}},   {257, {35, 20.5, 14, 0, 44}},   {219, {32, 24, 18.6, 5, 49}},
      {180, {25, 26, 20.8, 10, 52}},  {160, {20, 26, 20.2, 15, 52}},  {140, {6, 25, 19.5, 20, 60}},
      {125, {-16, 23.5, 19.2, 20, 64}}, {112, {-40, 22, 18, 15, 68}}, {100, {-52, 21, 17, 10, 70}},
      {85, {-55, 19, 15, 5, 74}},     {60, {-40, 15, 12, 0, 86}},     {40, {-14, 11, 9, -20, 98}},
      {26, {4, 6, 5, -30, 104}},      {22, {6, 3.5, 3, -30, 105}}};
  return track;
}

constexpr double kDegToRad = 3.14159265358979323846 / 180.0;

// Lateral position that leaves `gapMm` between the psoas and the vertebral column's footprint.
double touchingCentreU(Ellipse psoas, double zMm, double gapMm) {
  const Ellipse spine{0, kSpineCentreVMm, spineHalfWidthMm(zMm), spineHalfDepthMm(zMm), 0};
  double lo = 0.0, hi = spine.a + 3 * psoas.a + 20;
  for (int i = 0; i < 40; ++i) {
    psoas.cu = 0.5 * (lo + hi);
    (clearanceMm(spine, psoas) < gapMm ? lo : hi) = psoas.cu;
  }
  return hi;
}

} // namespace

std::optional<IliumSection> iliumAt(double zMm) {
  const auto& track = iliumTrack();
  if (!track.covers(zMm)) return std::nullopt;
  const auto v = track.at(zMm);
  if (v[5] <= 0.5) return std::nullopt;
  return IliumSection{ArcFrame::fromEnds({v[0], v[1]}, {v[2], v[3]}, v[4]), v[5]};
}

std::optional<Ellipse> psoasAt(double zMm, double areaFactor) {
  const auto& track = psoasTrack();
  if (!track.covers(zMm)) return std::nullopt;
  const auto v = track.at(zMm);
  const double axisScale = std::sqrt(areaFactor);
  Ellipse e{0, v[0], v[1] * axisScale, v[2] * axisScale, v[3] * kDegToRad};
  // Against the spine (down to the promontory) the medial border lies on the vertebral bodies
  // and discs whatever the size; below, the tracked centre takes over.
  constexpr double kGapToBoneMm = 0.6;
  const double spineWeight = smoothStep(130.0, 158.0, zMm);
  const double tableU = v[4] + 0.5 * (e.a - v[1]);
  e.cu = spineWeight > 0 ? spineWeight * touchingCentreU(e, zMm, kGapToBoneMm) + (1 - spineWeight) * tableU : tableU;
  return e;
}

std::optional<IliacusCrescent> iliacusAt(double zMm, double areaFactor) {
  constexpr double kUpperEndMm = 120.0, kLowerStartMm = 106.0;
  IliacusCrescent c;
  double depthMm = 0, f0 = 0, f1 = 1;
  if (zMm >= kUpperEndMm) {
    if (!iliacusUpperTrack().covers(zMm)) return std::nullopt;
    const auto ilium = iliumAt(zMm);
    if (!ilium) return std::nullopt;
    const auto v = iliacusUpperTrack().at(zMm);
    c.frame = ilium->frame;
    depthMm = v[0];
    f0 = v[1];
    f1 = v[2];
  } else {
    if (zMm < iliacusLowerTrack().bottom()) return std::nullopt;
    // In front of the hip joint; between the wing and the hip (106..120 mm) the frame is blended.
    const auto v = iliacusLowerTrack().at(zMm);
    Point2 p{v[0], v[1]}, a{v[2], v[3]};
    double bulge = v[4];
    depthMm = v[5];
    f0 = v[6];
    f1 = v[7];
    if (zMm > kLowerStartMm) {
      const auto w = iliumTrack().at(kUpperEndMm);
      const auto up = iliacusUpperTrack().at(kUpperEndMm);
      const double t = (zMm - kLowerStartMm) / (kUpperEndMm - kLowerStartMm);
      p = {p.u + t * (w[0] - p.u), p.v + t * (w[1] - p.v)};
      a = {a.u + t * (w[2] - a.u), a.v + t * (w[3] - a.v)};
      bulge += t * (w[4] - bulge);
      depthMm += t * (up[0] - depthMm);
      f0 += t * (up[1] - f0);
      f1 += t * (up[2] - f1);
    }
    c.frame = ArcFrame::fromEnds(p, a, bulge);
  }
  const double span = c.frame.thetaP - c.frame.thetaA;
  c.theta0 = c.frame.thetaA + f0 * span;
  c.theta1 = c.frame.thetaA + f1 * span;
  // Depth in rho units, capped so that any left/right area factor up to sqrt(1.5) still fits
  // inside the frame (the inner boundary must stay at rho >= 0).
  c.thicknessRho = std::min(depthMm / c.frame.rb, 0.55);
  c.areaFactor = areaFactor;
  return c;
}

namespace {
bool insideCrescent(const IliacusCrescent& c, Point2 p) {
  double rho, theta;
  c.frame.polar(p.u, p.v, rho, theta);
  return theta >= c.theta0 && theta <= c.theta1 && rho < 1.0 && rho >= c.rhoInner(theta);
}

bool overlaps(const Ellipse& psoas, const IliacusCrescent& c) {
  constexpr int kSamples = 180;
  for (int i = 0; i < kSamples; ++i) {
    if (insideCrescent(c, psoas.boundaryPoint(2 * 3.14159265358979 * i / kSamples))) return true;
    const double theta = c.theta0 + (c.theta1 - c.theta0) * i / (kSamples - 1);
    const Point2 outer = c.frame.point(1.0 - 1e-6, theta), inner = c.frame.point(c.rhoInner(theta) + 1e-6, theta);
    if (psoas.rho2(outer.u, outer.v) <= 1.0 || psoas.rho2(inner.u, inner.v) <= 1.0) return true;
  }
  return psoas.rho2(c.centrePoint().u, c.centrePoint().v) <= 1.0;
}
} // namespace

IliopsoasDesign iliopsoasAt(double zMm, double psoasFactor, double iliacusFactor) {
  IliopsoasDesign d{psoasAt(zMm, psoasFactor), iliacusAt(zMm, iliacusFactor)};
  if (d.psoas && d.iliacus) {
    // The two muscles may touch but not overlap: slide psoas away from the iliacus' centre.
    const Point2 from = d.iliacus->centrePoint();
    double du = d.psoas->cu - from.u, dv = d.psoas->cv - from.v;
    const double n = std::hypot(du, dv);
    du /= n;
    dv /= n;
    for (int step = 0; step < 200 && overlaps(*d.psoas, *d.iliacus); ++step) {
      d.psoas->cu += 0.25 * du;
      d.psoas->cv += 0.25 * dv;
    }
  }
  return d;
}

double areaFactorFor(double ratio, int side) { return side > 0 ? std::sqrt(ratio) : 1.0 / std::sqrt(ratio); }

} // namespace iliometry::testdata::detail
