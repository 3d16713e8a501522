// CVSS v4.0 data tables of the FIRST specification's scoring method: the
// score of every MacroVector. Values as published by FIRST with the v4.0
// specification and its reference calculator; data only.
#include "core/cvss/cvss4_tables.h"

#include <limits>

namespace psirt::cvss_internal {

namespace {
constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
}  // namespace

// Index: ((((eq1*2+eq2)*3+eq3)*3+eq4)*3+eq5)*2+eq6; NaN where no MacroVector exists.
const double kMacroVectorScore[324] = {
    10.0, 9.9, 9.8, 9.5, 9.5, 9.2, 10.0, 9.6, 9.3, 8.7, 9.1, 8.1,
    9.3, 9.0, 8.9, 8.0, 8.1, 6.8, 9.8, 9.5, 9.5, 9.2, 9.0, 8.4,
    9.3, 9.2, 8.9, 8.1, 8.1, 6.5, 8.8, 8.0, 7.8, 7.0, 6.9, 4.8,
    kNone, 9.2, kNone, 8.2, kNone, 7.2, kNone, 7.9, kNone, 6.9, kNone, 5.0,
    kNone, 6.9, kNone, 5.5, kNone, 2.7, 9.9, 9.7, 9.5, 9.2, 9.2, 8.5,
    9.5, 9.1, 9.0, 8.3, 8.4, 7.1, 9.2, 8.1, 8.2, 7.1, 7.2, 5.3,
    9.5, 9.3, 9.2, 8.5, 8.5, 7.3, 9.2, 8.2, 8.0, 7.2, 7.0, 5.9,
    8.4, 7.0, 7.1, 5.2, 5.0, 3.0, kNone, 8.6, kNone, 7.5, kNone, 5.2,
    kNone, 7.1, kNone, 5.2, kNone, 2.9, kNone, 6.3, kNone, 2.9, kNone, 1.7,
    9.8, 9.5, 9.4, 8.7, 9.1, 8.1, 9.4, 8.9, 8.6, 7.4, 7.7, 6.4,
    8.7, 7.5, 7.4, 6.3, 6.3, 4.9, 9.4, 8.9, 8.8, 7.7, 7.6, 6.7,
    8.6, 7.6, 7.4, 5.8, 5.9, 5.0, 7.2, 5.7, 5.7, 5.2, 5.2, 2.5,
    kNone, 8.3, kNone, 7.0, kNone, 5.4, kNone, 6.5, kNone, 5.8, kNone, 2.6,
    kNone, 5.3, kNone, 2.1, kNone, 1.3, 9.5, 9.0, 8.8, 7.6, 7.6, 7.0,
    9.0, 7.7, 7.5, 6.2, 6.1, 5.3, 7.7, 6.6, 6.8, 5.9, 5.2, 3.0,
    8.9, 7.8, 7.6, 6.7, 6.2, 5.8, 7.4, 5.9, 5.7, 5.7, 4.7, 2.3,
    6.1, 5.2, 5.7, 2.9, 2.4, 1.6, kNone, 7.1, kNone, 5.9, kNone, 3.0,
    kNone, 5.8, kNone, 2.6, kNone, 1.5, kNone, 2.3, kNone, 1.3, kNone, 0.6,
    9.3, 8.7, 8.6, 7.2, 7.5, 5.8, 8.6, 7.4, 7.4, 6.1, 5.6, 3.4,
    7.0, 5.4, 5.2, 4.0, 4.0, 2.2, 8.5, 7.5, 7.4, 5.5, 6.2, 5.1,
    7.2, 5.7, 5.5, 4.1, 4.6, 1.9, 5.3, 3.6, 3.4, 1.9, 1.9, 0.8,
    kNone, 6.4, kNone, 5.1, kNone, 2.0, kNone, 4.7, kNone, 2.1, kNone, 1.1,
    kNone, 2.4, kNone, 0.9, kNone, 0.4, 8.8, 7.5, 7.3, 5.3, 6.0, 5.0,
    7.3, 5.5, 5.9, 4.0, 4.1, 2.0, 5.4, 4.3, 4.5, 2.2, 2.0, 1.1,
    7.5, 5.5, 5.8, 4.5, 4.0, 2.1, 6.1, 5.1, 4.8, 1.8, 2.0, 0.9,
    4.6, 1.8, 1.7, 0.7, 0.8, 0.2, kNone, 5.3, kNone, 2.4, kNone, 1.4,
    kNone, 2.4, kNone, 1.2, kNone, 0.5, kNone, 1.0, kNone, 0.3, kNone, 0.1,
};

}  // namespace psirt::cvss_internal
