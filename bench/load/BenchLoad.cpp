// bench_load [SLICES]: writes a 512 x 512 x SLICES (default 300) uncompressed CT series to a
// temporary folder, then times (a) reading every file's bytes from the page cache, (b)
// iliometry::dicom::loadInput, (c) dcm2niix converting the same folder when it is installed.
// Each timing is the best of three runs, printed in seconds and MB/s of DICOM file bytes.
#include "iliometry/dicom/InputLoader.h"
#include "iliometry/dicom/SeriesWriter.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

iliometry::Volume makeCtVolume(std::size_t slices) {
  auto image = iliometry::IntensityImage::New();
  iliometry::IntensityImage::RegionType region;
  region.SetSize({512, 512, slices});
  image->SetRegions(region);
  image->SetSpacing(std::array<double, 3>{0.7, 0.7, 1.0}.data());
  image->Allocate();
  float* v = image->GetBufferPointer();
  for (std::size_t k = 0; k < slices; ++k)
    for (std::size_t j = 0; j < 512; ++j)
      for (std::size_t i = 0; i < 512; ++i) {
        const double r = std::hypot(double(i) - 256.0, double(j) - 256.0);
        v[(k * 512 + j) * 512 + i] = r > 200 ? -1000.0f : r < 30 ? 700.0f : static_cast<float>(40 + (i + j + k) % 50);
      }
  iliometry::Volume volume;
  volume.image = image;
  volume.info.modality = iliometry::Modality::CT;
  volume.info.patientName = "Bench^Load";
  return volume;
}

double bestOfThree(const std::function<bool()>& run) {
  double best = 1e300;
  for (int i = 0; i < 3; ++i) {
    const auto start = Clock::now();
    if (!run()) return -1.0;
    best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
  }
  return best;
}

void report(const char* what, double seconds, double megabytes) {
  if (seconds < 0) {
    std::printf("%-34s failed\n", what);
    return;
  }
  std::printf("%-34s %8.3f s  %8.1f MB/s\n", what, seconds, megabytes / seconds);
}

} // namespace

int main(int argc, char** argv) {
  const std::size_t slices = argc > 1 ? std::stoul(argv[1]) : 300;
  std::random_device device;
  const fs::path root = fs::temp_directory_path() / ("iliometry-bench-load-" + std::to_string(device()));
  const fs::path series = root / "series", niftiOut = root / "dcm2niix";
  fs::create_directories(niftiOut);

  std::printf("writing 512 x 512 x %zu CT series to %s ...\n", slices, series.c_str());
  auto written = iliometry::dicom::writeSeries(makeCtVolume(slices), series);
  if (!written) {
    std::cerr << "bench_load: " << written.error().describe() << '\n';
    fs::remove_all(root);
    return 1;
  }
  std::vector<fs::path> files;
  double megabytes = 0.0;
  for (const auto& entry : fs::directory_iterator(series)) {
    files.push_back(entry.path());
    megabytes += static_cast<double>(entry.file_size()) / 1e6;
  }
  std::printf("%zu files, %.1f MB\n", files.size(), megabytes);

  std::vector<char> buffer(1 << 20);
  const double catSeconds = bestOfThree([&] {
    for (const auto& file : files) {
      std::ifstream in(file, std::ios::binary);
      while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
      }
    }
    return true;
  });
  report("(a) read bytes (page cache)", catSeconds, megabytes);

  const double loadSeconds = bestOfThree([&] {
    auto loaded = iliometry::dicom::loadInput(series);
    if (!loaded) std::cerr << "bench_load: " << loaded.error().describe() << '\n';
    return loaded.ok();
  });
  report("(b) iliometry loadInput", loadSeconds, megabytes);

  if (std::system("command -v dcm2niix > /dev/null 2>&1") == 0) {
    const std::string command =
        "dcm2niix -z n -b n -f vol -o '" + niftiOut.string() + "' '" + series.string() + "' > /dev/null 2>&1";
    const double dcm2niixSeconds = bestOfThree([&] {
      fs::remove_all(niftiOut);
      fs::create_directories(niftiOut);
      return std::system(command.c_str()) == 0;
    });
    report("(c) dcm2niix -z n (to NIfTI)", dcm2niixSeconds, megabytes);
  } else {
    std::printf("(c) dcm2niix not installed: skipped\n");
  }
  fs::remove_all(root);
  return 0;
}
