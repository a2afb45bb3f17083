#include "iliometry/workflow/BatchFingerprint.h"

#include "iliometry/workflow/MeasureWorkflow.h"

#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <sstream>
#include <vector>

namespace iliometry::workflow {

namespace fs = std::filesystem;

namespace {

std::string sha256Hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  // EVP_Digest is one-shot; it fails only when OpenSSL itself is broken.
  [[maybe_unused]] const int done = EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", digest[i]);
    hex += byte;
  }
  return hex;
}

std::string fileLine(const fs::path& relative, const fs::directory_entry& entry, std::error_code& error) {
  const auto size = entry.file_size(error);
  const auto modified = entry.last_write_time(error).time_since_epoch();
  return relative.generic_string() + '\t' + std::to_string(size) + '\t' +
         std::to_string(std::chrono::duration_cast<std::chrono::nanoseconds>(modified).count()) + '\n';
}

} // namespace

Result<std::string> inputFingerprint(const fs::path& input) {
  std::error_code error;
  const fs::directory_entry root(input, error);
  if (error || !root.exists(error)) return std::string("missing");
  std::vector<std::string> lines;
  if (!root.is_directory(error)) {
    lines.push_back(fileLine(input.filename(), root, error));
  } else {
    fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, error);
    if (error) return makeError(ErrorCode::InputNotFound, input.string() + ": cannot list the folder", error.message());
    for (const fs::directory_entry& entry : it)
      if (entry.is_regular_file(error))
        lines.push_back(fileLine(fs::relative(entry.path(), input, error), entry, error));
  }
  if (error)
    return makeError(ErrorCode::InputNotFound, input.string() + ": cannot read file sizes and times", error.message());
  // Directory order is arbitrary; sorting makes the fingerprint depend on the content only.
  std::sort(lines.begin(), lines.end());
  std::string all;
  for (const auto& line : lines)
    all += line;
  return sha256Hex(all);
}

std::string optionsFingerprint(const MeasureOptions& options) {
  std::ostringstream text;
  text.precision(17);
  text << "software " << softwareName() << ' ' << softwareVersion() << '\n'
       << "series " << options.seriesInstanceUid << '\n'
       << "height_m " << (options.heightM ? std::to_string(*options.heightM) : "none") << '\n'
       << "modality " << (options.modality ? modalityName(*options.modality) : "as stated") << '\n'
       << "asymmetry_threshold_percent " << options.asymmetry.thresholdPercent << '\n'
       << "psoas_basis " << options.asymmetry.psoasPrimaryBasis << '\n'
       << "iliacus_basis " << options.asymmetry.iliacusPrimaryBasis
       << '\n'
       // The secret changes every pseudonym, so a new secret redoes the study. The digest of it
       // is no weaker than the pseudonyms already in the outputs (both are keyed hashes).
       << "anonymize " << (options.anonymizeSecret ? "secret " + *options.anonymizeSecret : "no") << '\n';
  return sha256Hex(text.str());
}

} // namespace iliometry::workflow
