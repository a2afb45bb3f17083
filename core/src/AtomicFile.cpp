#include "iliometry/core/AtomicFile.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <unistd.h>

namespace iliometry {
namespace fs = std::filesystem;

namespace {

fs::path temporaryPathFor(const fs::path& target) {
  std::random_device device;
  auto name = "." + target.filename().string() + ".tmp" + std::to_string(device() % 1000000);
  // keep the extension last so extension-sniffing writers (ITK) still choose the right format
  return target.parent_path() / (name + "." + target.filename().string());
}

Error writeError(const fs::path& path, int errorNumber) {
  return makeError(ErrorCode::OutputFailed, "cannot write " + path.string(), std::strerror(errorNumber));
}

Result<void> syncFile(const fs::path& path, const fs::path& namedInErrors) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return writeError(namedInErrors, errno);
  int rc = ::fsync(fd);
  int savedErrno = errno;
  ::close(fd);
  if (rc != 0) return writeError(namedInErrors, savedErrno);
  return {};
}

Result<void> createParentFolder(const fs::path& target) {
  std::error_code ec;
  if (!target.parent_path().empty()) fs::create_directories(target.parent_path(), ec);
  if (ec) return makeError(ErrorCode::OutputFailed, "cannot create folder " + target.parent_path().string(), ec.message());
  return {};
}

// Errors name the target, the file the user asked for, not the temporary beside it.
Result<void> writeContents(const fs::path& temporary, const fs::path& target, std::string_view contents) {
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return writeError(target, errno);
  const char* data = contents.data();
  std::size_t remaining = contents.size();
  while (remaining > 0) {
    ssize_t n = ::write(fd, data, remaining);
    if (n < 0) {
      if (errno == EINTR) continue;
      int savedErrno = errno;
      ::close(fd);
      return writeError(target, savedErrno);
    }
    data += n;
    remaining -= static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) return writeError(target, errno);
  return syncFile(temporary, target);
}

} // namespace

Result<void> writeViaTemporary(const fs::path& target,
                               const std::function<Result<void>(const fs::path&)>& writeTo) {
  if (auto folder = createParentFolder(target); !folder) return folder;
  std::error_code ec;
  const fs::path temporary = temporaryPathFor(target);
  Result<void> written = writeTo(temporary);
  if (written) written = syncFile(temporary, target);
  if (written) {
    fs::rename(temporary, target, ec);
    if (ec) written = makeError(ErrorCode::OutputFailed, "cannot rename into " + target.string(), ec.message());
  }
  if (!written) fs::remove(temporary, ec);
  return written;
}

Result<void> writeFileAtomically(const fs::path& target, std::string_view contents) {
  return writeFilesAtomically({{target, contents}});
}

Result<void> writeFilesAtomically(const std::vector<FileContents>& files) {
  std::vector<fs::path> temporaries;
  auto removeTemporaries = [&temporaries] {
    std::error_code ignored;
    for (const auto& temporary : temporaries)
      fs::remove(temporary, ignored);
  };
  for (const auto& file : files) {
    if (auto folder = createParentFolder(file.target); !folder) {
      removeTemporaries();
      return folder;
    }
    temporaries.push_back(temporaryPathFor(file.target));
    if (auto written = writeContents(temporaries.back(), file.target, file.contents); !written) {
      removeTemporaries();
      return written;
    }
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::error_code ec;
    fs::rename(temporaries[i], files[i].target, ec);
    if (ec) {
      temporaries.erase(temporaries.begin(), temporaries.begin() + static_cast<std::ptrdiff_t>(i));
      removeTemporaries();
      return makeError(ErrorCode::OutputFailed, "cannot rename into " + files[i].target.string(), ec.message());
    }
  }
  return {};
}

} // namespace iliometry
