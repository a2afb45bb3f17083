#include "iliometry/workflow/BatchShard.h"

#include <algorithm>
#include <cassert>
#include <charconv>

namespace iliometry::workflow {

namespace {

bool parseUnsigned(std::string_view text, unsigned& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && !text.empty();
}

} // namespace

Result<ShardSpec> parseShard(const std::string& text) {
  const auto slash = text.find('/');
  ShardSpec shard;
  if (slash == std::string::npos || !parseUnsigned(std::string_view(text).substr(0, slash), shard.index) ||
      !parseUnsigned(std::string_view(text).substr(slash + 1), shard.count) || shard.count == 0 || shard.index == 0 ||
      shard.index > shard.count)
    return makeError(ErrorCode::InvalidArgument,
                     "--shard '" + text + "' is not a shard (expected I/N with 1 <= I <= N, e.g. 2/8)");
  return shard;
}

std::string shardLabel(ShardSpec shard) { return std::to_string(shard.index) + "/" + std::to_string(shard.count); }

std::vector<BatchStudy> selectShard(std::vector<BatchStudy> studies, ShardSpec shard) {
  assert(shard.index >= 1 && shard.index <= shard.count);
  std::sort(studies.begin(), studies.end(), [](const BatchStudy& a, const BatchStudy& b) { return a.id < b.id; });
  std::vector<BatchStudy> selected;
  for (std::size_t i = shard.index - 1; i < studies.size(); i += shard.count)
    selected.push_back(std::move(studies[i]));
  return selected;
}

} // namespace iliometry::workflow
