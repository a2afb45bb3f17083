// Placeholder until the measure command lands; it refuses to run rather than pretend.
#include "Commands.h"

namespace iliometry::cli {

void addMeasureCommand(CLI::App& app, CommandRunner& runner) {
  auto* command = app.add_subcommand("measure", "(not available yet)");
  command->callback([&runner] {
    runner.set([] { return Result<void>(makeError(ErrorCode::Internal, "the measure command is not implemented yet")); });
  });
}

} // namespace iliometry::cli
