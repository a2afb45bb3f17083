#include "iliometry/report/KeySlices.h"

#include "ReportFixture.h"

#include <gtest/gtest.h>

using namespace iliometry;
using namespace iliometry::report;

TEST(KeySlices, MidL3AndLargestIliacusAreChosenAndAMissingL4IsNoted) {
  const MeasurementReport report = fixture::makeReport(); // L3 on slice 1; iliacus 0, 0, 50, 60, 0 mm2
  const KeySliceChoice choice = chooseKeySlices(report.measurements, report.levels);
  ASSERT_EQ(choice.slices.size(), 2u);
  EXPECT_EQ(choice.slices[0].title, "Mid-L3");
  EXPECT_EQ(choice.slices[0].sliceIndex, 1);
  EXPECT_EQ(choice.slices[1].title, "Largest iliacus CSA");
  EXPECT_EQ(choice.slices[1].sliceIndex, 3);
  ASSERT_EQ(choice.notes.size(), 1u);
  EXPECT_NE(choice.notes[0].find("L4 not identified"), std::string::npos);
}

TEST(KeySlices, NoIliacusGivesANoteInsteadOfAnImage) {
  MeasurementReport report = fixture::makeReport();
  for (Side side : kSides)
    for (auto& area : report.measurements.structures[indexOf({Muscle::Iliacus, side})].csaMm2PerSlice) area = 0.0;
  const KeySliceChoice choice = chooseKeySlices(report.measurements, report.levels);
  ASSERT_EQ(choice.slices.size(), 1u);
  EXPECT_EQ(choice.notes.back(), "no iliacus segmented: no largest-iliacus image");
}
