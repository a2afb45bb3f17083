#include "BatchJson.h"

namespace iliometry::workflow::detail {

nlohmann::ordered_json toJson(const CohortValue& value) {
  return std::visit(
      [](const auto& v) -> nlohmann::ordered_json {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>)
          return nullptr;
        else
          return v;
      },
      value);
}

nlohmann::ordered_json toJson(const CohortCells& cells) {
  nlohmann::ordered_json object = nlohmann::ordered_json::object();
  for (const auto& [column, value] : cells)
    object[column] = toJson(value);
  return object;
}

CohortValue cohortValueFromJson(const nlohmann::ordered_json& value) {
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_number_integer()) return value.get<long long>();
  if (value.is_number()) return value.get<double>();
  if (value.is_string()) return value.get<std::string>();
  return std::monostate{};
}

CohortCells cohortCellsFromJson(const nlohmann::ordered_json& object) {
  CohortCells cells;
  if (!object.is_object()) return cells;
  for (const auto& [column, value] : object.items())
    cells[column] = cohortValueFromJson(value);
  return cells;
}

} // namespace iliometry::workflow::detail
