// Developer tool: iliometry_overlay IMAGE OUTPREFIX [slice ...] [--truth LABELS]
// Runs the CT pipeline on an image file (NIfTI), prints levels and CSA, and writes axial
// overlays (radiological view: patient's left on the image's right, anterior up) to PNG.
#include "../src/CanonicalVolume.h"
#include "iliometry/core/Measurement.h"
#include "iliometry/core/Overlap.h"
#include "iliometry/segmentation/CtSegmenter.h"

#include <itkCastImageFilter.h>
#include <itkImageFileReader.h>
#include <itkImageFileWriter.h>
#include <itkNiftiImageIO.h>
#include <itkPNGImageIO.h>
#include <itkRGBPixel.h>

#include <chrono>
#include <iostream>

using namespace iliometry;
using namespace iliometry::segmentation;

namespace {

const unsigned char kColours[5][3] = {{0, 0, 0}, {255, 60, 60}, {60, 140, 255}, {255, 220, 0}, {0, 230, 120}};

void renderSlice(const CanonicalVolume& hu, const CanonicalVolume& labels, int k, const std::string& path, int zoom) {
  using Rgb = itk::RGBPixel<unsigned char>;
  using RgbImage = itk::Image<Rgb, 2>;
  auto image = RgbImage::New();
  RgbImage::RegionType region;
  region.SetSize({static_cast<itk::SizeValueType>(hu.nx() * zoom), static_cast<itk::SizeValueType>(hu.ny() * zoom)});
  image->SetRegions(region);
  image->Allocate();
  for (int j = 0; j < hu.ny() * zoom; ++j)
    for (int i = 0; i < hu.nx() * zoom; ++i) {
      const int ci = i / zoom, cj = j / zoom;
      const double grey = std::clamp((hu.at(ci, cj, k) + 160.0) / 400.0, 0.0, 1.0) * 255.0;
      Rgb pixel;
      pixel.Fill(static_cast<unsigned char>(grey));
      const int label = static_cast<int>(labels.at(ci, cj, k));
      if (label > 0 && label < 5) {
        bool edge = false;
        for (auto [di, dj] : {std::pair{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
          const int ni = std::clamp(ci + di, 0, hu.nx() - 1), nj = std::clamp(cj + dj, 0, hu.ny() - 1);
          if (static_cast<int>(labels.at(ni, nj, k)) != label) edge = true;
        }
        const double alpha = edge ? 1.0 : 0.3;
        for (int c = 0; c < 3; ++c) pixel[c] = static_cast<unsigned char>((1 - alpha) * pixel[c] + alpha * kColours[label][c]);
      }
      image->SetPixel({{i, j}}, pixel);
    }
  auto writer = itk::ImageFileWriter<RgbImage>::New();
  writer->SetImageIO(itk::PNGImageIO::New());
  writer->SetInput(image);
  writer->SetFileName(path);
  writer->Update();
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: iliometry_overlay IMAGE OUTPREFIX [canonical-slice ...]\n";
    return 2;
  }
  auto reader = itk::ImageFileReader<IntensityImage>::New();
  reader->SetImageIO(itk::NiftiImageIO::New());
  reader->SetFileName(argv[1]);
  reader->Update();
  IntensityImage::Pointer hu = reader->GetOutput();
  const auto started = std::chrono::steady_clock::now();
  auto result = segmentCt(*hu);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!result) {
    std::cerr << result.error().describe() << '\n';
    return 1;
  }
  std::cout << "segmentation " << seconds << " s\n";
  for (const auto& w : result.value().warnings) std::cout << "warning: " << w << '\n';
  for (const auto& level : result.value().levels.levels)
    std::cout << level.name << " slice " << level.sliceIndex << " z " << level.zMm << '\n';
  const auto m = measureStructures(*hu, *result.value().labels);
  for (Structure s : kStructures) {
    const auto& sm = m.of(s);
    std::cout << structureKey(s) << ": volume " << sm.volumeMm3 / 1000 << " cm3, max CSA " << sm.maxCsaMm2 / 100
              << " cm2 at " << sm.maxCsaSliceIndex << ", slices " << sm.firstSliceIndex << "-" << sm.lastSliceIndex
              << ", mean HU " << sm.meanIntensity.value_or(0) << '\n';
  }
  auto labelsAsFloat = itk::CastImageFilter<LabelImage, IntensityImage>::New();
  labelsAsFloat->SetInput(result.value().labels);
  labelsAsFloat->Update();
  auto canonicalHu = CanonicalVolume::fromImage(*hu);
  auto canonicalLabels = CanonicalVolume::fromImage(*labelsAsFloat->GetOutput());
  const int zoom = hu->GetSpacing()[0] > 1.5 ? 3 : 1;
  std::vector<int> slices;
  for (int a = 3; a < argc; ++a) {
    if (std::string(argv[a]) == "--save-labels" && a + 1 < argc) {
      auto writer = itk::ImageFileWriter<LabelImage>::New();
      writer->SetImageIO(itk::NiftiImageIO::New());
      writer->SetInput(result.value().labels);
      writer->SetFileName(argv[++a]);
      writer->Update();
      continue;
    }
    if (std::string(argv[a]) == "--truth" && a + 1 < argc) {
      auto truthReader = itk::ImageFileReader<LabelImage>::New();
      truthReader->SetImageIO(itk::NiftiImageIO::New());
      truthReader->SetFileName(argv[++a]);
      truthReader->Update();
      const auto truth = measureStructures(*hu, *truthReader->GetOutput());
      for (Structure s : kStructures)
        std::cout << "dice " << structureKey(s) << " " << diceCoefficient(*result.value().labels, *truthReader->GetOutput(), labelOf(s))
                  << " truth volume " << truth.of(s).volumeMm3 / 1000 << " cm3\n";
      if (std::getenv("PER_SLICE"))
        for (int k = 0; k < truth.sliceCount; ++k) {
          std::cout << "slice " << k;
          for (Structure s : kStructures)
            std::cout << " " << static_cast<int>(m.csaMm2(s, k)) << "/" << static_cast<int>(truth.csaMm2(s, k));
          std::cout << '\n';
        }
      continue;
    }
    slices.push_back(std::stoi(argv[a]));
  }
  if (slices.empty())
    for (int k = 0; k < canonicalHu.value().nz(); k += std::max(1, canonicalHu.value().nz() / 12)) slices.push_back(k);
  for (int k : slices) {
    const std::string path = std::string(argv[2]) + "_" + std::to_string(k) + ".png";
    renderSlice(canonicalHu.value(), canonicalLabels.value(), k, path, zoom);
    std::cout << "wrote " << path << '\n';
  }
  return 0;
}
