#include "TempFolder.h"

#include <atomic>
#include <unistd.h>

namespace iliometry::testing_support {

TempFolder::TempFolder(const std::string& purpose) {
  static std::atomic<int> counter{0};
  m_path = std::filesystem::temp_directory_path() /
           ("iliometry-" + purpose + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(m_path);
  std::filesystem::create_directories(m_path);
}

TempFolder::~TempFolder() {
  std::error_code ec;
  std::filesystem::remove_all(m_path, ec);
}

} // namespace iliometry::testing_support
