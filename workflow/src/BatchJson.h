#pragma once
// Private to workflow/: cohort cells to and from nlohmann::ordered_json (records and cohort.json).
#include "iliometry/workflow/BatchTable.h"

#include <nlohmann/json.hpp>

namespace iliometry::workflow::detail {

nlohmann::ordered_json toJson(const CohortValue& value);
nlohmann::ordered_json toJson(const CohortCells& cells);
// Numbers with a fraction or exponent become double, others long long; null becomes empty.
CohortValue cohortValueFromJson(const nlohmann::ordered_json& value);
CohortCells cohortCellsFromJson(const nlohmann::ordered_json& object);

} // namespace iliometry::workflow::detail
