// Placeholder until the info command lands; it refuses to run rather than pretend.
#include "Commands.h"

namespace iliometry::cli {

void addInfoCommand(CLI::App& app, CommandRunner& runner) {
  auto* command = app.add_subcommand("info", "(not available yet)");
  command->callback([&runner] {
    runner.set([] { return Result<void>(makeError(ErrorCode::Internal, "the info command is not implemented yet")); });
  });
}

} // namespace iliometry::cli
