#pragma once
// Splitting a cohort into N shards for N machines (a Slurm job array): shard I of N takes the
// studies at positions I-1, I-1+N, I-1+2N, ... of the cohort sorted by id. The split depends
// only on the ids, so every node computes the same partition from the same ROOT or manifest,
// and shard sizes differ by at most one.
#include "iliometry/core/Result.h"
#include "iliometry/workflow/BatchStudy.h"

#include <string>
#include <vector>

namespace iliometry::workflow {

struct ShardSpec {
  unsigned index = 1; // 1..count
  unsigned count = 1;
};

// "I/N" with 1 <= I <= N; InvalidArgument naming --shard and the text otherwise.
Result<ShardSpec> parseShard(const std::string& text);

// "I/N".
std::string shardLabel(ShardSpec shard);

// The studies of shard `shard`, sorted by id (asserts 1 <= index <= count).
std::vector<BatchStudy> selectShard(std::vector<BatchStudy> studies, ShardSpec shard);

} // namespace iliometry::workflow
