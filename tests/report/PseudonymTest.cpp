#include "iliometry/report/Pseudonym.h"

#include <gtest/gtest.h>

using namespace iliometry;
using namespace iliometry::report;

namespace {

StudyInfo patient(const std::string& id, const std::string& name = "DOE^JANE") {
  StudyInfo study;
  study.patientId = id;
  study.patientName = name;
  study.accessionNumber = "ACC123";
  study.sourcePath = "/data/DOE_JANE/ct";
  study.patientSex = "F";
  study.studyInstanceUid = "1.2.3";
  return study;
}

} // namespace

TEST(Pseudonym, SamePatientAndSecretGiveTheSamePseudonym) {
  EXPECT_EQ(patientPseudonym(patient("P1"), "secret-one"), patientPseudonym(patient("P1", "OTHER^NAME"), "secret-one"));
}

TEST(Pseudonym, DifferentPatientsOrSecretsGiveDifferentPseudonyms) {
  EXPECT_NE(patientPseudonym(patient("P1"), "secret-one"), patientPseudonym(patient("P2"), "secret-one"));
  EXPECT_NE(patientPseudonym(patient("P1"), "secret-one"), patientPseudonym(patient("P1"), "secret-two"));
}

TEST(Pseudonym, IsTheKeyedHmacSha256OfThePatientIdInHex) {
  // RFC 4231 test case 2: HMAC-SHA-256(key "Jefe", "what do ya want for nothing?") starts 5bdcc146bf60754e6a04.
  EXPECT_EQ(patientPseudonym(patient("what do ya want for nothing?"), "Jefe"), "ILIO-5BDCC146BF60754E6A04");
}

TEST(Pseudonym, FallsBackToThePatientNameWhenTheIdIsEmpty) {
  EXPECT_EQ(patientPseudonym(patient("", "DOE^JANE"), "secret-one"), patientPseudonym(patient("DOE^JANE", "X"), "secret-one"));
}

TEST(Pseudonym, PseudonymisedStudyDropsIdentifiersAndKeepsUidsAndClinicalFacts) {
  const StudyInfo study = pseudonymisedStudy(patient("P1"), "ILIO-ABC");
  EXPECT_EQ(study.patientId, "ILIO-ABC");
  EXPECT_EQ(study.patientName, "ILIO-ABC");
  EXPECT_TRUE(study.accessionNumber.empty());
  EXPECT_TRUE(study.sourcePath.empty());
  EXPECT_EQ(study.patientSex, "F");
  EXPECT_EQ(study.studyInstanceUid, "1.2.3");
}

TEST(Pseudonym, AnonymizedReportHidesTheInputPath) {
  MeasurementReport report;
  report.study = patient("P1");
  report.inputPath = "/data/DOE_JANE/ct";
  const MeasurementReport anonymized = anonymizedReport(report, "secret-one");
  EXPECT_EQ(anonymized.inputPath, "(anonymized)");
  EXPECT_EQ(anonymized.study.patientId, patientPseudonym(report.study, "secret-one"));
}
