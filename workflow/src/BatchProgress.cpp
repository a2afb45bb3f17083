#include "iliometry/workflow/BatchProgress.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace iliometry::workflow {

std::optional<double> estimateRemainingS(std::size_t measuredThisRun, std::size_t remaining, double elapsedS) {
  if (remaining == 0) return 0.0;
  if (measuredThisRun == 0) return std::nullopt;
  return elapsedS / static_cast<double>(measuredThisRun) * static_cast<double>(remaining);
}

std::string formatDuration(double seconds) {
  const long long total = std::llround(std::max(seconds, 0.0));
  char text[32];
  if (total < 60)
    std::snprintf(text, sizeof text, "%llds", total);
  else if (total < 3600)
    std::snprintf(text, sizeof text, "%lldm%02llds", total / 60, total % 60);
  else
    std::snprintf(text, sizeof text, "%lldh%02lldm", total / 3600, (total % 3600) / 60);
  return text;
}

namespace {

std::string etaText(const BatchProgress& progress) {
  return progress.remainingS ? "ETA " + formatDuration(*progress.remainingS) : "ETA --";
}

} // namespace

std::string progressBarLine(const BatchProgress& progress, unsigned barWidthChars) {
  const double fraction =
      progress.total == 0 ? 1.0 : static_cast<double>(progress.done()) / static_cast<double>(progress.total);
  const auto filled = static_cast<unsigned>(std::floor(fraction * barWidthChars));
  std::string line = "[" + std::string(filled, '#') + std::string(barWidthChars - filled, '.') + "] ";
  char counts[160];
  std::snprintf(counts, sizeof counts, "%zu/%zu  ok %zu  failed %zu  running %zu  ", progress.done(), progress.total,
                progress.ok, progress.failed, progress.running);
  return line + counts + etaText(progress);
}

std::string progressLogLine(const BatchProgress& progress, const std::string& studyId, const std::string& status,
                            const std::string& detail) {
  char counter[64];
  std::snprintf(counter, sizeof counter, "[%zu/%zu] ", progress.done(), progress.total);
  std::string line = counter + studyId + " " + status;
  if (!detail.empty()) line += " " + detail;
  return line + ", " + etaText(progress);
}

} // namespace iliometry::workflow
