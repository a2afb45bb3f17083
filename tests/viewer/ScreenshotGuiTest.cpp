// `iliometry-viewer --screenshot` under xvfb-run on a phantom: the overlay must be visible in
// the axial view and the panel's tables must show what the workflow measures for the same
// input (not the phantom's ground truth: the segmentation is allowed to improve).
#include "iliometry/dicom/SeriesWriter.h"
#include "iliometry/plugin/StructureColors.h"
#include "iliometry/testdata/Phantom.h"
#include "iliometry/workflow/MeasureWorkflow.h"

#include <QImage>
#include <QString>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using namespace iliometry;
namespace fs = std::filesystem;

namespace {

struct Folder {
  Folder() : path(fs::temp_directory_path() / ("iliometry_viewer_gui_" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Folder() { fs::remove_all(path); }
  fs::path path;
};

// table name -> rows of cells (header first)
std::map<std::string, std::vector<std::vector<std::string>>> readTables(const fs::path& path) {
  std::map<std::string, std::vector<std::vector<std::string>>> tables;
  std::ifstream in(path);
  std::string line, current;
  while (std::getline(in, line)) {
    if (line.rfind("# ", 0) == 0) {
      current = line.substr(2);
      continue;
    }
    std::vector<std::string> cells;
    std::stringstream fields(line);
    for (std::string cell; std::getline(fields, cell, '\t');)
      cells.push_back(cell);
    tables[current].push_back(cells);
  }
  return tables;
}

int pixelsOfColour(const QImage& image, QRect region, QColor colour) {
  int count = 0;
  for (int y = region.top(); y <= region.bottom(); ++y)
    for (int x = region.left(); x <= region.right(); ++x)
      if ((image.pixel(x, y) & 0xffffff) == (colour.rgb() & 0xffffff)) ++count;
  return count;
}

std::string cm2(double mm2) { return QString::number(mm2 / kMm2PerCm2, 'f', 2).toStdString(); }

// The viewer measures what `measure` measures, through the same workflow, for CT and for MR.
void expectViewerShowsTheWorkflowsMeasurement(Modality modality) {
  Folder folder;
  testdata::PhantomParameters parameters; // small, so that the test stays quick
  parameters.modality = modality;
  if (modality == Modality::MR) parameters.noiseSigma = 15.0;
  parameters.columns = parameters.rows = 176;
  parameters.pixelSpacingMm = 2.4;
  parameters.sliceSpacingMm = 5.0;
  parameters.psoasRatio = 1.3;
  const auto phantom = testdata::generatePhantom(parameters);
  const fs::path input = folder.path / "dicom";
  ASSERT_TRUE(dicom::writeSeries(phantom.volume, input));

  workflow::MeasureOptions options;
  options.inputPath = input;
  options.outputDir = folder.path / "cli";
  options.quiet = true;
  auto expected = workflow::runMeasure(options);
  ASSERT_TRUE(expected) << expected.error().describe();
  const auto& report = expected.value().report;

  const fs::path png = folder.path / "shot.png", tables = folder.path / "tables.tsv";
  const std::string command = "timeout 150 xvfb-run -a -s '-screen 0 1920x1200x24' '" ILIOMETRY_VIEWER "' --timeout 120 --screenshot '" +
                              png.string() + "' --dump-tables '" + tables.string() + "' '" + input.string() + "' 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;

  const QImage shot(QString::fromStdString(png.string()));
  ASSERT_FALSE(shot.isNull());
  EXPECT_EQ(shot.size(), QSize(1600, 1000));
  // The axial view is the top-left quarter of the view area (left of the measurement dock).
  const QRect axial(0, 60, 560, 420);
  for (const Structure psoas : {Structure{Muscle::PsoasMajor, Side::Left}, Structure{Muscle::PsoasMajor, Side::Right}})
    EXPECT_GT(pixelsOfColour(shot, axial, plugin::structureColor(psoas)), 40)
        << structureKey(psoas) << " outline not visible in the axial view";

  auto parsed = readTables(tables);
  const auto& byLevel = parsed["csaByLevel"];
  ASSERT_EQ(byLevel.size(), report.levels.levels.size() + 3) << "header, one row per level, max CSA, volume";
  EXPECT_EQ(byLevel[0][2], "Psoas L");
  std::size_t row = 1;
  for (const auto& level : report.levels.levels) {
    const auto& cells = byLevel[row++];
    ASSERT_EQ(cells.size(), 6u);
    EXPECT_EQ(cells[0], level.name);
    EXPECT_EQ(cells[1], std::to_string(level.sliceIndex));
    for (const Structure structure : kStructures)
      EXPECT_EQ(cells[2 + indexOf(structure)], cm2(report.measurements.csaMm2(structure, level.sliceIndex)))
          << level.name << " " << structureKey(structure);
  }
  for (const Structure structure : kStructures)
    EXPECT_EQ(byLevel[row][2 + indexOf(structure)], cm2(report.measurements.of(structure).maxCsaMm2));

  const auto& asymmetry = parsed["asymmetry"];
  ASSERT_EQ(asymmetry.size(), report.asymmetry.verdicts.size() + 1);
  for (std::size_t i = 0; i < report.asymmetry.verdicts.size(); ++i) {
    const auto& verdict = report.asymmetry.verdicts[i];
    ASSERT_TRUE(verdict.indexPercent);
    EXPECT_EQ(asymmetry[i + 1][4], QString::asprintf("%+.1f %%", *verdict.indexPercent).toStdString());
    EXPECT_EQ(asymmetry[i + 1][5].rfind("FLAG", 0) == 0, verdict.asymmetricHypertrophy) << asymmetry[i + 1][5];
  }
}

} // namespace

TEST(ViewerScreenshotGui, OverlayIsVisibleAndTablesHoldTheWorkflowsValues) { expectViewerShowsTheWorkflowsMeasurement(Modality::CT); }

TEST(ViewerScreenshotGui, MrStudyIsMeasuredOnOpeningLikeCt) { expectViewerShowsTheWorkflowsMeasurement(Modality::MR); }
