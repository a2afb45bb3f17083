// `iliometry merge BATCH_OUTDIR... -o OUTDIR`: one cohort table from the output folders of
// several batch runs (the shards of a Slurm job array). Exit codes in docs/batch.md.
#include "Commands.h"

#include "iliometry/workflow/BatchMerge.h"

#include <iostream>
#include <memory>

namespace iliometry::cli {

namespace {

struct MergeArguments {
  std::vector<std::string> batchFolders;
  std::string outputDir;
};

Result<void> runMergeCommand(const MergeArguments& arguments, int& exitCode) {
  std::vector<std::filesystem::path> folders(arguments.batchFolders.begin(), arguments.batchFolders.end());
  auto merged = workflow::mergeBatchOutputs(folders, arguments.outputDir);
  if (!merged) return merged.error();
  const auto& summary = merged.value();
  std::cout << summary.ok << " ok, " << summary.failed << " failed, " << summary.unfinishedIds.size()
            << " unfinished\nWrote " << summary.table.csvPath.string() << ", " << summary.table.jsonPath.string()
            << '\n';
  for (const auto& id : summary.unfinishedIds)
    std::cerr << "unfinished: " << id << " (no batch record yet: rerun its shard)\n";
  if (!summary.unfinishedIds.empty())
    exitCode = kUnfinishedStudiesExitCode;
  else if (summary.failed > 0)
    exitCode = kSomeStudiesFailedExitCode;
  return {};
}

} // namespace

void addMergeCommand(CLI::App& app, CommandRunner& runner, int& exitCode) {
  auto arguments = std::make_shared<MergeArguments>();
  auto* command = app.add_subcommand("merge", "Combine the output folders of several batch runs (shards) into one "
                                              "cohort.csv and cohort.json");
  command->add_option("batch_folders", arguments->batchFolders, "output folders of `iliometry batch` runs")->required();
  command->add_option("-o,--output", arguments->outputDir, "folder for the merged cohort.csv and cohort.json")
      ->required();
  command->callback([&runner, &exitCode, arguments] {
    runner.set([arguments, &exitCode] { return runMergeCommand(*arguments, exitCode); });
  });
}

} // namespace iliometry::cli
