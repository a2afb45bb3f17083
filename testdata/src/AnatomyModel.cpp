#include "AnatomyModel.h"

#include "Keyframes.h"
#include "MuscleDesign.h"
#include "SpineLayout.h"

#include <cmath>
#include <numbers>
#include <random>

namespace iliometry::testdata::detail {

namespace {
constexpr double kPi = std::numbers::pi;
constexpr int kSides[2] = {1, -1}; // patient's left, right

// Axial section of an ellipsoid (mirrored frame), if z crosses it.
std::optional<Ellipse> ellipsoidSection(double cu, double cv, double cz, double a, double b, double c, double z,
                                        double phi = 0.0) {
  const double t = (z - cz) / c;
  if (std::abs(t) >= 1.0) return std::nullopt;
  const double s = std::sqrt(1.0 - t * t);
  return Ellipse{cu, cv, a * s, b * s, phi};
}

// Distance from an ellipse's centre to its boundary along the unit direction (du, dv).
double radiusAlong(const Ellipse& e, double du, double dv) { return 1.0 / std::sqrt(e.rho2(e.cu + du, e.cv + dv)); }

// A ring frame about a centre: rho = r / radius; theta measured from `axisU/axisV`.
ArcFrame ringFrame(Point2 centre, double radius, double eU, double eV, double nU, double nV) {
  ArcFrame f;
  f.centre = centre;
  f.eU = eU;
  f.eV = eV;
  f.nU = nU;
  f.nV = nV;
  f.ra = f.rb = radius;
  return f;
}

void pushIf(PrimitiveList& out, std::unique_ptr<Primitive> p) {
  if (p) out.push_back(std::move(p));
}

// Femur and hip joint (mirrored frame), shared by the bones and the muscle placement.
constexpr double kHeadU = 95, kHeadV = -5, kHeadZ = 88, kHeadRadius = 24;

const Track<3>& trunkTrack() { // half width, anterior and posterior half depth
  static const Track<3> track{{410, {148, 100, 125}}, {320, {152, 104, 125}}, {260, {158, 107, 126}},
                              {205, {170, 106, 128}}, {150, {176, 102, 135}}, {100, {178, 98, 140}},
                              {65, {176, 96, 140}},   {45, {140, 80, 115}},   {20, {70, 60, 80}},
                              {-50, {45, 45, 60}}};
  return track;
}
} // namespace

bool BodyOutline::sample(double u, double v, Sample& out) const {
  out.label = kBackgroundLabel;
  bool inThigh = false;
  if (thighs) {
    constexpr double kThighFatMm = 12.0;
    for (int side : kSides) {
      const double um = side * u;
      if (thigh.rho2(um, v) <= 1.0) {
        inThigh = true;
        if (thigh.grown(-kThighFatMm).rho2(um, v) <= 1.0) {
          out.tissue = Tissue::Muscle;
          return true;
        }
      }
    }
  }
  const double b = v < 0 ? anteriorMm : posteriorMm;
  auto r2 = [&](double shrink) {
    const double x = u / (halfWidthMm - shrink), y = v / (b - shrink);
    return x * x + y * y;
  };
  if (r2(0) <= 1.0) {
    if (r2(subcutaneousFatMm) > 1.0) out.tissue = Tissue::SubcutaneousFat;
    else if (r2(subcutaneousFatMm + wallMuscleMm) > 1.0)
      out.tissue = v < 0 && std::abs(u) > anteriorWallHalfWidthMm ? Tissue::SubcutaneousFat : Tissue::Muscle;
    else out.tissue = Tissue::VisceralFat;
    return true;
  }
  if (inThigh) {
    out.tissue = Tissue::SubcutaneousFat;
    return true;
  }
  return false;
}

Box BodyOutline::box() const {
  double halfU = halfWidthMm, front = anteriorMm, back = posteriorMm;
  if (thighs) {
    halfU = std::max(halfU, thigh.cu + thigh.a);
    front = std::max(front, thigh.b - thigh.cv);
    back = std::max(back, thigh.cv + thigh.b);
  }
  return {-halfU, halfU, -front, back};
}

AnatomyModel::AnatomyModel(const PhantomParameters& parameters) : m_parameters(parameters) { placeBowel(); }

BodyOutline AnatomyModel::bodyAt(double z) const {
  BodyOutline body;
  const auto t = trunkTrack().at(z);
  body.halfWidthMm = t[0];
  body.anteriorMm = t[1];
  body.posteriorMm = t[2];
  body.subcutaneousFatMm = m_parameters.subcutaneousFatMm;
  body.wallMuscleMm = 10.0;
  // The inguinal ligament runs from the anterior superior iliac spine (about 105 mm lateral,
  // z 125) down to the pubic tubercle (25 mm lateral, z 70). Below it the anterior wall's
  // muscles are gone: in front of the hip the iliopsoas lies under fat and fascia only.
  constexpr double kLigamentTopZMm = 125, kLigamentBottomZMm = 70, kAsisLateralMm = 105, kTubercleLateralMm = 25;
  if (z < kLigamentTopZMm)
    body.anteriorWallHalfWidthMm =
        z < kLigamentBottomZMm ? 0.0
                               : kTubercleLateralMm + (kAsisLateralMm - kTubercleLateralMm) * (z - kLigamentBottomZMm) /
                                                          (kLigamentTopZMm - kLigamentBottomZMm);
  if (z < 72.0) {
    // The thighs emerge below the hip joints: two limbs of muscle around the femora.
    body.thighs = true;
    const double grow = smoothStep(72.0, 40.0, z);
    body.thigh = Ellipse{92, 12, 70 + 16 * grow, 72 + 16 * grow, 0};
  }
  return body;
}

bool AnatomyModel::insideCavity(double u, double v, double z, double marginMm) const {
  const BodyOutline body = bodyAt(z);
  const double inset = body.subcutaneousFatMm + body.wallMuscleMm + marginMm;
  const double a = body.halfWidthMm - inset, b = (v < 0 ? body.anteriorMm : body.posteriorMm) - inset;
  if (a <= 0 || b <= 0) return false;
  return (u / a) * (u / a) + (v / b) * (v / b) <= 1.0;
}

void AnatomyModel::placeBowel() {
  // Loops resting on each psoas anterolaterally at L3-L5 (muscle-like density, touching).
  for (int side : kSides) {
    int n = 0;
    for (double z : {258.0, 226.0, 192.0}) {
      const auto psoas = placedPsoas(z, side);
      if (!psoas) continue;
      const double du = 0.6, dv = -0.8;
      constexpr double kRadiusMm = 13.0, kOverlapMm = 1.5;
      const double reach = radiusAlong(*psoas, du, dv) + kRadiusMm - kOverlapMm;
      const double cu = psoas->cu + du * reach, cv = psoas->cv + dv * reach;
      m_loops.push_back({{side * cu, cv, z - 16, side * (cu + 4), cv - 2, z + 16}, kRadiusMm, (n++ % 2) == 1});
    }
  }
  // Colon: ascending (right), descending (left), transverse, sigmoid.
  m_loops.push_back({{-100, 5, 165, -98, 0, 300}, 22, true});
  m_loops.push_back({{100, 25, 185, 98, 20, 310}, 18, true});
  m_loops.push_back({{-95, -35, 305, 95, -40, 310}, 20, true});
  m_loops.push_back({{95, 0, 175, 30, -20, 135}, 16, false});
  // Small bowel: random loops inside the abdominal and pelvic cavity, the same for a seed.
  std::mt19937 rng(m_parameters.seed ^ 0x9e3779b9u);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  auto place = [&](int attempts, double u0, double u1, double v0, double v1, double z0, double z1) {
    for (int i = 0; i < attempts; ++i) {
      const double u = u0 + (u1 - u0) * unit(rng), v = v0 + (v1 - v0) * unit(rng), z = z0 + (z1 - z0) * unit(rng);
      const double angle = 2 * kPi * unit(rng), tilt = -0.35 + 0.7 * unit(rng);
      const double length = 25 + 35 * unit(rng), radius = 9 + 7 * unit(rng);
      const bool gassy = unit(rng) < 0.35;
      const double hu = 0.5 * length * std::cos(angle), hv = 0.5 * length * std::sin(angle), hz = 0.5 * length * tilt;
      if (!insideCavity(u - hu, v - hv, z - hz, radius + 2) || !insideCavity(u + hu, v + hv, z + hz, radius + 2)) continue;
      m_loops.push_back({{u - hu, v - hv, z - hz, u + hu, v + hv, z + hz}, radius, gassy});
    }
  };
  place(220, -115, 115, -95, 15, 140, 330);
  place(50, -70, 70, -90, -20, 105, 150);
}

SliceScene AnatomyModel::sliceAt(double z) const {
  SliceScene scene;
  scene.zMm = z;
  scene.body = bodyAt(z);
  // The measured muscles come first: their analytic shapes are the ground truth, and they are
  // designed to touch, not cross, bone and each other.
  addIliopsoas(z, scene.primitives);
  addBones(z, scene.primitives);
  addMuscles(z, scene.primitives);
  addOrgans(z, scene.primitives);
  return scene;
}

void AnatomyModel::addBones(double z, PrimitiveList& out) const {
  // Spinal canal first: it lies inside the sacrum's outline.
  if (z > 108) {
    double radius = 9.0;
    if (auto sacrum = sacrumAt(z); sacrum && z < kSacrumTopZMm) radius = std::max(3.0, 7.0 * sacrum->halfDepthMm / 17.0);
    out.push_back(makeEllipse({0, spinalCanalCentreVMm(z), radius * 1.1, radius, 0}, 0, Tissue::Csf));
  }
  if (const auto* seg = spineSegmentAt(z)) {
    const Ellipse body{0, kSpineCentreVMm, seg->halfWidthMm, seg->halfDepthMm, 0};
    if (seg->kind == LevelKind::Disc) {
      out.push_back(makeEllipse(body, 0, Tissue::Disc));
    } else {
      constexpr double kEndplateMm = 1.5;
      const bool endplate = z > seg->topZMm - kEndplateMm || z < seg->bottomZMm + kEndplateMm;
      out.push_back(makeEllipse(body, 0, endplate ? Tissue::VertebralCortex : Tissue::Cancellous, 2.0,
                                Tissue::VertebralCortex));
    }
  }
  // Posterior elements of each vertebra, over parts of its height (the spinous process and
  // laminae reach down over the disc below, as they do).
  for (const auto& seg : spineSegments()) {
    if (seg.kind != LevelKind::VertebralBody) continue;
    const double h = seg.heightMm(), top = seg.topZMm, bottom = seg.bottomZMm, mid = seg.midZMm();
    if (z > top + 2 || z < bottom - 0.3 * h) continue;
    const double vCanal = kSpineCentreVMm + seg.halfDepthMm + 10.5;
    const double vBodyBack = kSpineCentreVMm + seg.halfDepthMm - 1.0;
    if (z >= bottom + 0.35 * h && z <= top - 0.1 * h) {
      const Ellipse pedicle{13, 0.5 * (vBodyBack + vCanal + 2), 4.5, 0.5 * (vCanal + 2 - vBodyBack), 0};
      for (int side : kSides) out.push_back(makeEllipse(pedicle, side, Tissue::PosteriorArch));
    }
    if (z >= bottom - 0.05 * h && z <= top - 0.15 * h) {
      const ArcFrame ring = ringFrame({0, vCanal}, 9.5, 1, 0, 0, 1);
      out.push_back(makeArcBand(ring, 0, 1.0, 1.0 + 7.0 / 9.5, -0.15, kPi + 0.15, Tissue::PosteriorArch));
    }
    if (z >= bottom - 0.25 * h && z <= top - 0.35 * h)
      out.push_back(makeEllipse({0, vCanal + 16.5 + 13, 3.5, 14, 0}, 0, Tissue::PosteriorArch));
    const bool lumbar = seg.name[0] == 'L';
    if (lumbar && std::abs(z - mid) <= 6.0) {
      const double tipU = seg.name == "L3" ? 56 : (seg.name == "L1" || seg.name == "L5") ? 46 : 51;
      const double thickness = seg.name == "L5" ? 6.0 : 4.0;
      const Ellipse process{0.5 * (12 + tipU), vCanal - 4, 0.5 * (tipU - 12), thickness, 0};
      for (int side : kSides) out.push_back(makeEllipse(process, side, Tissue::TransverseProcess));
    }
  }
  // The last two rib pairs: T11 and T12 (the last, floating pair).
  for (int side : kSides) {
    pushIf(out, makeCapsuleSection({28, 72, 368, 100, 40, 318}, 5.5, z, side, Tissue::Cancellous, 1.5,
                                     Tissue::VertebralCortex));
    pushIf(out, makeCapsuleSection({28, 72, 394, 125, 12, 342}, 6.0, z, side, Tissue::Cancellous, 1.5,
                                     Tissue::VertebralCortex));
  }
  if (auto sacrum = sacrumAt(z))
    out.push_back(makeBentEllipse({0, sacrum->centreVMm, sacrum->halfWidthMm, sacrum->halfDepthMm, 0}, kSacrumBendPerMm,
                                  Tissue::Cancellous, 2.0, Tissue::VertebralCortex));
  for (int side : kSides) {
    if (auto head = ellipsoidSection(kHeadU, kHeadV, kHeadZ, kHeadRadius, kHeadRadius, kHeadRadius, z))
      out.push_back(makeEllipse(*head, side, Tissue::FemoralHead, 2.5, Tissue::PelvicCortex));
    if (auto ilium = iliumAt(z))
      out.push_back(makeArcBand(ilium->frame, side, 1.0, 1.0 + ilium->thicknessMm / ilium->frame.rb,
                                ilium->frame.thetaA, ilium->frame.thetaP, Tissue::Cancellous, 2.0, Tissue::PelvicCortex));
    pushIf(out, makeCapsuleSection({kHeadU, kHeadV, kHeadZ, 128, 8, 62}, 15, z, side, Tissue::FemoralHead, 2.5,
                                     Tissue::PelvicCortex));
    if (auto trochanter = ellipsoidSection(135, 12, 66, 16, 22, 18, z))
      out.push_back(makeEllipse(*trochanter, side, Tissue::FemoralHead, 2.0, Tissue::PelvicCortex));
    if (auto lesser = ellipsoidSection(113, 22, 32, 9, 9, 10, z))
      out.push_back(makeEllipse(*lesser, side, Tissue::FemoralHead, 2.0, Tissue::PelvicCortex));
    pushIf(out, makeCapsuleSection({128, 8, 62, 118, 2, -80}, 14, z, side, Tissue::FattyMarrow, 5.0, Tissue::PelvicCortex));
    // Joint space, then the acetabulum: a shell around the head, open laterally.
    const double jointRadius = kHeadRadius + 1.5, dz = z - kHeadZ;
    if (std::abs(dz) < jointRadius) {
      const double r = std::sqrt(jointRadius * jointRadius - dz * dz);
      out.push_back(makeEllipse({kHeadU, kHeadV, r, r, 0}, side, Tissue::Muscle));
      if (dz > -16) {
        const ArcFrame socket = ringFrame({kHeadU, kHeadV}, r, -1, 0, 0, -1); // theta 0 medial, +90 anterior
        out.push_back(makeArcBand(socket, side, 1.0, 1.0 + 10.0 / r, -110 * kPi / 180, 50 * kPi / 180,
                                  Tissue::Cancellous, 2.0, Tissue::PelvicCortex));
      }
    }
    pushIf(out, makeCapsuleSection({78, -22, 78, 12, -62, 62}, 9, z, side, Tissue::Cancellous, 2.0, Tissue::PelvicCortex));
    pushIf(out, makeCapsuleSection({14, -55, 55, 55, 30, 38}, 7, z, side, Tissue::Cancellous, 2.0, Tissue::PelvicCortex));
    pushIf(out, makeCapsuleSection({80, 28, 88, 62, 42, 35}, 13, z, side, Tissue::Cancellous, 2.0, Tissue::PelvicCortex));
  }
}

std::optional<Ellipse> AnatomyModel::placedPsoas(double z, int side) const {
  return iliopsoasAt(z, areaFactorFor(m_parameters.psoasRatio, side), areaFactorFor(m_parameters.iliacusRatio, side)).psoas;
}

void AnatomyModel::addIliopsoas(double z, PrimitiveList& out) const {
  for (int side : kSides) {
    const auto design =
        iliopsoasAt(z, areaFactorFor(m_parameters.psoasRatio, side), areaFactorFor(m_parameters.iliacusRatio, side));
    IliopsoasSlice s;
    s.side = side;
    s.zMm = z;
    s.fatInfiltration = m_parameters.fatInfiltration;
    s.streakPhase = 0.7 * (m_parameters.seed % 97) + (side > 0 ? 0.0 : 1.9);
    if (design.psoas) {
      s.hasPsoas = true;
      s.psoas = *design.psoas;
    }
    if (design.iliacus) {
      s.hasIliacus = true;
      s.iliacus = *design.iliacus;
    }
    if (!s.hasPsoas && !s.hasIliacus) continue;
    out.push_back(makeIliopsoas(s));
    if (z < 72) out.push_back(makeFatHalo(s, 2.5)); // fat plane against the thigh muscles
  }
}

void AnatomyModel::addMuscles(double z, PrimitiveList& out) const {
  std::optional<Ellipse> psoasOf[2] = {placedPsoas(z, kSides[0]), placedPsoas(z, kSides[1])};

  // Vessels: aorta and IVC anterior to the spine, iliac vessels along the psoas' anteromedial border.
  const double spineFront = kSpineCentreVMm - spineHalfDepthMm(z);
  if (z >= 222) out.push_back(makeEllipse({8, spineFront - 13, 11, 11, 0}, 0, Tissue::Vessel));
  if (z >= 212) out.push_back(makeEllipse({-22, spineFront - 11, 14, 10, 0}, 0, Tissue::Vessel));
  for (int i = 0; i < 2; ++i) {
    const int side = kSides[i];
    if (z >= 222) break;
    const auto anchorPsoas = placedPsoas(std::max(z, 24.0), side);
    if (!anchorPsoas) continue;
    auto along = [&](double du, double dv, double radius) {
      const double n = std::hypot(du, dv);
      du /= n;
      dv /= n;
      const double reach = radiusAlong(*anchorPsoas, du, dv) + radius - 1.0;
      return Point2{anchorPsoas->cu + du * reach, anchorPsoas->cv + dv * reach};
    };
    const double arteryRadius = z > 185 ? 6.5 : 5.0, veinRadius = z > 175 ? 7.5 : 6.0;
    Point2 artery = along(-0.55, -0.83, arteryRadius), vein = along(-0.9, -0.3, veinRadius);
    if (z > 185) { // common iliac artery: from the aortic bifurcation to the psoas
      const double t = (z - 185) / (222 - 185);
      const Point2 bifurcation{side * 8.0, spineFront - 13};
      artery = {artery.u + t * (bifurcation.u - artery.u), artery.v + t * (bifurcation.v - artery.v)};
    }
    if (z > 175) {
      if (z >= 212) continue;
      const double t = (z - 175) / (212 - 175);
      const Point2 confluence{side * -22.0, spineFront - 11};
      vein = {vein.u + t * (confluence.u - vein.u), vein.v + t * (confluence.v - vein.v)};
    }
    out.push_back(makeEllipse({artery.u, artery.v, arteryRadius, arteryRadius, 0}, side, Tissue::Vessel));
    out.push_back(makeEllipse({vein.u, vein.v, veinRadius, veinRadius, 0}, side, Tissue::Vessel));
  }

  for (int i = 0; i < 2; ++i) {
    const int side = kSides[i];
    // Diaphragmatic crura: anterior/medial to the psoas origin, muscle density.
    if (z >= 325 && z <= 392) {
      const double taper = smoothStep(325, 345, z);
      out.push_back(makeEllipse({14, spineFront - 5, 5.5, 4 + 9 * taper, -0.35}, side, Tissue::Muscle));
    }
    // Quadratus lumborum: posterolateral to psoas, a few mm of fat between them.
    static const Track<2> qlTrack{{340, {10, 6}}, {300, {15, 8}}, {260, {19, 9.5}}, {220, {21, 10}}, {205, {15, 8}}};
    if (qlTrack.covers(z) && psoasOf[i]) {
      const auto ab = qlTrack.at(z);
      const Ellipse& psoas = *psoasOf[i];
      Ellipse ql{psoas.cu + 0.75 * psoas.a, psoas.cv + 0.6 * psoas.b + ab[1], ab[0], ab[1], 0.35};
      constexpr double kFatGapMm = 4.0;
      for (int step = 0; step < 80 && clearanceMm(psoas, ql) < kFatGapMm; ++step) ql.cv += 0.5;
      out.push_back(makeEllipse(ql, side, Tissue::Muscle));
    }
    // Erector spinae beside the spinous processes, on the sacrum lower down.
    if (z >= 110) {
      const double lumbarV = kSpineCentreVMm + spineHalfDepthMm(z) + 10.5 + 20.0;
      double v = lumbarV, a = 19, b = 16;
      if (auto sacrum = sacrumAt(z); sacrum && z < 165) {
        const double w = smoothStep(140, 165, z), shrink = smoothStep(108, 160, z);
        v = w * lumbarV + (1 - w) * (sacrum->centreVMm + sacrum->halfDepthMm + 16);
        a = 10 + 9 * shrink;
        b = 6 + 10 * shrink;
      }
      out.push_back(makeEllipse({27, v, a, b, 0}, side, Tissue::Muscle));
    }
    // Gluteus medius/minimus on the outer face of the iliac wing; hip muscles lower down.
    if (auto ilium = iliumAt(z)) {
      const double glutealMm = 18.0 * smoothStep(214, 200, z);
      const double rho0 = 1.0 + ilium->thicknessMm / ilium->frame.rb;
      if (glutealMm > 1)
        out.push_back(makeArcBand(ilium->frame, side, rho0, rho0 + glutealMm / ilium->frame.rb, ilium->frame.thetaA + 0.05,
                                  ilium->frame.thetaP - 0.35, Tissue::Muscle));
    }
    if (z >= 55 && z <= 125) out.push_back(makeEllipse({118, 25, 42, 48, 0}, side, Tissue::Muscle));
    static const Track<5> gluteusMaximus{{185, {78, 92, 18, 10, -0.62}}, {160, {80, 92, 42, 18, -0.62}},
                                         {120, {86, 88, 50, 22, -0.62}}, {60, {95, 75, 50, 22, -0.62}},
                                         {20, {95, 70, 38, 16, -0.5}}};
    if (gluteusMaximus.covers(z)) {
      const auto g = gluteusMaximus.at(z);
      out.push_back(makeEllipse({g[0], g[1], g[2], g[3], g[4]}, side, Tissue::Muscle));
    }
  }
}

void AnatomyModel::addOrgans(double z, PrimitiveList& out) const {
  // Kidneys at L1-L3, posterolateral to psoas and touching it.
  for (int side : kSides) {
    const double centreZ = side > 0 ? 300.0 : 290.0;
    auto kidney = ellipsoidSection(74, 46, centreZ, 33, 23, 55, z, 0.61);
    if (!kidney) continue;
    if (auto psoas = placedPsoas(z, side)) {
      // Slide the kidney medially/laterally until it overlaps the psoas by about 1 mm:
      // the psoas wins the overlap, so they touch without a fat plane.
      double lo = 74 - 12, hi = 74 + 15;
      for (int i = 0; i < 30; ++i) {
        kidney->cu = 0.5 * (lo + hi);
        (clearanceMm(*psoas, *kidney) < -1.0 ? lo : hi) = kidney->cu;
      }
    }
    const double scale = kidney->a / 33.0;
    if (scale > 0.55) {
      const double c = std::cos(kidney->phi), s = std::sin(kidney->phi);
      const Ellipse sinus{kidney->cu - 0.55 * kidney->a * c, kidney->cv - 0.55 * kidney->a * s, 0.45 * kidney->a,
                          0.4 * kidney->b, kidney->phi};
      out.push_back(makeEllipse(sinus, side, Tissue::VisceralFat));
    }
    out.push_back(makeEllipse(*kidney, side, Tissue::KidneyMedulla, 6.0, Tissue::KidneyCortex));
  }
  if (auto spleen = ellipsoidSection(82, 50, 378, 28, 40, 42, z, 0.5)) out.push_back(makeEllipse(*spleen, 1, Tissue::Spleen));
  if (auto liver = ellipsoidSection(-68, 5, 392, 82, 80, 88, z)) out.push_back(makeEllipse(*liver, 0, Tissue::Liver));
  if (auto bladder = ellipsoidSection(0, -40, 95, 48, 38, 32, z)) out.push_back(makeEllipse(*bladder, 0, Tissue::Urine));
  if (auto sacrum = sacrumAt(z); sacrum && z >= 62 && z <= 140) {
    const double v = sacrum->centreVMm - sacrum->halfDepthMm - 17;
    pushIf(out, makeBowelSection({0, v, z - 1, 0, v, z + 1}, 15, z, true));
  }
  for (const auto& loop : m_loops) {
    const double zLow = std::min(loop.segment.z0, loop.segment.z1) - loop.radiusMm;
    const double zHigh = std::max(loop.segment.z0, loop.segment.z1) + loop.radiusMm;
    if (z < zLow || z > zHigh) continue;
    pushIf(out, makeBowelSection(loop.segment, loop.radiusMm, z, loop.gassy));
  }
}

} // namespace iliometry::testdata::detail
