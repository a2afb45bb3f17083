#include "iliometry/dicom/SeriesWriter.h"

#include "DcmtkSetup.h"
#include "ParallelFor.h"
#include "StoredValueScale.h"

#include "iliometry/core/AtomicFile.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmjpeg/djrplol.h>
#include <dcmtk/dcmjpeg/djrploss.h>
#include <dcmtk/dcmjpls/djrparam.h>

#include <gdcmImageChangeTransferSyntax.h>
#include <gdcmImageReader.h>
#include <gdcmImageWriter.h>
#include <gdcmJPEG2000Codec.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <numeric>
#include <optional>
#include <random>

namespace iliometry::dicom {

namespace fs = std::filesystem;

namespace {

constexpr const char* kCtImageStorage = UID_CTImageStorage;
constexpr const char* kMrImageStorage = UID_MRImageStorage;

std::string formatDs(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value); // at most 16 characters, the DS limit
  return text;
}

std::string formatDsList(std::initializer_list<double> values) {
  std::string text;
  for (double v : values)
    text += (text.empty() ? "" : "\\") + formatDs(v);
  return text;
}

std::string newUid(const char* root) {
  char uid[100];
  return dcmGenerateUniqueIdentifier(uid, root);
}

struct SeriesContext {
  const Volume* volume = nullptr;
  const SeriesWriteOptions* options = nullptr;
  std::string sopClassUid, studyUid, seriesUid, frameOfReferenceUid;
  StoredValueScale scale;
  std::array<double, 3> row{}, column{}, normal{}, origin{}, spacing{};
  std::size_t columns = 0, rows = 0;
};

struct SliceTask {
  std::size_t index = 0; // along the third axis
  int instanceNumber = 0;
  std::string sopInstanceUid;
  fs::path file;
};

E_TransferSyntax dcmtkSyntax(TransferSyntax syntax) {
  switch (syntax) {
  case TransferSyntax::ImplicitLittleEndian: return EXS_LittleEndianImplicit;
  case TransferSyntax::DeflatedExplicitLittleEndian: return EXS_DeflatedLittleEndianExplicit;
  case TransferSyntax::JpegBaseline: return EXS_JPEGProcess1;
  case TransferSyntax::JpegLossless: return EXS_JPEGProcess14SV1;
  case TransferSyntax::JpegLsLossless: return EXS_JPEGLSLossless;
  case TransferSyntax::Rle: return EXS_RLELossless;
  default: return EXS_LittleEndianExplicit; // JPEG 2000 is written uncompressed first, then by GDCM
  }
}

bool isJpeg2000Syntax(TransferSyntax syntax) {
  return syntax == TransferSyntax::Jpeg2000Lossless || syntax == TransferSyntax::Jpeg2000Lossy;
}

void putString(DcmDataset& ds, const DcmTagKey& tag, const std::string& value) {
  ds.putAndInsertString(tag, value.c_str());
}

void putPatientAndStudy(DcmDataset& ds, const SeriesContext& ctx) {
  const StudyInfo& info = ctx.volume->info;
  putString(ds, DCM_SpecificCharacterSet, "ISO_IR 192");
  putString(ds, DCM_PatientName, info.patientName);
  putString(ds, DCM_PatientID, info.patientId);
  putString(ds, DCM_PatientBirthDate, "");
  putString(ds, DCM_PatientSex, info.patientSex);
  if (!info.patientAge.empty()) putString(ds, DCM_PatientAge, info.patientAge);
  if (info.patientHeightM) putString(ds, DCM_PatientSize, formatDs(*info.patientHeightM));
  if (info.patientWeightKg) putString(ds, DCM_PatientWeight, formatDs(*info.patientWeightKg));
  putString(ds, DCM_StudyInstanceUID, ctx.studyUid);
  putString(ds, DCM_StudyDate, info.studyDate);
  putString(ds, DCM_StudyTime, "");
  putString(ds, DCM_ReferringPhysicianName, "");
  putString(ds, DCM_StudyID, "");
  putString(ds, DCM_AccessionNumber, info.accessionNumber);
  if (!info.studyDescription.empty()) putString(ds, DCM_StudyDescription, info.studyDescription);
  putString(ds, DCM_Modality, modalityName(info.modality));
  putString(ds, DCM_SeriesInstanceUID, ctx.seriesUid);
  putString(ds, DCM_SeriesNumber, "1");
  putString(ds, DCM_Laterality, ""); // type 2C: empty, the series is not of one paired organ
  if (!info.seriesDate.empty()) putString(ds, DCM_SeriesDate, info.seriesDate);
  if (!info.seriesDescription.empty()) putString(ds, DCM_SeriesDescription, info.seriesDescription);
  if (!info.bodyPart.empty()) putString(ds, DCM_BodyPartExamined, info.bodyPart);
  putString(ds, DCM_PatientPosition, ctx.options->patientPosition);
  putString(ds, DCM_FrameOfReferenceUID, ctx.frameOfReferenceUid);
  putString(ds, DCM_PositionReferenceIndicator, "");
  putString(ds, DCM_Manufacturer, info.manufacturer);
}

void putModalitySpecific(DcmDataset& ds, const SeriesContext& ctx) {
  if (ctx.volume->info.modality == Modality::CT) {
    putString(ds, DCM_KVP, "");
    putString(ds, DCM_AcquisitionNumber, "1");
    return;
  }
  putString(ds, DCM_ScanningSequence, "RM"); // research mode: a written volume, not an acquisition
  putString(ds, DCM_SequenceVariant, "NONE");
  putString(ds, DCM_ScanOptions, "");
  putString(ds, DCM_MRAcquisitionType, "3D");
  putString(ds, DCM_RepetitionTime, "");
  putString(ds, DCM_EchoTime, "");
  putString(ds, DCM_EchoTrainLength, "");
  putString(ds, DCM_AcquisitionNumber, "1");
}

Result<void> putSlice(DcmDataset& ds, const SeriesContext& ctx, const SliceTask& task) {
  const SeriesWriteOptions& options = *ctx.options;
  putString(ds, DCM_SOPClassUID, ctx.sopClassUid);
  putString(ds, DCM_SOPInstanceUID, task.sopInstanceUid);
  putPatientAndStudy(ds, ctx);
  putModalitySpecific(ds, ctx);
  putString(ds, DCM_ImageType, options.imageType);
  putString(ds, DCM_InstanceNumber, std::to_string(task.instanceNumber));
  putString(ds, DCM_PatientOrientation, "");
  putString(ds, DCM_ContentDate, ctx.volume->info.seriesDate);
  putString(ds, DCM_ContentTime, "");

  const double along = static_cast<double>(task.index) * ctx.spacing[2];
  const std::array<double, 3> position{ctx.origin[0] + along * ctx.normal[0], ctx.origin[1] + along * ctx.normal[1],
                                       ctx.origin[2] + along * ctx.normal[2]};
  putString(ds, DCM_ImagePositionPatient, formatDsList({position[0], position[1], position[2]}));
  putString(ds, DCM_ImageOrientationPatient,
            formatDsList({ctx.row[0], ctx.row[1], ctx.row[2], ctx.column[0], ctx.column[1], ctx.column[2]}));
  // DICOM Pixel Spacing is row spacing (between rows, ITK axis 1) first.
  putString(ds, DCM_PixelSpacing, formatDsList({ctx.spacing[1], ctx.spacing[0]}));
  putString(ds, DCM_SliceThickness, formatDs(options.sliceThicknessMm.value_or(ctx.spacing[2])));
  putString(ds, DCM_SliceLocation,
            formatDs(position[0] * ctx.normal[0] + position[1] * ctx.normal[1] + position[2] * ctx.normal[2]));

  const bool eightBit = ctx.scale.bitsAllocated == 8;
  ds.putAndInsertUint16(DCM_SamplesPerPixel, 1);
  putString(ds, DCM_PhotometricInterpretation, "MONOCHROME2");
  ds.putAndInsertUint16(DCM_Rows, static_cast<Uint16>(ctx.rows));
  ds.putAndInsertUint16(DCM_Columns, static_cast<Uint16>(ctx.columns));
  ds.putAndInsertUint16(DCM_BitsAllocated, ctx.scale.bitsAllocated);
  ds.putAndInsertUint16(DCM_BitsStored, ctx.scale.bitsAllocated);
  ds.putAndInsertUint16(DCM_HighBit, static_cast<Uint16>(ctx.scale.bitsAllocated - 1));
  ds.putAndInsertUint16(DCM_PixelRepresentation, ctx.scale.isSigned ? 1 : 0);
  putString(ds, DCM_RescaleIntercept, formatDs(ctx.scale.intercept));
  putString(ds, DCM_RescaleSlope, formatDs(ctx.scale.slope));
  if (ctx.volume->info.modality == Modality::CT) putString(ds, DCM_RescaleType, "HU");
  putString(ds, DCM_WindowCenter, formatDs(ctx.scale.windowCenter));
  putString(ds, DCM_WindowWidth, formatDs(std::max(1.0, ctx.scale.windowWidth)));

  const std::size_t count = ctx.rows * ctx.columns;
  const float* values = ctx.volume->image->GetBufferPointer() + task.index * count;
  OFCondition status;
  if (eightBit) {
    std::vector<Uint8> stored(count);
    for (std::size_t i = 0; i < count; ++i)
      stored[i] = static_cast<Uint8>(ctx.scale.toStored(values[i]));
    status = ds.putAndInsertUint8Array(DCM_PixelData, stored.data(), static_cast<unsigned long>(count));
  } else {
    std::vector<Uint16> stored(count);
    for (std::size_t i = 0; i < count; ++i)
      stored[i] = static_cast<Uint16>(static_cast<std::int16_t>(ctx.scale.toStored(values[i])));
    status = ds.putAndInsertUint16Array(DCM_PixelData, stored.data(), static_cast<unsigned long>(count));
  }
  if (status.bad())
    return makeError(ErrorCode::Internal, "cannot store pixel data for " + task.file.string(), status.text());
  return {};
}

Result<void> compressInPlace(DcmDataset& ds, TransferSyntax syntax, const fs::path& file) {
  const E_TransferSyntax xfer = dcmtkSyntax(syntax);
  OFCondition status = EC_Normal;
  if (syntax == TransferSyntax::JpegBaseline) {
    DJ_RPLossy parameters(90);
    status = ds.chooseRepresentation(xfer, &parameters);
  } else if (syntax == TransferSyntax::JpegLossless) {
    DJ_RPLossless parameters(1, 0);
    status = ds.chooseRepresentation(xfer, &parameters);
  } else if (syntax == TransferSyntax::JpegLsLossless) {
    DJLSRepresentationParameter parameters(0, OFTrue);
    status = ds.chooseRepresentation(xfer, &parameters);
  } else if (syntax == TransferSyntax::Rle) {
    status = ds.chooseRepresentation(xfer, nullptr);
  }
  if (status.bad() || !ds.canWriteXfer(xfer))
    return makeError(ErrorCode::OutputFailed,
                     file.string() + ": DCMTK cannot encode the pixel data in the requested transfer syntax",
                     status.text());
  return {};
}

Result<void> transcodeToJpeg2000(const fs::path& uncompressed, const fs::path& target, bool lossless) {
  gdcm::ImageReader reader;
  reader.SetFileName(uncompressed.c_str());
  if (!reader.Read())
    return makeError(ErrorCode::OutputFailed, target.string() + ": GDCM cannot read back the uncompressed slice");
  gdcm::ImageChangeTransferSyntax change;
  change.SetTransferSyntax(lossless ? gdcm::TransferSyntax::JPEG2000Lossless : gdcm::TransferSyntax::JPEG2000);
  gdcm::JPEG2000Codec codec;
  if (!lossless) {
    codec.SetReversible(false);
    codec.SetRate(0, 10.0); // about 10:1, visually lossless for CT
    change.SetUserCodec(&codec);
  }
  change.SetInput(reader.GetImage());
  if (!change.Change()) return makeError(ErrorCode::OutputFailed, target.string() + ": GDCM cannot encode JPEG 2000");
  gdcm::ImageWriter writer;
  writer.SetFileName(target.c_str());
  writer.SetFile(reader.GetFile());
  writer.SetImage(change.GetOutput());
  if (!writer.Write())
    return makeError(ErrorCode::OutputFailed, target.string() + ": GDCM cannot write the JPEG 2000 file");
  return {};
}

Result<void> writeSlice(const SeriesContext& ctx, const SliceTask& task) {
  DcmFileFormat format;
  DcmDataset& ds = *format.getDataset();
  if (auto put = putSlice(ds, ctx, task); !put) return put;
  const TransferSyntax syntax = ctx.options->transferSyntax;
  if (auto compressed = compressInPlace(ds, syntax, task.file); !compressed) return compressed;
  return writeViaTemporary(task.file, [&](const fs::path& temporary) -> Result<void> {
    const bool viaGdcm = isJpeg2000Syntax(syntax);
    const fs::path dcmtkTarget = viaGdcm ? fs::path(temporary.string() + ".uncompressed.dcm") : temporary;
    const OFCondition status = format.saveFile(dcmtkTarget.c_str(), dcmtkSyntax(syntax));
    if (status.bad())
      return makeError(ErrorCode::OutputFailed, task.file.string() + ": cannot write the DICOM file", status.text());
    if (!viaGdcm) return {};
    auto transcoded = transcodeToJpeg2000(dcmtkTarget, temporary, syntax == TransferSyntax::Jpeg2000Lossless);
    std::error_code ignored;
    fs::remove(dcmtkTarget, ignored);
    return transcoded;
  });
}

} // namespace

