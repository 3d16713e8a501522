// The names FIRST's specifications give a vector's base metrics and their
// values ("AV:N" is "Attack Vector: Network"), for the advisory page's CVSS
// breakdown. Pure; the vector is expected to have been validated by
// ScoreCvss (unknown parts are passed through with their abbreviations).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace psirt {

// One metric of a vector.
struct CvssPart {
  std::string metric;  // "AV"
  std::string value;   // "N"
  std::string metric_name;  // "Attack Vector" ("" when not a base metric of the version)
  std::string value_name;   // "Network"
};

// The parts of `vector` ("CVSS:3.1/AV:N/..." or a v2 vector), in order,
// without the version prefix.
std::vector<CvssPart> CvssParts(std::string_view vector);

}  // namespace psirt
