// Finding a cohort's studies (folder discovery, manifests) and splitting it into shards.
#include "TempFolder.h"

#include "iliometry/workflow/BatchDiscovery.h"
#include "iliometry/workflow/BatchManifest.h"
#include "iliometry/workflow/BatchShard.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

using namespace iliometry;
using namespace iliometry::workflow;
using iliometry::testing_support::TempFolder;
namespace fs = std::filesystem;

namespace {

void touch(const fs::path& path, const std::string& text = "x") {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

std::vector<std::string> idsOf(const StudyList& list) {
  std::vector<std::string> ids;
  for (const auto& study : list.studies)
    ids.push_back(study.id);
  return ids;
}

std::vector<BatchStudy> studiesNamed(int count) {
  std::vector<BatchStudy> studies;
  for (int i = 0; i < count; ++i)
    studies.push_back(BatchStudy{"S" + std::to_string(1000 + i), "in", std::nullopt, {}});
  return studies;
}

} // namespace

TEST(BatchDiscovery, EachFolderAndVolumeFileIsOneStudySortedById) {
  TempFolder folder("batch-discovery");
  touch(folder.path() / "P002" / "series" / "IM0001.dcm");
  touch(folder.path() / "Patient 01" / "x.dcm");
  touch(folder.path() / "ct_3.nii.gz");
  touch(folder.path() / "notes.txt");
  touch(folder.path() / ".hidden" / "y.dcm");
  auto found = discoverStudies(folder.path());
  ASSERT_TRUE(found) << found.error().describe();
  EXPECT_EQ(idsOf(found.value()), (std::vector<std::string>{"P002", "Patient_01", "ct_3"}));
  EXPECT_EQ(found.value().studies[2].inputPath, folder.path() / "ct_3.nii.gz");
  ASSERT_EQ(found.value().warnings.size(), 1u);
  EXPECT_NE(found.value().warnings[0].find("1 loose files"), std::string::npos);
}

TEST(BatchDiscovery, TwoEntriesGivingOneIdAreRefusedNamingBoth) {
  TempFolder folder("batch-collision");
  touch(folder.path() / "P 1" / "a.dcm");
  touch(folder.path() / "P_1.nii");
  auto found = discoverStudies(folder.path());
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(found.error().message.find("P 1"), std::string::npos);
  EXPECT_NE(found.error().message.find("P_1.nii"), std::string::npos);
}

TEST(BatchDiscovery, MissingEmptyAndSingleStudyFoldersAreExplained) {
  TempFolder folder("batch-empty");
  EXPECT_EQ(discoverStudies(folder.path() / "nothing").error().code, ErrorCode::InputNotFound);
  EXPECT_EQ(discoverStudies(folder.path()).error().code, ErrorCode::InputNotFound);
  touch(folder.path() / "IM0001.dcm");
  auto loose = discoverStudies(folder.path());
  ASSERT_FALSE(loose);
  EXPECT_EQ(loose.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(loose.error().message.find("folder above"), std::string::npos);
}

TEST(BatchManifest, ColumnsInAnyOrderQuotedFieldsAndRelativePaths) {
  const std::string csv = "path,height_m,id,series_uid\n"
                          "\"a, b/P1\",1.72,P1,\n"
                          "/abs/P2.nii.gz,,P2,1.2.3\n";
  auto parsed = parseManifest(csv, "/base", "m.csv");
  ASSERT_TRUE(parsed) << parsed.error().describe();
  const auto& studies = parsed.value().studies;
  ASSERT_EQ(studies.size(), 2u);
  EXPECT_EQ(studies[0].id, "P1");
  EXPECT_EQ(studies[0].inputPath, fs::path("/base/a, b/P1"));
  ASSERT_TRUE(studies[0].heightM);
  EXPECT_DOUBLE_EQ(*studies[0].heightM, 1.72);
  EXPECT_EQ(studies[1].inputPath, fs::path("/abs/P2.nii.gz"));
  EXPECT_FALSE(studies[1].heightM);
  EXPECT_EQ(studies[1].seriesInstanceUid, "1.2.3");
}

TEST(BatchManifest, ErrorsNameTheRowAndTheProblem) {
  struct Case {
    std::string csv, expected;
  };
  const std::vector<Case> cases{
      {"id,path\nP1,a\nP1,b\n", "row 2: id 'P1' is listed twice"},
      {"id,path\nP/1,a\n", "row 1: id 'P/1' may hold only"},
      {"id,path,height_m\nP1,a,172\n", "row 1: height_m '172'"},
      {"id,file\nP1,a\n", "unknown column 'file'"},
      {"id\nP1\n", "no 'path' column"},
      {"id,path\nP1,\n", "row 1: empty path"},
      {"id,path\nP1,a,extra\n", "row 1: 3 fields, expected 2"},
      {"id,path\n\"P1,a\n", "not valid CSV"},
  };
  for (const auto& c : cases) {
    auto parsed = parseManifest(c.csv, "/base", "m.csv");
    ASSERT_FALSE(parsed) << c.csv;
    EXPECT_EQ(parsed.error().code, ErrorCode::InvalidArgument) << c.csv;
    EXPECT_NE(parsed.error().message.find(c.expected), std::string::npos) << parsed.error().message;
    EXPECT_EQ(parsed.error().message.rfind("m.csv", 0), 0u) << parsed.error().message;
  }
}

TEST(BatchManifest, FindStudiesReadsACsvPathAsAManifest) {
  TempFolder folder("batch-manifest");
  touch(folder.path() / "cohort.csv", "id,path\nA,studies/a\n");
  auto found = findStudies(folder.path() / "cohort.csv");
  ASSERT_TRUE(found) << found.error().describe();
  EXPECT_EQ(found.value().studies.at(0).inputPath, folder.path() / "studies/a");
}

TEST(BatchShard, ParsesIOverNAndRefusesAnythingElse) {
  auto shard = parseShard("2/8");
  ASSERT_TRUE(shard);
  EXPECT_EQ(shard.value().index, 2u);
  EXPECT_EQ(shard.value().count, 8u);
  for (const char* bad : {"0/2", "3/2", "1/0", "2", "a/b", "1/2/3", "-1/2", "1 /2"}) {
    auto refused = parseShard(bad);
    ASSERT_FALSE(refused) << bad;
    EXPECT_NE(refused.error().message.find("--shard"), std::string::npos);
  }
}

TEST(BatchShard, ShardsPartitionTheCohortEvenlyWhateverTheInputOrder) {
  std::vector<BatchStudy> studies = studiesNamed(23);
  std::vector<BatchStudy> reversed(studies.rbegin(), studies.rend());
  std::set<std::string> seen;
  for (unsigned i = 1; i <= 4; ++i) {
    const auto shard = selectShard(studies, {i, 4});
    const auto fromReversed = selectShard(reversed, {i, 4});
    EXPECT_TRUE(shard.size() == 5 || shard.size() == 6) << shard.size();
    ASSERT_EQ(shard.size(), fromReversed.size());
    for (std::size_t k = 0; k < shard.size(); ++k) {
      EXPECT_EQ(shard[k].id, fromReversed[k].id);
      EXPECT_TRUE(seen.insert(shard[k].id).second) << shard[k].id << " is in two shards";
    }
  }
  EXPECT_EQ(seen.size(), studies.size());
}
