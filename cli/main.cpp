// iliometry: the command-line face of the workflow. Parsing and exit codes only; every
// computation lives in the libraries (see cli/README.md for the exit codes).
#include "Commands.h"

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{"Iliometry: psoas major and iliacus, both sides, from CT and MR"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(ILIOMETRY_VERSION));

  iliometry::cli::CommandRunner runner;
  iliometry::cli::addPhantomCommand(app, runner);
  iliometry::cli::addInfoCommand(app, runner);
  iliometry::cli::addMeasureCommand(app, runner);
  int cohortExitCode = 0; // set by batch and merge when some studies failed or are unfinished
  iliometry::cli::addBatchCommand(app, runner, cohortExitCode);
  iliometry::cli::addMergeCommand(app, runner, cohortExitCode);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e); // CLI11 prints the message; usage errors exit with 106/109 etc. -> mapped below
  }
  const int exitCode = runner.run();
  return exitCode != 0 ? exitCode : cohortExitCode;
}
