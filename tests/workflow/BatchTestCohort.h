#pragma once
// A small cohort on disk for the batch tests: three measurable phantom studies (two NIfTI
// files and one DICOM folder) and two broken ones (an empty folder, a folder of junk files).
// The phantoms are coarse (96 x 96 x 48 voxels) so that one study is measured in about a second:
// the tests check batch behaviour, not segmentation accuracy.
#include <filesystem>
#include <string>
#include <vector>

namespace iliometry::testing_support {

struct TestCohort {
  std::filesystem::path root;
  std::vector<std::string> okIds{"A", "B", "C"}; // A.nii.gz, B.nii.gz, C/ (DICOM)
  std::vector<std::string> failingIds{"empty", "junk"};
  std::vector<std::string> allIds() const { return {"A", "B", "C", "empty", "junk"}; } // sorted
};

TestCohort writeTestCohort(const std::filesystem::path& root);

// The output of `command` run by /bin/sh, with its exit code (-1 when killed by a signal).
struct CommandResult {
  int exitCode = -1;
  std::string out, err;
};
CommandResult runCommand(const std::string& command, const std::filesystem::path& scratchFolder);

std::string readTextFile(const std::filesystem::path& path);
std::string shellQuoted(const std::filesystem::path& path);

} // namespace iliometry::testing_support
