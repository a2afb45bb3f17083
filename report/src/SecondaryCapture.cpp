#include "iliometry/report/SecondaryCapture.h"

#include "DicomIdentity.h"
#include "KeyImagePainter.h"
#include "iliometry/core/AtomicFile.h"
#include "iliometry/report/KeySlices.h"

#include <cairo.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <memory>
#include <vector>

namespace iliometry::report {

namespace fs = std::filesystem;

namespace {

// Each key image is a 512 x 540 pixel panel; the panels sit side by side.
constexpr int kPanelWidthPixels = 512, kPanelHeightPixels = 540;

struct RgbImage {
  int columns = 0, rows = 0;
  std::vector<Uint8> pixels; // R, G, B per pixel, row by row
};

Result<RgbImage> renderPanels(const MeasurementReport& report, const IntensityImage& intensity, const LabelImage& labels) {
  const KeySliceChoice choice = chooseKeySlices(report.measurements, report.levels);
  if (choice.slices.empty())
    return makeError(ErrorCode::OutputFailed, "no key image to capture: neither L3, L4 nor any iliacus was found");
  RgbImage image;
  image.columns = kPanelWidthPixels * static_cast<int>(choice.slices.size());
  image.rows = kPanelHeightPixels;
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, image.columns, image.rows), &cairo_surface_destroy);
  {
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), &cairo_destroy);
    for (std::size_t i = 0; i < choice.slices.size(); ++i)
      drawing::paintKeyImage(cr.get(), static_cast<double>(i) * kPanelWidthPixels, 0.0, kPanelWidthPixels, kPanelHeightPixels,
                             choice.slices[i], intensity, labels, report.measurements, report.geometry);
    // A thin separator between panels.
    cairo_set_source_rgb(cr.get(), 0.3, 0.3, 0.3);
    for (std::size_t i = 1; i < choice.slices.size(); ++i) {
      cairo_rectangle(cr.get(), static_cast<double>(i) * kPanelWidthPixels - 1.0, 0.0, 2.0, kPanelHeightPixels);
      cairo_fill(cr.get());
    }
  }
  cairo_surface_flush(surface.get());
  const unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  image.pixels.reserve(static_cast<std::size_t>(image.columns * image.rows * 3));
  for (int r = 0; r < image.rows; ++r) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + r * stride);
    for (int c = 0; c < image.columns; ++c) {
      image.pixels.push_back(static_cast<Uint8>((row[c] >> 16) & 0xFF));
      image.pixels.push_back(static_cast<Uint8>((row[c] >> 8) & 0xFF));
      image.pixels.push_back(static_cast<Uint8>(row[c] & 0xFF));
    }
  }
  return image;
}

Result<void> save(const RgbImage& image, const DicomExportContext& context, const fs::path& target, const fs::path& temporary) {
  DcmFileFormat file;
  DcmDataset& d = *file.getDataset();
  OFCondition status = EC_Normal;
  auto put = [&](const DcmTagKey& tag, const std::string& value) {
    if (status.good()) status = d.putAndInsertString(tag, value.c_str());
  };
  auto putUint16 = [&](const DcmTagKey& tag, Uint16 value) {
    if (status.good()) status = d.putAndInsertUint16(tag, value);
  };
  put(DCM_SOPClassUID, UID_SecondaryCaptureImageStorage);
  put(DCM_SOPInstanceUID, dicomio::newUid());
  put(DCM_SpecificCharacterSet, "ISO_IR 192");
  put(DCM_Modality, "OT");
  put(DCM_SeriesInstanceUID, dicomio::newUid());
  put(DCM_SeriesNumber, std::to_string(kKeyImageSeriesNumber));
  put(DCM_SeriesDescription, "Iliopsoas key images (iliometry)");
  put(DCM_InstanceNumber, "1");
  put(DCM_PatientOrientation, "");
  put(DCM_Laterality, ""); // Type 2C: the key images show both sides
  put(DCM_ConversionType, "WSD");
  put(DCM_ImageType, "DERIVED\\SECONDARY");
  put(DCM_BurnedInAnnotation, "NO"); // levels and areas are drawn in, no identifier is
  put(DCM_ImageComments, "Mid-L3, mid-L4 and largest iliacus CSA; outlines: psoas major and iliacus, CSA in cm2");
  putUint16(DCM_SamplesPerPixel, 3);
  put(DCM_PhotometricInterpretation, "RGB");
  putUint16(DCM_PlanarConfiguration, 0);
  putUint16(DCM_Rows, static_cast<Uint16>(image.rows));
  putUint16(DCM_Columns, static_cast<Uint16>(image.columns));
  putUint16(DCM_BitsAllocated, 8);
  putUint16(DCM_BitsStored, 8);
  putUint16(DCM_HighBit, 7);
  putUint16(DCM_PixelRepresentation, 0);
  if (status.good()) status = d.putAndInsertUint8Array(DCM_PixelData, image.pixels.data(), image.pixels.size());
  if (status.good()) status = dicomio::writeIdentity(d, context);
  if (status.good()) status = dicomio::writeCreationTime(d);
  if (status.good()) status = d.putAndInsertString(DCM_Manufacturer, "Iliometry project");
  if (status.good()) status = d.putAndInsertString(DCM_SecondaryCaptureDeviceManufacturer, "Iliometry project");
  if (status.good())
    status = d.putAndInsertString(DCM_SecondaryCaptureDeviceManufacturerModelName, context.software.name.c_str());
  if (status.good()) status = d.putAndInsertString(DCM_SecondaryCaptureDeviceSoftwareVersions, context.software.version.c_str());
  if (status.good()) status = file.saveFile(temporary.c_str(), EXS_LittleEndianExplicit);
  if (status.bad())
    return makeError(ErrorCode::OutputFailed, "cannot write the key-image Secondary Capture " + target.string(), status.text());
  return {};
}

} // namespace

Result<void> writeKeyImageSecondaryCapture(const MeasurementReport& report, const IntensityImage& intensity,
                                           const LabelImage& labels, const DicomExportContext& context, const fs::path& path) {
  auto image = renderPanels(report, intensity, labels);
  if (!image) return image.error();
  return writeViaTemporary(path, [&](const fs::path& temporary) { return save(image.value(), context, path, temporary); });
}

} // namespace iliometry::report
