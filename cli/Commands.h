#pragma once
// Each subcommand registers its options and the action to run after parsing.
#include "iliometry/core/Result.h"

#include <CLI/CLI.hpp>

#include <functional>

namespace iliometry::cli {

class CommandRunner {
public:
  using Action = std::function<Result<void>()>;
  void set(Action action) { m_action = std::move(action); }
  // Runs the chosen command; prints the error for the user and returns its exit code.
  int run() const;

private:
  Action m_action;
};

void addPhantomCommand(CLI::App& app, CommandRunner& runner);
void addInfoCommand(CLI::App& app, CommandRunner& runner);
void addMeasureCommand(CLI::App& app, CommandRunner& runner);

// Cohort commands finish with an exit code of their own when the run itself succeeded but not
// every study did (docs/batch.md); they set `exitCode`, which main returns when run() gives 0.
inline constexpr int kSomeStudiesFailedExitCode = 10; // batch, merge: at least one study failed
inline constexpr int kUnfinishedStudiesExitCode = 11; // merge: a shard has studies without a record
void addBatchCommand(CLI::App& app, CommandRunner& runner, int& exitCode);
void addMergeCommand(CLI::App& app, CommandRunner& runner, int& exitCode);

} // namespace iliometry::cli
