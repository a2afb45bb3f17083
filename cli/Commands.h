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

} // namespace iliometry::cli
