// The iliopsoas session end to end on a phantom: a run in the worker thread, its result equal
// to the workflow's, a correction that changes the measurements at once and reaches the
// export, and a cancelled run. Qt runs offscreen; no display is needed.
#include "IliopsoasSession.h"
#include "MeasurementPanel.h"

#include "iliometry/testdata/Phantom.h"
#include "iliometry/workflow/VolumeMeasurement.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTableWidget>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>

using namespace iliometry;
using namespace iliometry::plugin;
namespace fs = std::filesystem;

namespace {

QApplication& application() {
  static int argc = 1;
  static char name[] = "tests_plugin";
  static char* argv[] = {name, nullptr};
  qputenv("QT_QPA_PLATFORM", "offscreen");
  static QApplication app(argc, argv);
  return app;
}

class HostDouble : public PluginHost {
public:
  explicit HostDouble(std::shared_ptr<const Volume> volume) : m_volume(std::move(volume)) {}
  std::shared_ptr<const Volume> volume() const override { return m_volume; }
  std::filesystem::path inputPath() const override { return "phantom"; }
  void setLabelOverlay(LabelImage::Pointer labels, const LevelSet&) override { overlay = labels; }
  void goToSlice(int sliceIndex) override { slice = sliceIndex; }
  void showStatus(const QString&) override {}
  void showError(const QString&, const QString& message) override { errors << message; }
  void measurementFinished(bool succeeded) override { finished = succeeded; }
  QWidget* dialogParent() override { return nullptr; }

  std::shared_ptr<const Volume> m_volume;
  LabelImage::Pointer overlay;
  int slice = -1;
  QStringList errors;
  std::optional<bool> finished;
};

bool waitFor(HostDouble& host, int timeoutMs) {
  QElapsedTimer timer;
  timer.start();
  while (!host.finished && timer.elapsed() < timeoutMs)
    QApplication::processEvents(QEventLoop::AllEvents, 50);
  return host.finished.has_value();
}

std::shared_ptr<const Volume> smallPhantom() {
  testdata::PhantomParameters parameters;
  parameters.columns = parameters.rows = 176;
  parameters.pixelSpacingMm = 2.4;
  parameters.sliceSpacingMm = 5.0;
  parameters.psoasRatio = 1.3;
  return std::make_shared<Volume>(testdata::generatePhantom(parameters).volume);
}

QString cell(const QTableWidget& table, int row, int column) {
  const QTableWidgetItem* item = table.item(row, column);
  return item ? item->text() : QString();
}

} // namespace

TEST(IliopsoasSessionIntegration, RunMatchesWorkflowAndCorrectionReachesTableAndExport) {
  application();
  const auto volume = smallPhantom();
  auto expected = workflow::measureVolume(*volume, [] {
    workflow::MeasureOptions options;
    options.inputPath = "phantom";
    return options;
  }());
  ASSERT_TRUE(expected && expected.value()) << (expected ? "" : expected.error().describe());

  HostDouble host(volume);
  IliopsoasSession session(host);
  session.start();
  EXPECT_TRUE(session.isRunning());
  ASSERT_TRUE(waitFor(host, 120000));
  ASSERT_TRUE(*host.finished) << host.errors.join('\n').toStdString();
  ASSERT_TRUE(host.overlay);
  const auto& report = *session.currentReport();
  const Structure psoasLeft{Muscle::PsoasMajor, Side::Left};
  EXPECT_DOUBLE_EQ(report.measurements.of(psoasLeft).volumeMm3,
                   expected.value()->report.measurements.of(psoasLeft).volumeMm3);
  // A copy: labelsEdited() below replaces the session's report, and with it this level.
  const auto* foundL3 = report.levels.find("L3");
  ASSERT_NE(foundL3, nullptr);
  const VertebralLevel l3Level = *foundL3;
  const VertebralLevel* l3 = &l3Level;
  EXPECT_EQ(host.slice, l3->sliceIndex) << "the first slice shown is mid-L3";

  auto* table = session.panel()->findChild<QTableWidget*>(QStringLiteral("csaByLevel"));
  ASSERT_NE(table, nullptr);
  int l3Row = -1;
  for (int row = 0; row < table->rowCount(); ++row)
    if (cell(*table, row, 0) == "L3") l3Row = row;
  ASSERT_GE(l3Row, 0);
  const double l3PsoasLeftCm2 = report.measurements.csaMm2(psoasLeft, l3->sliceIndex) / kMm2PerCm2;
  ASSERT_GT(l3PsoasLeftCm2, 1.0);
  EXPECT_EQ(cell(*table, l3Row, 2), QString::number(l3PsoasLeftCm2, 'f', 2));

  // Erase the left psoas on the L3 slice, as the eraser would, and tell the session.
  const auto size = host.overlay->GetLargestPossibleRegion().GetSize();
  std::uint8_t* voxels = host.overlay->GetBufferPointer();
  const std::size_t sliceOffset = std::size_t(l3->sliceIndex) * size[0] * size[1];
  for (std::size_t i = 0; i < size[0] * size[1]; ++i)
    if (voxels[sliceOffset + i] == labelOf(psoasLeft)) voxels[sliceOffset + i] = kBackgroundLabel;
  session.labelsEdited();
  EXPECT_EQ(cell(*table, l3Row, 2), QStringLiteral("0.00"));
  EXPECT_EQ(session.currentReport()->measurements.csaMm2(psoasLeft, l3->sliceIndex), 0.0);

  const fs::path folder = fs::temp_directory_path() / ("iliometry_session_export_" + std::to_string(::getpid()));
  auto written = session.exportTo(folder);
  ASSERT_TRUE(written) << written.error().describe();
  std::ifstream csv(written.value().csvPath);
  std::string line, l3PsoasLeftLine, firstLines;
  const std::string prefix = "," + std::to_string(l3->sliceIndex) + ",";
  for (int n = 0; std::getline(csv, line); ++n) {
    if (n < 3) firstLines += line + "\n";
    if (line.find(prefix) != std::string::npos && line.find("psoas_major_left") != std::string::npos) l3PsoasLeftLine = line;
  }
  EXPECT_NE(l3PsoasLeftLine.find(",0.0000,"), std::string::npos)
      << "L3 slice " << l3->sliceIndex << ", line '" << l3PsoasLeftLine << "', CSV starts:\n" << firstLines;
  std::ifstream json(written.value().jsonPath);
  const std::string jsonText((std::istreambuf_iterator<char>(json)), std::istreambuf_iterator<char>());
  EXPECT_NE(jsonText.find("corrected by hand"), std::string::npos);
  fs::remove_all(folder);
}

TEST(IliopsoasSessionIntegration, CancelledRunEndsWithoutResult) {
  application();
  HostDouble host(smallPhantom());
  IliopsoasSession session(host);
  session.start();
  session.cancel();
  ASSERT_TRUE(waitFor(host, 60000));
  EXPECT_FALSE(*host.finished);
  EXPECT_FALSE(host.overlay);
  EXPECT_FALSE(session.currentReport().has_value());
  EXPECT_TRUE(host.errors.isEmpty()) << "a cancel is not an error: " << host.errors.join('\n').toStdString();
}
