#include "iliometry/workflow/ModalityCheck.h"

#include <gtest/gtest.h>

using namespace iliometry;
using namespace iliometry::workflow;

namespace {

StudyInfo studyOf(Modality modality, std::string format = "DICOM") {
  StudyInfo study;
  study.modality = modality;
  study.seriesInstanceUid = modality == Modality::Unknown ? "" : "1.2.3.9";
  study.sourcePath = "/data/case";
  study.sourceFormat = std::move(format);
  return study;
}

} // namespace

TEST(ModalityCheck, CtGoesThroughTheCtPipeline) {
  std::vector<std::string> warnings;
  EXPECT_EQ(choosePipeline(studyOf(Modality::CT), std::nullopt, warnings).value(), Modality::CT);
  EXPECT_TRUE(warnings.empty());
}

TEST(ModalityCheck, MrGoesThroughTheMrPipeline) {
  std::vector<std::string> warnings;
  EXPECT_EQ(choosePipeline(studyOf(Modality::MR), std::nullopt, warnings).value(), Modality::MR);
  EXPECT_TRUE(warnings.empty());
}

TEST(ModalityCheck, UnknownModalityIsRefusedSuggestingTheOverride) {
  std::vector<std::string> warnings;
  const auto result = choosePipeline(studyOf(Modality::Unknown, "NIfTI"), std::nullopt, warnings);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::UnsupportedModality);
  EXPECT_NE(result.error().message.find("/data/case"), std::string::npos);
  EXPECT_NE(result.error().message.find("NIfTI"), std::string::npos);
  EXPECT_NE(result.error().message.find("--modality CT"), std::string::npos);
  EXPECT_NE(result.error().message.find("--modality MR"), std::string::npos);
}

TEST(ModalityCheck, OverrideCtAcceptsAnUnknownModalitySilently) {
  std::vector<std::string> warnings;
  EXPECT_EQ(choosePipeline(studyOf(Modality::Unknown, "NIfTI"), Modality::CT, warnings).value(), Modality::CT);
  EXPECT_TRUE(warnings.empty());
}

TEST(ModalityCheck, OverrideThatContradictsTheInputIsFollowedWithAWarning) {
  std::vector<std::string> warnings;
  EXPECT_EQ(choosePipeline(studyOf(Modality::MR), Modality::CT, warnings).value(), Modality::CT);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("overrides"), std::string::npos);
  warnings.clear();
  EXPECT_EQ(choosePipeline(studyOf(Modality::CT), Modality::MR, warnings).value(), Modality::MR);
  ASSERT_EQ(warnings.size(), 1u);
}
