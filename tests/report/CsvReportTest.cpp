#include "ReportFixture.h"

#include "iliometry/report/CsvReport.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace iliometry;
using namespace iliometry::report;

namespace {

// A minimal RFC 4180 reader, independent of the writer, to check what a spreadsheet would see.
std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\n') {
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
    } else {
      field += c;
    }
  }
  return rows;
}

std::vector<std::string> findRow(const std::vector<std::vector<std::string>>& rows, const std::string& sliceIndex,
                                 const std::string& structure) {
  for (const auto& row : rows)
    if (row.size() > 5 && row[3] == sliceIndex && row[5] == structure) return row;
  return {};
}

} // namespace

TEST(CsvField, PlainTextIsWrittenAsItIs) { EXPECT_EQ(csvField("1.2.840.10008"), "1.2.840.10008"); }

TEST(CsvField, CommaQuoteAndNewlineAreQuoted) {
  EXPECT_EQ(csvField("a,b"), "\"a,b\"");
  EXPECT_EQ(csvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csvField("cr\r"), "\"cr\r\"");
  EXPECT_EQ(csvField(""), "");
}

TEST(CsvReport, HeaderNamesTheDocumentedColumns) {
  const std::string csv = measurementsCsv(fixture::makeReport());
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "patient_id,study_instance_uid,series_instance_uid,slice_index,z_mm,structure,muscle,side,csa_cm2,level,"
            "fat_fraction_percent");
}

TEST(CsvReport, HasOneRowPerSliceAndStructure) {
  const auto rows = parseCsv(measurementsCsv(fixture::makeReport()));
  ASSERT_EQ(rows.size(), 1u + 5u * 4u);
  for (const auto& row : rows)
    EXPECT_EQ(row.size(), measurementsCsvColumns().size());
}

TEST(CsvReport, RowHoldsIdentifiersPositionStructureAndCsaInCm2) {
  const auto rows = parseCsv(measurementsCsv(fixture::makeReport()));
  const auto row = findRow(rows, "2", "psoas_major_left");
  ASSERT_FALSE(row.empty());
  EXPECT_EQ(row[0], "PAT,\"7\"");
  EXPECT_EQ(row[1], "1.2.3");
  EXPECT_EQ(row[2], "1.2.3.4");
  EXPECT_EQ(row[4], "105.000");
  EXPECT_EQ(row[6], "psoas_major");
  EXPECT_EQ(row[7], "left");
  EXPECT_EQ(row[8], "3.0000");
  EXPECT_EQ(row[9], "");
  const auto iliacus = findRow(rows, "3", "iliacus_left");
  ASSERT_FALSE(iliacus.empty());
  EXPECT_EQ(iliacus[8], "0.6000");
  EXPECT_EQ(iliacus[7], "left");
  EXPECT_EQ(findRow(rows, "4", "iliacus_right")[8], "0.0000");
}

TEST(CsvReport, LevelColumnNamesTheLevelOnItsSliceOnly) {
  const auto rows = parseCsv(measurementsCsv(fixture::makeReport()));
  for (const char* structure : {"psoas_major_left", "psoas_major_right", "iliacus_left", "iliacus_right"}) {
    EXPECT_EQ(findRow(rows, "1", structure)[9], "L3");
    EXPECT_EQ(findRow(rows, "3", structure)[9], "L4/L5");
    EXPECT_EQ(findRow(rows, "0", structure)[9], "");
  }
}

TEST(CsvReport, FieldsWithCommasAndQuotesAreQuotedInTheFile) {
  const std::string csv = measurementsCsv(fixture::makeReport());
  std::istringstream lines(csv);
  std::string header, first;
  std::getline(lines, header);
  std::getline(lines, first);
  EXPECT_EQ(first.substr(0, first.find(",1.2.3,")), "\"PAT,\"\"7\"\"\"");
}

TEST(CsvReport, TwoLevelsOnOneSliceAreJoinedWithASemicolon) {
  auto report = fixture::makeReport();
  report.levels.levels.push_back({"L3/L4", LevelKind::Disc, 1, 102.5, 0.5});
  const auto rows = parseCsv(measurementsCsv(report));
  EXPECT_EQ(findRow(rows, "1", "iliacus_left")[9], "L3;L3/L4");
}
