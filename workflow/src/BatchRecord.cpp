#include "iliometry/workflow/BatchRecord.h"

#include "BatchJson.h"

#include "iliometry/core/AtomicFile.h"
#include "iliometry/workflow/MeasureOptions.h"

#include <cmath>
#include <fstream>
#include <sstream>
#include <system_error>

namespace iliometry::workflow {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

Result<std::string> readText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::InputNotFound, path.string() + ": not found");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

std::string studyStatusKey(StudyStatus status) { return status == StudyStatus::Ok ? "ok" : "failed"; }

CohortCells cohortRow(const StudyRecord& record, const fs::path& studyFolder) {
  CohortCells row = record.measurements;
  row["id"] = record.id;
  row["status"] = studyStatusKey(record.status);
  row["error_code"] = record.errorCode;
  row["message"] = record.message;
  row["input_path"] = record.inputPath;
  row["output_folder"] = studyFolder.lexically_normal().string();
  if (!record.seriesInstanceUid.empty()) row["series_instance_uid"] = record.seriesInstanceUid;
  row["elapsed_s"] = std::round(record.elapsedS * 10.0) / 10.0;
  row["finished_utc"] = record.finishedUtc;
  return row;
}

std::string studyRecordJson(const StudyRecord& record) {
  Json json;
  json["schema_version"] = kStudyRecordSchemaVersion;
  json["id"] = record.id;
  json["input_path"] = record.inputPath;
  json["status"] = studyStatusKey(record.status);
  json["error_code"] = record.errorCode;
  json["message"] = record.message;
  json["series_instance_uid"] = record.seriesInstanceUid;
  json["input_fingerprint"] = record.inputFingerprint;
  json["options_fingerprint"] = record.optionsFingerprint;
  json["output_sizes_bytes"] = Json::object();
  for (const auto& [name, size] : record.outputSizesBytes)
    json["output_sizes_bytes"][name] = size;
  json["elapsed_s"] = record.elapsedS;
  json["finished_utc"] = record.finishedUtc;
  json["measurements"] = detail::toJson(record.measurements);
  return json.dump(2) + "\n";
}

Result<StudyRecord> parseStudyRecord(const std::string& text, const std::string& sourceName) {
  const Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object())
    return makeError(ErrorCode::InvalidSeries, sourceName + ": not a JSON object (expected a batch record)");
  if (json.value("schema_version", 0) != kStudyRecordSchemaVersion)
    return makeError(ErrorCode::InvalidSeries, sourceName + ": schema_version " +
                                                   json.value("schema_version", Json()).dump() + ", expected " +
                                                   std::to_string(kStudyRecordSchemaVersion));
  try {
    StudyRecord record;
    record.id = json.at("id").get<std::string>();
    record.inputPath = json.at("input_path").get<std::string>();
    const std::string status = json.at("status").get<std::string>();
    if (status != "ok" && status != "failed")
      return makeError(ErrorCode::InvalidSeries, sourceName + ": status '" + status + "' (expected ok or failed)");
    record.status = status == "ok" ? StudyStatus::Ok : StudyStatus::Failed;
    record.errorCode = json.at("error_code").get<std::string>();
    record.message = json.at("message").get<std::string>();
    record.seriesInstanceUid = json.at("series_instance_uid").get<std::string>();
    record.inputFingerprint = json.at("input_fingerprint").get<std::string>();
    record.optionsFingerprint = json.at("options_fingerprint").get<std::string>();
    for (const auto& [name, size] : json.at("output_sizes_bytes").items())
      record.outputSizesBytes[name] = size.get<std::uintmax_t>();
    record.elapsedS = json.at("elapsed_s").get<double>();
    record.finishedUtc = json.at("finished_utc").get<std::string>();
    record.measurements = detail::cohortCellsFromJson(json.at("measurements"));
    return record;
  } catch (const Json::exception& e) {
    return makeError(ErrorCode::InvalidSeries,
                     sourceName + ": a field of the batch record is missing or of the wrong type", e.what());
  }
}

Result<void> writeStudyRecord(const fs::path& studyFolder, const StudyRecord& record) {
  std::error_code error;
  fs::create_directories(studyFolder, error);
  if (error)
    return makeError(ErrorCode::OutputFailed, studyFolder.string() + ": cannot create the folder", error.message());
  return writeFileAtomically(studyFolder / kStudyRecordFileName, studyRecordJson(record));
}

Result<StudyRecord> readStudyRecord(const fs::path& studyFolder) {
  const fs::path path = studyFolder / kStudyRecordFileName;
  auto text = readText(path);
  if (!text) return text.error();
  return parseStudyRecord(text.value(), path.string());
}

Result<void> checkRecordedOutputs(const fs::path& studyFolder, const StudyRecord& record) {
  for (const auto& [name, size] : record.outputSizesBytes) {
    std::error_code error;
    const auto found = fs::file_size(studyFolder / name, error);
    if (error) return makeError(ErrorCode::InputNotFound, (studyFolder / name).string() + ": missing");
    if (found != size)
      return makeError(ErrorCode::InvalidSeries, (studyFolder / name).string() + ": " + std::to_string(found) +
                                                     " bytes, the record says " + std::to_string(size));
  }
  if (record.status != StudyStatus::Ok) return {};
  const fs::path jsonPath = studyFolder / kMeasurementsJsonFileName;
  auto text = readText(jsonPath);
  if (!text) return text.error();
  const Json json = Json::parse(text.value(), nullptr, false);
  if (json.is_discarded()) return makeError(ErrorCode::InvalidSeries, jsonPath.string() + ": not valid JSON");
  const Json* series = nullptr;
  if (json.contains("study") && json["study"].contains("series_instance_uid"))
    series = &json["study"]["series_instance_uid"];
  if (series == nullptr || !series->is_string() || series->get<std::string>() != record.seriesInstanceUid)
    return makeError(ErrorCode::InvalidSeries, jsonPath.string() + ": series " + (series ? series->dump() : "none") +
                                                   ", the record says '" + record.seriesInstanceUid + "'");
  return {};
}

} // namespace iliometry::workflow
