#include "iliometry/workflow/BatchManifest.h"

#include <csv.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace iliometry::workflow {

namespace fs = std::filesystem;

namespace {

using CsvRecord = std::vector<std::string>;

// libcsv (RFC 4180, strict) calls back once per field and once per record.
struct CsvCollector {
  CsvRecord current;
  std::vector<CsvRecord> records;
  static void onField(void* text, std::size_t length, void* self) {
    static_cast<CsvCollector*>(self)->current.emplace_back(static_cast<const char*>(text), length);
  }
  static void onRecordEnd(int, void* self) {
    auto* collector = static_cast<CsvCollector*>(self);
    collector->records.push_back(std::move(collector->current));
    collector->current.clear();
  }
};

Result<std::vector<CsvRecord>> parseCsv(const std::string& text, const std::string& sourceName) {
  csv_parser parser{};
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
    return makeError(ErrorCode::Internal, "cannot initialise the CSV parser");
  CsvCollector collector;
  const std::size_t parsed =
      csv_parse(&parser, text.data(), text.size(), CsvCollector::onField, CsvCollector::onRecordEnd, &collector);
  const bool complete =
      parsed == text.size() && csv_fini(&parser, CsvCollector::onField, CsvCollector::onRecordEnd, &collector) == 0;
  const std::string problem = complete ? std::string() : csv_strerror(csv_error(&parser));
  csv_free(&parser);
  if (!complete)
    return makeError(ErrorCode::InvalidArgument,
                     sourceName + ": not valid CSV near byte " + std::to_string(parsed) + " (" + problem +
                         "; expected comma-separated fields, quoted with \" when they hold commas or quotes)");
  return collector.records;
}

const std::set<std::string> kKnownColumns{"id", "path", "height_m", "series_uid"};

Result<std::optional<double>> parseHeight(const std::string& text, const std::string& where) {
  if (text.empty()) return std::optional<double>{};
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !(value >= 0.5 && value <= 2.5))
    return makeError(ErrorCode::InvalidArgument,
                     where + ": height_m '" + text + "' is not a height in metres (expected 0.5 to 2.5, or empty)");
  return std::optional<double>{value};
}

} // namespace

Result<StudyList> parseManifest(const std::string& csvText, const fs::path& baseFolder, const std::string& sourceName) {
  auto parsed = parseCsv(csvText, sourceName);
  if (!parsed) return parsed.error();
  const std::vector<CsvRecord>& records = parsed.value();
  if (records.empty())
    return makeError(ErrorCode::InvalidArgument,
                     sourceName + ": empty manifest (expected a header line id,path[,height_m][,series_uid])");

  std::map<std::string, std::size_t> columnIndex;
  for (std::size_t i = 0; i < records[0].size(); ++i) {
    const std::string& name = records[0][i];
    if (!kKnownColumns.contains(name))
      return makeError(ErrorCode::InvalidArgument, sourceName + ": unknown column '" + name +
                                                       "' in the header (expected id, path, height_m, series_uid)");
    if (!columnIndex.emplace(name, i).second)
      return makeError(ErrorCode::InvalidArgument, sourceName + ": column '" + name + "' appears twice in the header");
  }
  for (const char* required : {"id", "path"})
    if (!columnIndex.contains(required))
      return makeError(ErrorCode::InvalidArgument, sourceName + ": the header has no '" + required +
                                                       "' column (expected id,path[,height_m][,series_uid])");

  StudyList list;
  std::set<std::string> ids;
  for (std::size_t row = 1; row < records.size(); ++row) {
    const CsvRecord& record = records[row];
    const std::string where = sourceName + " row " + std::to_string(row);
    if (record.size() != records[0].size())
      return makeError(ErrorCode::InvalidArgument, where + ": " + std::to_string(record.size()) + " fields, expected " +
                                                       std::to_string(records[0].size()) + " as in the header");
    auto cell = [&](const char* column) {
      const auto it = columnIndex.find(column);
      return it == columnIndex.end() ? std::string() : record[it->second];
    };
    BatchStudy study;
    study.id = cell("id");
    if (!isValidStudyId(study.id))
      return makeError(ErrorCode::InvalidArgument,
                       where + ": id '" + study.id +
                           "' may hold only letters, digits, '.', '_' and '-' (it names a folder)");
    if (!ids.insert(study.id).second)
      return makeError(ErrorCode::InvalidArgument, where + ": id '" + study.id + "' is listed twice");
    const std::string path = cell("path");
    if (path.empty()) return makeError(ErrorCode::InvalidArgument, where + ": empty path for study '" + study.id + "'");
    study.inputPath = fs::path(path).is_absolute() ? fs::path(path) : baseFolder / path;
    auto height = parseHeight(cell("height_m"), where);
    if (!height) return height.error();
    study.heightM = height.value();
    study.seriesInstanceUid = cell("series_uid");
    list.studies.push_back(std::move(study));
  }
  if (list.studies.empty()) return makeError(ErrorCode::InputNotFound, sourceName + ": the manifest lists no study");
  std::sort(list.studies.begin(), list.studies.end(),
            [](const BatchStudy& a, const BatchStudy& b) { return a.id < b.id; });
  return list;
}

Result<StudyList> readManifest(const fs::path& manifestCsv) {
  std::ifstream in(manifestCsv, std::ios::binary);
  if (!in) return makeError(ErrorCode::InputNotFound, manifestCsv.string() + ": cannot open the manifest");
  std::stringstream text;
  text << in.rdbuf();
  return parseManifest(text.str(), manifestCsv.parent_path(), manifestCsv.string());
}

} // namespace iliometry::workflow
