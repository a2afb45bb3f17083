#pragma once
// `iliometry merge`: one cohort table from the output folders of several batch runs (the
// shards of a Slurm job array), rebuilt from each study's record rather than from the shards'
// tables, so that a shard killed before its last table update still contributes every study
// it finished.
#include "iliometry/core/Result.h"
#include "iliometry/workflow/BatchTable.h"

#include <filesystem>
#include <string>
#include <vector>

namespace iliometry::workflow {

struct MergeSummary {
  std::size_t ok = 0, failed = 0;
  std::vector<std::string> unfinishedIds; // planned in a shard but without a record
  CohortTableFiles table;
};

// Reads batch-plan.json of every folder and the record of every planned study; writes
// cohort.csv and cohort.json into `outputDir`, rows sorted by id. Errors: InputNotFound (a
// folder or its plan missing), InvalidArgument (a study id in two folders), InvalidSeries (an
// unreadable record), OutputFailed.
Result<MergeSummary> mergeBatchOutputs(const std::vector<std::filesystem::path>& batchFolders,
                                       const std::filesystem::path& outputDir);

} // namespace iliometry::workflow
