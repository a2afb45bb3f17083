#include "SliceStack.h"

#include "GeometryMath.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace iliometry::dicom {
namespace {

constexpr double kDuplicateToleranceMm = 0.01;
constexpr double kPixelSpacingRelativeTolerance = 1e-3;
constexpr double kMissingSliceRatio = 1.5; // a gap this many times the usual spacing is a missing slice

std::string mm(double value, int decimals = 2) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

struct Placed {
  FrameRef ref;
  double along = 0.0; // position projected on the normal
};

} // namespace

Result<StackPlan> planStack(const SeriesGroup& group, const std::vector<std::string>& skippedFiles) {
  const std::string label = group.label();
  const std::array<double, 6>& orientation = *group.frames.front().frame->orientation;
  const Vec3 row = rowCosine(orientation), column = columnCosine(orientation);
  if (std::abs(dot(row, column)) > 1e-3 || norm(cross(row, column)) < 0.5)
    return makeError(ErrorCode::InvalidSeries,
                     label + ": Image Orientation (Patient) row and column cosines are not orthogonal");
  const Vec3 normal = sliceNormal(orientation);

  std::vector<Placed> placed;
  placed.reserve(group.frames.size());
  for (const FrameRef& f : group.frames)
    placed.push_back({f, dot(*f.frame->positionMm, normal)});
  // Sort by position along the normal only: file names and Instance Numbers are not trusted.
  std::stable_sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) { return a.along < b.along; });

  StackPlan plan;
  for (const Placed& p : placed) {
    if (!plan.slices.empty() &&
        std::abs(p.along - dot(*plan.slices.back().frame->positionMm, normal)) < kDuplicateToleranceMm)
      plan.duplicates.emplace_back(plan.slices.size() - 1, p.ref);
    else
      plan.slices.push_back(p.ref);
  }

  const auto& spacing0 = *plan.slices.front().frame->pixelSpacingMm;
  if (!(spacing0[0] > 0.0 && spacing0[1] > 0.0))
    return makeError(ErrorCode::InvalidSeries, label + ": Pixel Spacing must be positive, found " + mm(spacing0[0], 4) +
                                                   "\\" + mm(spacing0[1], 4));
  for (const FrameRef& f : plan.slices) {
    const auto& s = *f.frame->pixelSpacingMm;
    if (std::abs(s[0] - spacing0[0]) > kPixelSpacingRelativeTolerance * spacing0[0] ||
        std::abs(s[1] - spacing0[1]) > kPixelSpacingRelativeTolerance * spacing0[1])
      return makeError(ErrorCode::InvalidSeries, label + ": pixel spacing varies between slices (" +
                                                     mm(spacing0[0], 4) + "\\" + mm(spacing0[1], 4) + " mm in one, " +
                                                     mm(s[0], 4) + "\\" + mm(s[1], 4) + " mm in " +
                                                     f.header->file.string() + ")");
  }

  const Vec3 origin = *plan.slices.front().frame->positionMm;
  double sliceSpacingMm = 0.0;
  const std::size_t n = plan.slices.size();
  if (n >= 2) {
    std::vector<double> along(n), gaps(n - 1);
    for (std::size_t i = 0; i < n; ++i)
      along[i] = dot(*plan.slices[i].frame->positionMm, normal);
    for (std::size_t i = 0; i + 1 < n; ++i)
      gaps[i] = along[i + 1] - along[i];
    std::vector<double> sorted = gaps;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<long>(sorted.size() / 2), sorted.end());
    const double typical = sorted[sorted.size() / 2];
    const auto [minGap, maxGap] = std::minmax_element(gaps.begin(), gaps.end());
    const std::size_t widest = static_cast<std::size_t>(maxGap - gaps.begin());
    if (*maxGap > kMissingSliceRatio * typical) {
      const long missing = std::lround(*maxGap / typical) - 1;
      std::string message = label + ": gap of " + mm(*maxGap) + " mm between slices at " + mm(along[widest]) + " and " +
                            mm(along[widest + 1]) + " mm along the normal (expected " + mm(typical) + " mm): about " +
                            std::to_string(std::max(1L, missing)) + " slice(s) missing";
      if (!skippedFiles.empty()) {
        message += "; unreadable files were skipped, one may be the missing slice: " + skippedFiles.front();
        if (skippedFiles.size() > 1) message += " and " + std::to_string(skippedFiles.size() - 1) + " more";
      }
      return makeError(ErrorCode::InvalidSeries, message, plan.slices[widest + 1].header->file.string());
    }
    const double tolerance = std::max(0.02, 0.02 * typical);
    if (*maxGap - *minGap > tolerance)
      return makeError(ErrorCode::InvalidSeries, label + ": slice spacing varies from " + mm(*minGap) + " to " +
                                                     mm(*maxGap) + " mm (expected uniform)");
    sliceSpacingMm = (along[n - 1] - along[0]) / static_cast<double>(n - 1);

    // Gantry tilt: positions drift sideways from the normal through the first slice.
    double worstOffsetMm = 0.0, worstAlongMm = 1.0;
    for (std::size_t i = 1; i < n; ++i) {
      const Vec3& p = *plan.slices[i].frame->positionMm;
      const Vec3 v{p[0] - origin[0], p[1] - origin[1], p[2] - origin[2]};
      const double a = dot(v, normal);
      const Vec3 sideways{v[0] - a * normal[0], v[1] - a * normal[1], v[2] - a * normal[2]};
      if (norm(sideways) > worstOffsetMm) {
        worstOffsetMm = norm(sideways);
        worstAlongMm = a;
      }
    }
    if (worstOffsetMm > std::max(0.05, 1e-3 * std::abs(worstAlongMm))) {
      const double tiltDeg = std::atan2(worstOffsetMm, std::abs(worstAlongMm)) * 180.0 / M_PI;
      return makeError(ErrorCode::InvalidSeries,
                       label + ": slice positions are not along the slice normal (gantry tilt of about " +
                           mm(tiltDeg, 1) + " degrees, " + mm(worstOffsetMm) +
                           " mm sideways); tilted stacks are not supported");
    }
  } else {
    sliceSpacingMm = plan.slices.front().frame->sliceThicknessMm.value_or(1.0);
    plan.warnings.push_back(label + ": one slice only; slice spacing taken from Slice Thickness (" +
                            mm(sliceSpacingMm) + " mm)");
  }

  plan.originMm = origin;
  // ITK order: first axis along a row (column spacing, DICOM's second value), second down a column.
  plan.spacingMm = {spacing0[1], spacing0[0], sliceSpacingMm};
  for (int r = 0; r < 3; ++r) {
    plan.direction[r * 3 + 0] = row[r];
    plan.direction[r * 3 + 1] = column[r];
    plan.direction[r * 3 + 2] = normal[r];
  }
  return plan;
}

} // namespace iliometry::dicom
