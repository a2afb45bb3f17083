#pragma once
// A fresh folder under the system temp folder, removed with everything in it on destruction.
#include <filesystem>
#include <string>

namespace iliometry::testing_support {

class TempFolder {
public:
  explicit TempFolder(const std::string& purpose);
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::filesystem::path& path() const { return m_path; }

private:
  std::filesystem::path m_path;
};

} // namespace iliometry::testing_support
