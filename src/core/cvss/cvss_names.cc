// Names of CVSS base metrics and values (core/cvss/cvss_names.h), from the
// v2.0, v3.1 and v4.0 specifications' metric tables.
#include "core/cvss/cvss_names.h"

#include <map>

namespace psirt {
namespace {

struct Names {
  const char* metric;
  std::map<std::string, std::string, std::less<>> values;
};
using Table = std::map<std::string, Names, std::less<>>;

const std::map<std::string, std::string, std::less<>> kHighLowNone = {{"H", "High"}, {"L", "Low"}, {"N", "None"}};

const Table& V3() {
  static const Table t = {
      {"AV", {"Attack Vector", {{"N", "Network"}, {"A", "Adjacent Network"}, {"L", "Local"}, {"P", "Physical"}}}},
      {"AC", {"Attack Complexity", {{"L", "Low"}, {"H", "High"}}}},
      {"PR", {"Privileges Required", kHighLowNone}},
      {"UI", {"User Interaction", {{"N", "None"}, {"R", "Required"}}}},
      {"S", {"Scope", {{"U", "Unchanged"}, {"C", "Changed"}}}},
      {"C", {"Confidentiality", kHighLowNone}},
      {"I", {"Integrity", kHighLowNone}},
      {"A", {"Availability", kHighLowNone}},
  };
  return t;
}

const Table& V4() {
  static const Table t = {
      {"AV", {"Attack Vector", {{"N", "Network"}, {"A", "Adjacent"}, {"L", "Local"}, {"P", "Physical"}}}},
      {"AC", {"Attack Complexity", {{"L", "Low"}, {"H", "High"}}}},
      {"AT", {"Attack Requirements", {{"N", "None"}, {"P", "Present"}}}},
      {"PR", {"Privileges Required", kHighLowNone}},
      {"UI", {"User Interaction", {{"N", "None"}, {"P", "Passive"}, {"A", "Active"}}}},
      {"VC", {"Vulnerable System Confidentiality", kHighLowNone}},
      {"VI", {"Vulnerable System Integrity", kHighLowNone}},
      {"VA", {"Vulnerable System Availability", kHighLowNone}},
      {"SC", {"Subsequent System Confidentiality", kHighLowNone}},
      {"SI", {"Subsequent System Integrity", kHighLowNone}},
      {"SA", {"Subsequent System Availability", kHighLowNone}},
  };
  return t;
}

const Table& V2() {
  static const std::map<std::string, std::string, std::less<>> impact = {{"N", "None"}, {"P", "Partial"}, {"C", "Complete"}};
  static const Table t = {
      {"AV", {"Access Vector", {{"L", "Local"}, {"A", "Adjacent Network"}, {"N", "Network"}}}},
      {"AC", {"Access Complexity", {{"H", "High"}, {"M", "Medium"}, {"L", "Low"}}}},
      {"Au", {"Authentication", {{"M", "Multiple"}, {"S", "Single"}, {"N", "None"}}}},
      {"C", {"Confidentiality Impact", impact}},
      {"I", {"Integrity Impact", impact}},
      {"A", {"Availability Impact", impact}},
  };
  return t;
}

}  // namespace

std::vector<CvssPart> CvssParts(std::string_view vector) {
  const Table* table = &V2();
  if (vector.substr(0, 9) == "CVSS:4.0/") table = &V4();
  else if (vector.substr(0, 5) == "CVSS:") table = &V3();
  std::vector<CvssPart> out;
  size_t pos = 0;
  while (pos < vector.size()) {
    size_t end = vector.find('/', pos);
    if (end == std::string_view::npos) end = vector.size();
    std::string_view part = vector.substr(pos, end - pos);
    pos = end + 1;
    size_t colon = part.find(':');
    if (colon == std::string_view::npos || part.substr(0, colon) == "CVSS") continue;
    CvssPart p{std::string(part.substr(0, colon)), std::string(part.substr(colon + 1)), "", ""};
    if (auto m = table->find(p.metric); m != table->end()) {
      p.metric_name = m->second.metric;
      if (auto v = m->second.values.find(p.value); v != m->second.values.end()) p.value_name = v->second;
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace psirt
