#include "iliometry/report/MeasurementReport.h"

#include <chrono>
#include <ctime>

namespace iliometry::report {

std::vector<std::string> levelNamesAtSlice(const LevelSet& levels, int sliceIndex) {
  std::vector<std::string> names;
  for (const auto& level : levels.levels)
    if (level.sliceIndex == sliceIndex) names.push_back(level.name);
  return names;
}

std::string levelKindKey(LevelKind kind) { return kind == LevelKind::Disc ? "disc" : "vertebra"; }

std::string utcTimestampNow() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::optional<double> fatFractionPercent(const MeasurementReport& report, Structure s, int sliceIndex) {
  if (!report.fatFraction || sliceIndex < 0) return std::nullopt;
  const auto& perSlice = report.fatFraction->of(s).percentPerSlice;
  if (static_cast<std::size_t>(sliceIndex) >= perSlice.size()) return std::nullopt;
  return perSlice[static_cast<std::size_t>(sliceIndex)];
}

} // namespace iliometry::report
