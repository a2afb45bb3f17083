#include "PixelDecoder.h"

#include "DcmtkSetup.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <gdcmImage.h>
#include <gdcmImageReader.h>

#include <cstdint>
#include <cstring>
#include <exception>

namespace iliometry::dicom {
namespace {

struct RawPixels {
  const std::uint8_t* bytes = nullptr;
  std::size_t length = 0;
};

// Stored value -> float, honouring Bits Stored, High Bit and Pixel Representation.
template <typename Word>
void convertFrame(const Word* in, std::size_t count, const PixelFormat& px, double slope, double intercept, bool invert,
                  float* out) {
  const unsigned shift = px.highBit + 1 - px.bitsStored;
  const std::uint32_t mask = px.bitsStored >= 32 ? 0xFFFFFFFFu : ((1u << px.bitsStored) - 1u);
  const std::int64_t signBit = std::int64_t{1} << (px.bitsStored - 1);
  const std::int64_t minStored = px.isSigned ? -signBit : 0;
  const std::int64_t maxStored = px.isSigned ? signBit - 1 : (std::int64_t{1} << px.bitsStored) - 1;
  const auto s = static_cast<float>(slope), b = static_cast<float>(intercept);
  const bool plain = shift == 0 && px.bitsStored == sizeof(Word) * 8 && !invert;
  if (plain) { // the common case: the whole word is the value
    for (std::size_t i = 0; i < count; ++i) {
      const std::int64_t v =
          px.isSigned ? static_cast<std::int64_t>(static_cast<std::make_signed_t<Word>>(in[i])) : in[i];
      out[i] = s * static_cast<float>(v) + b;
    }
    return;
  }
  for (std::size_t i = 0; i < count; ++i) {
    std::int64_t v = (static_cast<std::uint32_t>(in[i]) >> shift) & mask;
    if (px.isSigned && (v & signBit)) v -= (signBit << 1);
    if (invert) v = minStored + maxStored - v;
    out[i] = s * static_cast<float>(v) + b;
  }
}

Result<void> convertFrames(const DicomHeader& header, const RawPixels& raw, const std::vector<FrameTarget>& targets,
                           bool invertMonochrome1) {
  const PixelFormat& px = header.pixels;
  const std::size_t pixelsPerFrame = std::size_t{px.rows} * px.columns;
  const std::size_t bytesPerFrame = pixelsPerFrame * (px.bitsAllocated / 8);
  const bool invert = invertMonochrome1 && px.photometric == "MONOCHROME1";
  for (const FrameTarget& target : targets) {
    const std::size_t index =
        target.frame->frameNumber > 0 ? static_cast<std::size_t>(target.frame->frameNumber - 1) : 0;
    const std::size_t needed = (index + 1) * bytesPerFrame;
    if (raw.length < needed)
      return makeError(ErrorCode::InvalidSeries, header.file.string() + ": pixel data holds " +
                                                     std::to_string(raw.length) + " bytes, expected at least " +
                                                     std::to_string(needed) + " for frame " +
                                                     std::to_string(index + 1) + " (truncated file?)");
    const std::uint8_t* start = raw.bytes + index * bytesPerFrame;
    if (px.bitsAllocated == 8) {
      convertFrame(start, pixelsPerFrame, px, target.frame->rescaleSlope, target.frame->rescaleIntercept, invert,
                   target.destination);
    } else {
      // Pixel data buffers from DCMTK and GDCM are at least 2-byte aligned.
      convertFrame(reinterpret_cast<const std::uint16_t*>(start), pixelsPerFrame, px, target.frame->rescaleSlope,
                   target.frame->rescaleIntercept, invert, target.destination);
    }
  }
  return {};
}

Result<void> decodeWithGdcm(const DicomHeader& header, const std::vector<FrameTarget>& targets,
                            bool invertMonochrome1) {
  gdcm::ImageReader reader;
  reader.SetFileName(header.file.c_str());
  if (!reader.Read())
    return makeError(ErrorCode::InvalidSeries, header.file.string() + ": GDCM could not read the JPEG 2000 image");
  const gdcm::Image& image = reader.GetImage();
  std::vector<std::uint16_t> buffer((image.GetBufferLength() + 1) / 2); // uint16 storage keeps alignment
  if (!image.GetBuffer(reinterpret_cast<char*>(buffer.data())))
    return makeError(ErrorCode::InvalidSeries,
                     header.file.string() + ": GDCM could not decode the JPEG 2000 pixel data");
  return convertFrames(header, {reinterpret_cast<const std::uint8_t*>(buffer.data()), image.GetBufferLength()}, targets,
                       invertMonochrome1);
}

Result<void> decodeWithDcmtk(const DicomHeader& header, const std::vector<FrameTarget>& targets,
                             bool invertMonochrome1) {
  DcmFileFormat format;
  OFCondition status = format.loadFile(header.file.c_str());
  if (status.bad())
    return makeError(ErrorCode::InvalidSeries, header.file.string() + ": cannot read the pixel data", status.text());
  DcmDataset& ds = *format.getDataset();
  if (DcmXfer(ds.getOriginalXfer()).isEncapsulated()) {
    status = ds.chooseRepresentation(EXS_LittleEndianExplicit, nullptr);
    if (status.bad() || !ds.canWriteXfer(EXS_LittleEndianExplicit))
      return makeError(ErrorCode::InvalidSeries,
                       header.file.string() + ": cannot decompress pixel data (transfer syntax " +
                           header.transferSyntaxUid + ")",
                       status.text());
  }
  DcmElement* element = nullptr;
  if (ds.findAndGetElement(DCM_PixelData, element).bad() || element == nullptr)
    return makeError(ErrorCode::InvalidSeries, header.file.string() + ": no pixel data");
  RawPixels raw;
  raw.length = element->getLength();
  if (element->getVR() == EVR_OW || header.pixels.bitsAllocated > 8) {
    Uint16* words = nullptr;
    status = element->getUint16Array(words);
    raw.bytes = reinterpret_cast<const std::uint8_t*>(words);
  } else {
    Uint8* bytes = nullptr;
    status = element->getUint8Array(bytes);
    raw.bytes = bytes;
  }
  if (status.bad() || raw.bytes == nullptr)
    return makeError(ErrorCode::InvalidSeries, header.file.string() + ": cannot access the pixel data", status.text());
  return convertFrames(header, raw, targets, invertMonochrome1);
}

} // namespace

Result<void> decodeFrames(const DicomHeader& header, const std::vector<FrameTarget>& targets, bool invertMonochrome1) {
  ensureDcmtkReady();
  try {
    if (isJpeg2000(header.transferSyntaxUid)) return decodeWithGdcm(header, targets, invertMonochrome1);
    return decodeWithDcmtk(header, targets, invertMonochrome1);
  } catch (const std::bad_alloc&) {
    return makeError(ErrorCode::InvalidSeries, header.file.string() + ": out of memory decoding the pixel data");
  } catch (const std::exception& e) { // GDCM may throw on malformed codestreams
    return makeError(ErrorCode::InvalidSeries, header.file.string() + ": cannot decode the pixel data", e.what());
  }
}

} // namespace iliometry::dicom