Result<std::vector<SourceSlice>> writeSeries(const Volume& volume, const fs::path& folder,
                                             const SeriesWriteOptions& options) {
  ensureDcmtkReady();
  if (!volume.image) return makeError(ErrorCode::InvalidArgument, "writeSeries: the volume has no image");
  if (volume.info.modality == Modality::Unknown)
    return makeError(ErrorCode::InvalidArgument,
                     "writeSeries: the volume's modality must be CT or MR to write " + folder.string());
  const auto size = volume.image->GetBufferedRegion().GetSize();
  if (size[0] == 0 || size[1] == 0 || size[2] == 0 || size[0] > 65535 || size[1] > 65535)
    return makeError(ErrorCode::InvalidArgument,
                     "writeSeries: image size must be 1..65535 in-plane and at least one slice");

  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) return makeError(ErrorCode::OutputFailed, folder.string() + ": cannot create the folder", ec.message());

  SeriesContext ctx;
  ctx.volume = &volume;
  ctx.options = &options;
  ctx.sopClassUid = !options.sopClassUidOverride.empty()   ? options.sopClassUidOverride
                    : volume.info.modality == Modality::CT ? kCtImageStorage
                                                           : kMrImageStorage;
  ctx.studyUid = volume.info.studyInstanceUid.empty() ? newUid(SITE_STUDY_UID_ROOT) : volume.info.studyInstanceUid;
  ctx.seriesUid = volume.info.seriesInstanceUid.empty() ? newUid(SITE_SERIES_UID_ROOT) : volume.info.seriesInstanceUid;
  ctx.frameOfReferenceUid =
      volume.info.frameOfReferenceUid.empty() ? newUid(SITE_SERIES_UID_ROOT) : volume.info.frameOfReferenceUid;
  ctx.columns = size[0];
  ctx.rows = size[1];
  const auto& direction = volume.image->GetDirection();
  for (unsigned r = 0; r < 3; ++r) {
    ctx.row[r] = direction(r, 0);
    ctx.column[r] = direction(r, 1);
    ctx.normal[r] = direction(r, 2);
    ctx.origin[r] = volume.image->GetOrigin()[r];
    ctx.spacing[r] = volume.image->GetSpacing()[r];
  }
  const float* begin = volume.image->GetBufferPointer();
  ctx.scale = chooseStoredValueScale(begin, begin + volume.image->GetBufferedRegion().GetNumberOfPixels(),
                                     options.transferSyntax == TransferSyntax::JpegBaseline);

  std::vector<int> instanceNumbers(size[2]);
  std::iota(instanceNumbers.begin(), instanceNumbers.end(), 1);
  if (options.shuffleInstanceNumbers) {
    std::mt19937 random(20240917u); // fixed seed: reproducible test series
    std::shuffle(instanceNumbers.begin(), instanceNumbers.end(), random);
  }
  std::vector<SliceTask> tasks(size[2]);
  for (std::size_t k = 0; k < tasks.size(); ++k) {
    char name[64];
    std::snprintf(name, sizeof name, "%04d.dcm", instanceNumbers[k]);
    tasks[k] = {k, instanceNumbers[k], newUid(SITE_INSTANCE_UID_ROOT), folder / (options.fileNamePrefix + name)};
  }

  std::vector<std::optional<Error>> failures(tasks.size());
  parallelFor(tasks.size(), [&](std::size_t k) {
    try {
      if (auto written = writeSlice(ctx, tasks[k]); !written) failures[k] = written.error();
    } catch (const std::exception& e) { // GDCM/ITK may throw; keep the thread alive
      failures[k] = makeError(ErrorCode::OutputFailed, tasks[k].file.string() + ": cannot write the slice", e.what());
    }
  });
  for (const auto& failure : failures)
    if (failure) return *failure;

  std::vector<SourceSlice> slices;
  slices.reserve(tasks.size());
  for (const SliceTask& task : tasks)
    slices.push_back({task.file.string(), task.sopInstanceUid, ctx.sopClassUid, 0});
  return slices;
}

} // namespace iliometry::dicom
