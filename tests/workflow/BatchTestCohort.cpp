#include "BatchTestCohort.h"

#include "iliometry/dicom/SeriesWriter.h"
#include "iliometry/testdata/Phantom.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

namespace iliometry::testing_support {

namespace fs = std::filesystem;

namespace {

const testdata::Phantom& smallPhantom() {
  static const testdata::Phantom phantom = [] {
    testdata::PhantomParameters parameters;
    parameters.columns = parameters.rows = 96;
    parameters.pixelSpacingMm = 4.2;
    parameters.sliceSpacingMm = 8.0;
    parameters.psoasRatio = 1.3;
    return testdata::generatePhantom(parameters);
  }();
  return phantom;
}

} // namespace

TestCohort writeTestCohort(const fs::path& root) {
  TestCohort cohort;
  cohort.root = root;
  fs::create_directories(root);
  const auto& phantom = smallPhantom();
  auto nifti = dicom::writeImageFile(*phantom.volume.image, root / "A.nii.gz");
  EXPECT_TRUE(nifti) << (nifti ? "" : nifti.error().describe());
  fs::copy_file(root / "A.nii.gz", root / "B.nii.gz");
  auto series = dicom::writeSeries(phantom.volume, root / "C" / "series1");
  EXPECT_TRUE(series) << (series ? "" : series.error().describe());
  fs::create_directories(root / "empty");
  fs::create_directories(root / "junk");
  std::ofstream(root / "junk" / "IM0001.dcm") << "not a DICOM file";
  std::ofstream(root / "junk" / "notes.txt") << "nothing to measure";
  return cohort;
}

std::string readTextFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string shellQuoted(const fs::path& path) { return "'" + path.string() + "'"; }

CommandResult runCommand(const std::string& command, const fs::path& scratchFolder) {
  const fs::path out = scratchFolder / "stdout.txt", err = scratchFolder / "stderr.txt";
  const int status = std::system((command + " >" + shellQuoted(out) + " 2>" + shellQuoted(err)).c_str());
  CommandResult result;
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = readTextFile(out);
  result.err = readTextFile(err);
  return result;
}

} // namespace iliometry::testing_support
