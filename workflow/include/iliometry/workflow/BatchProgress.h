#pragma once
// Progress of a batch: counts, an estimate of the time left, and how to show them (a bar that
// redraws itself on a terminal, one plain line per study in a log).
#include <cstddef>
#include <optional>
#include <string>

namespace iliometry::workflow {

struct BatchProgress {
  std::size_t total = 0;   // studies in this run (this shard)
  std::size_t ok = 0;      // finished ok, this run or before (skipped)
  std::size_t failed = 0;  // finished failed, this run or before (skipped)
  std::size_t skipped = 0; // found complete from an earlier run (included in ok/failed)
  std::size_t running = 0;
  double elapsedS = 0.0;            // since this run started
  std::optional<double> remainingS; // empty until one study was measured in this run

  std::size_t done() const { return ok + failed; }
};

// Time left: the studies still to run times the wall time per study measured in this run so
// far (which already reflects the parallelism). Empty before the first study was measured.
std::optional<double> estimateRemainingS(std::size_t measuredThisRun, std::size_t remaining, double elapsedS);

// "45s", "3m12s", "2h05m".
std::string formatDuration(double seconds);

// One terminal line, e.g. "[#########...........]  12/40  ok 11  failed 1  running 2  ETA 3m12s",
// with a bar `barWidthChars` wide.
std::string progressBarLine(const BatchProgress& progress, unsigned barWidthChars);

// One log line for a finished or skipped study: counter, id, status and detail joined by
// spaces, e.g. "[12/40] P012 ok (9.8 s), ETA 3m12s" or "[13/40] P013 failed: series ...: ..., ETA 3m".
std::string progressLogLine(const BatchProgress& progress, const std::string& studyId, const std::string& status,
                            const std::string& detail);

} // namespace iliometry::workflow
