#include "iliometry/workflow/BatchStudy.h"

namespace iliometry::workflow {

namespace {

bool isIdCharacter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

} // namespace

bool isValidStudyId(std::string_view id) {
  if (id.empty() || id == "." || id == "..") return false;
  for (char c : id)
    if (!isIdCharacter(c)) return false;
  return true;
}

std::string studyIdFromName(std::string_view name) {
  std::string id(name);
  for (char& c : id)
    if (!isIdCharacter(c)) c = '_';
  return id;
}

} // namespace iliometry::workflow
