// Placeholder until the phantom command lands; it refuses to run rather than pretend.
#include "Commands.h"

namespace iliometry::cli {

void addPhantomCommand(CLI::App& app, CommandRunner& runner) {
  auto* command = app.add_subcommand("phantom", "(not available yet)");
  command->callback([&runner] {
    runner.set([] { return Result<void>(makeError(ErrorCode::Internal, "the phantom command is not implemented yet")); });
  });
}

} // namespace iliometry::cli
