#include "FileCompleteness.h"

#include <zlib.h>

#include <array>
#include <fstream>
#include <memory>
#include <string>

namespace iliometry::dicom {

namespace {

bool isGzip(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::array<unsigned char, 2> magic{};
  in.read(reinterpret_cast<char*>(magic.data()), 2);
  return in.gcount() == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
}

Result<std::uintmax_t> decompressedBytes(const std::filesystem::path& path) {
  const std::unique_ptr<gzFile_s, int (*)(gzFile)> file(gzopen(path.string().c_str(), "rb"), gzclose);
  if (!file) return makeError(ErrorCode::InvalidSeries, path.string() + ": cannot open the compressed file");
  std::array<char, 1 << 16> buffer{};
  std::uintmax_t total = 0;
  for (;;) {
    const int n = gzread(file.get(), buffer.data(), static_cast<unsigned>(buffer.size()));
    if (n < 0 || (n == 0 && !gzeof(file.get()))) {
      int code = Z_OK;
      const char* message = gzerror(file.get(), &code);
      return makeError(ErrorCode::InvalidSeries,
                       path.string() + ": the compressed data is damaged after " + std::to_string(total) +
                           " bytes (" + (message ? message : "zlib error") + "); the file is truncated or corrupt");
    }
    if (n == 0) break;
    total += static_cast<std::uintmax_t>(n);
  }
  // zlib reports a stream that ends without its trailer only through the error state.
  int code = Z_OK;
  gzerror(file.get(), &code);
  if (code != Z_OK)
    return makeError(ErrorCode::InvalidSeries, path.string() + ": the compressed data ends after " +
                                                   std::to_string(total) + " bytes without its end mark; the file is truncated");
  return total;
}

} // namespace

Result<void> checkFileHoldsBytes(const std::filesystem::path& path, std::uintmax_t minBytes) {
  std::uintmax_t bytes = 0;
  if (isGzip(path)) {
    auto decompressed = decompressedBytes(path);
    if (!decompressed) return decompressed.error();
    bytes = decompressed.value();
  } else {
    std::error_code error;
    bytes = std::filesystem::file_size(path, error);
    if (error) return makeError(ErrorCode::InvalidSeries, path.string() + ": cannot tell the file's size (" + error.message() + ")");
  }
  if (bytes < minBytes)
    return makeError(ErrorCode::InvalidSeries, path.string() + ": holds " + std::to_string(bytes) +
                                                   " bytes of header and voxels, but its header announces at least " +
                                                   std::to_string(minBytes) + "; the file is truncated");
  return {};
}

} // namespace iliometry::dicom
