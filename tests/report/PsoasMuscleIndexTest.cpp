#include "ReportFixture.h"

#include "iliometry/report/PsoasMuscleIndex.h"

#include <gtest/gtest.h>

using namespace iliometry;
using namespace iliometry::report;

// Fixture: psoas major at mid-L3 (slice 1) is 200 mm2 left + 100 mm2 right = 3 cm2.

TEST(PsoasMuscleIndex, IsTotalPsoasCsaAtL3OverHeightSquared) {
  const auto r = fixture::makeReport();
  const auto index = computePsoasMuscleIndex(r.measurements, r.levels, 2.0, std::nullopt);
  ASSERT_TRUE(index.valueCm2PerM2);
  EXPECT_DOUBLE_EQ(*index.valueCm2PerM2, 3.0 / 4.0);
  EXPECT_DOUBLE_EQ(*index.psoasCsaCm2, 3.0);
  EXPECT_EQ(*index.sliceIndex, 1);
  EXPECT_EQ(index.heightSource, "option");
  EXPECT_EQ(index.note, "");
}

TEST(PsoasMuscleIndex, HeightOptionWinsOverDicomPatientSize) {
  const auto r = fixture::makeReport();
  const auto index = computePsoasMuscleIndex(r.measurements, r.levels, 1.5, 1.9);
  EXPECT_DOUBLE_EQ(*index.heightM, 1.5);
  EXPECT_EQ(index.heightSource, "option");
}

TEST(PsoasMuscleIndex, UsesDicomPatientSizeWhenNoOptionIsGiven) {
  const auto r = fixture::makeReport();
  const auto index = computePsoasMuscleIndex(r.measurements, r.levels, std::nullopt, 1.9);
  EXPECT_DOUBLE_EQ(*index.heightM, 1.9);
  EXPECT_EQ(index.heightSource, "dicom");
  EXPECT_DOUBLE_EQ(*index.valueCm2PerM2, 3.0 / (1.9 * 1.9));
}

TEST(PsoasMuscleIndex, ImplausibleDicomHeightIsNotUsed) {
  const auto r = fixture::makeReport();
  const auto index = computePsoasMuscleIndex(r.measurements, r.levels, std::nullopt, 170.0);
  EXPECT_FALSE(index.valueCm2PerM2);
  EXPECT_FALSE(index.heightM);
  EXPECT_NE(index.note.find("170"), std::string::npos);
  EXPECT_NE(index.note.find("--height-m"), std::string::npos);
  EXPECT_DOUBLE_EQ(*index.psoasCsaCm2, 3.0); // the area is still reported
}

TEST(PsoasMuscleIndex, MissingHeightGivesNoValueAndSaysWhy) {
  const auto r = fixture::makeReport();
  const auto index = computePsoasMuscleIndex(r.measurements, r.levels, std::nullopt, std::nullopt);
  EXPECT_FALSE(index.valueCm2PerM2);
  EXPECT_NE(index.note.find("height unknown"), std::string::npos);
}

TEST(PsoasMuscleIndex, MissingL3GivesNoValueAndSaysWhy) {
  auto r = fixture::makeReport();
  r.levels.levels.erase(r.levels.levels.begin()); // drop L3
  const auto index = computePsoasMuscleIndex(r.measurements, r.levels, 1.7, std::nullopt);
  EXPECT_FALSE(index.valueCm2PerM2);
  EXPECT_FALSE(index.psoasCsaCm2);
  EXPECT_NE(index.note.find("L3"), std::string::npos);
}

TEST(PsoasMuscleIndex, L3OutsideTheVolumeGivesNoValue) {
  auto r = fixture::makeReport();
  r.levels.levels[0].sliceIndex = 7;
  const auto index = computePsoasMuscleIndex(r.measurements, r.levels, 1.7, std::nullopt);
  EXPECT_FALSE(index.valueCm2PerM2);
  EXPECT_NE(index.note.find("outside the volume"), std::string::npos);
}
