#include "PhantomCases.h"

#include "iliometry/core/Asymmetry.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace iliometry::testing {

namespace {
testdata::PhantomParameters coarse(std::uint32_t seed) {
  testdata::PhantomParameters p;
  p.seed = seed;
  return p;
}
} // namespace

std::vector<PhantomCase> phantomCases() {
  std::vector<PhantomCase> all;
  all.push_back({"Coarse3mmSymmetric", coarse(1)});
  auto psoas = coarse(2);
  psoas.psoasRatio = 1.3;
  all.push_back({"Coarse3mmPsoasLeftLarger", psoas});
  auto iliacus = coarse(3);
  iliacus.iliacusRatio = 1.0 / 1.5;
  iliacus.offsetXMm = 25.0;
  iliacus.offsetYMm = -15.0;
  iliacus.rotationDeg = 5.0;
  all.push_back({"Coarse3mmIliacusRightLargerOffCentreRotated", iliacus});
  auto mild = coarse(4);
  mild.psoasRatio = 1.1;
  mild.iliacusRatio = 1.1;
  mild.contrast = true;
  mild.noiseSigma = 20.0;
  all.push_back({"Coarse3mmMildAsymmetryContrastNoisy", mild});
  auto fine = coarse(5);
  fine.columns = fine.rows = 512;
  fine.pixelSpacingMm = 0.8;
  fine.sliceSpacingMm = 2.0;
  fine.psoasRatio = 1.0 / 1.2;
  all.push_back({"Fine08mmPsoasRightLarger", fine});
  return all;
}

std::vector<PhantomCase> mrPhantomCases() {
  auto mr = [](std::uint32_t seed, testdata::MrSequence sequence) {
    testdata::PhantomParameters p = coarse(seed);
    p.modality = Modality::MR;
    p.mrSequence = sequence;
    p.noiseSigma = 15.0; // signal units; muscle is 300 on T1, 150 on T2
    return p;
  };
  std::vector<PhantomCase> all;
  all.push_back({"MrT1Symmetric", mr(1, testdata::MrSequence::T1)});
  auto psoas = mr(2, testdata::MrSequence::T1);
  psoas.psoasRatio = 1.3;
  all.push_back({"MrT1PsoasLeftLarger", psoas});
  auto iliacus = mr(3, testdata::MrSequence::T2);
  iliacus.iliacusRatio = 1.0 / 1.5;
  all.push_back({"MrT2IliacusRightLarger", iliacus});
  all.push_back({"MrDixonSymmetric", mr(4, testdata::MrSequence::Dixon)});
  auto pelvis = mr(5, testdata::MrSequence::T1);
  pelvis.coverageTopMm = 260.0; // the field of view ends in L4
  all.push_back({"MrT1PelvicFieldOfView", pelvis});
  return all;
}

void expectClearAsymmetriesFlagged(const testdata::Phantom& phantom, const segmentation::SegmentationResult& found,
                                   double clearPercent, const std::vector<Muscle>& muscles) {
  const AsymmetryOptions options;
  const auto measured = measureStructures(*phantom.volume.image, *found.labels);
  const auto truthVerdicts = assessAsymmetry(phantom.truth, phantom.levels, options).verdicts;
  const auto foundVerdicts = assessAsymmetry(measured, found.levels, options).verdicts;
  for (std::size_t m = 0; m < truthVerdicts.size(); ++m) {
    if (std::find(muscles.begin(), muscles.end(), truthVerdicts[m].muscle) == muscles.end()) continue;
    if (std::abs(truthVerdicts[m].indexPercent.value_or(0.0)) < clearPercent) continue;
    EXPECT_TRUE(foundVerdicts[m].asymmetricHypertrophy) << muscleKey(truthVerdicts[m].muscle);
    EXPECT_EQ(foundVerdicts[m].largerSide, truthVerdicts[m].largerSide) << muscleKey(truthVerdicts[m].muscle);
  }
}

} // namespace iliometry::testing
