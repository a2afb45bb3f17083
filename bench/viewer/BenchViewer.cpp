// Scrolling through a 512x512x200 CT with a four-structure overlay in the viewer's main
// window: each frame moves the axial slice by one (wheel-like), repaints the axial view and the
// crosshair in the coronal and sagittal views, and flushes to the X server.
// Usage: xvfb-run -a -s "-screen 0 1920x1200x24" bench_viewer [frames]
#include "MainWindow.h"
#include "PluginManager.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSurfaceFormat>

#include <cmath>
#include <iostream>
#include <random>

using namespace iliometry;
using namespace iliometry::viewer;

namespace {

constexpr int kColumns = 512, kRows = 512, kSlices = 200;

// A body-sized ellipse of soft tissue with noise, a vertebra, and four muscle-shaped labels.
std::pair<std::shared_ptr<Volume>, LabelImage::Pointer> syntheticStudy() {
  auto volume = std::make_shared<Volume>();
  volume->info.modality = Modality::CT;
  volume->info.patientName = "BENCH^SCROLL";
  volume->image = IntensityImage::New();
  IntensityImage::SizeType size{{kColumns, kRows, kSlices}};
  volume->image->SetRegions(IntensityImage::RegionType(size));
  IntensityImage::SpacingType spacing;
  spacing[0] = spacing[1] = 0.8;
  spacing[2] = 1.5;
  volume->image->SetSpacing(spacing);
  volume->image->Allocate();
  auto labels = LabelImage::New();
  labels->SetRegions(volume->image->GetLargestPossibleRegion());
  labels->CopyInformation(volume->image);
  labels->Allocate(true);
  std::mt19937 random(1);
  std::normal_distribution<float> noise(0.0f, 12.0f);
  float* hu = volume->image->GetBufferPointer();
  std::uint8_t* label = labels->GetBufferPointer();
  for (int k = 0; k < kSlices; ++k)
    for (int j = 0; j < kRows; ++j)
      for (int i = 0; i < kColumns; ++i, ++hu, ++label) {
        const double x = (i - 256.0) / 220.0, y = (j - 256.0) / 170.0;
        const double spine = std::hypot(i - 256.0, j - 300.0);
        *hu = (x * x + y * y < 1.0 ? (spine < 28 ? 400.0f : 40.0f) : -1000.0f) + noise(random);
        for (int side = 0; side < 2; ++side) {
          const double psoas = std::hypot((i - (256.0 + (side ? -60 : 60))) / 28.0, (j - 290.0) / 22.0);
          const double iliacus = std::hypot((i - (256.0 + (side ? -140 : 140))) / 40.0, (j - 260.0) / 18.0);
          if (psoas < 1.0) *label = std::uint8_t(1 + side);
          else if (iliacus < 1.0 && k < kSlices / 2) *label = std::uint8_t(3 + side);
        }
      }
  return {volume, labels};
}

} // namespace

int main(int argc, char** argv) {
  QSurfaceFormat format;
  format.setVersion(3, 2);
  format.setProfile(QSurfaceFormat::CoreProfile);
  QSurfaceFormat::setDefaultFormat(format);
  QApplication app(argc, argv);
  const int frames = argc > 1 ? std::max(10, std::atoi(argv[1])) : 300;

  auto [volume, labels] = syntheticStudy();
  PluginManager noPlugins;
  MainWindow window(noPlugins);
  window.setInteractive(false);
  window.resize(1600, 1000);
  window.show();
  window.showVolume(volume, "synthetic");
  LevelSet levels;
  for (int l = 0; l < 5; ++l)
    levels.levels.push_back({"L" + std::to_string(5 - l), LevelKind::VertebralBody, 20 + 35 * l, 0.0, 1.0});
  window.setLabelOverlay(labels, levels);
  for (int i = 0; i < 20; ++i)
    QApplication::processEvents(); // first paints, surfaces

  SliceView* axial = window.sliceView(SliceAxis::Axial);
  QElapsedTimer timer;
  timer.start();
  int slice = 0, direction = 1;
  for (int frame = 0; frame < frames; ++frame) {
    if (slice + direction < 0 || slice + direction >= kSlices) direction = -direction;
    slice += direction;
    window.state().setCursorOnAxis(SliceAxis::Axial, slice);
    axial->repaint(); // synchronous: the frame is drawn and flushed now
    QApplication::processEvents(); // the other views' crosshairs, as in real use
  }
  const double seconds = timer.nsecsElapsed() / 1e9;
  std::cout << "bench_viewer: " << frames << " axial slices of " << kColumns << "x" << kRows
            << " with overlay in " << seconds << " s: " << frames / seconds << " frames per second (target >= 30)\n";
  return 0;
}
