// Option and argument checks for CLI11: a value that is malformed (a date,
// CVE/CWE/GHSA id, commit, PR number, branch name, state, CVSS vector,
// credit type, person, advisory id, or text that breaks the text rules) is a
// usage error, exit status 2, naming the option. Each check calls the same
// core function the services use.
#pragma once

#include <CLI/CLI.hpp>

#include "core/text_rules.h"

namespace psirt::cli {

CLI::Validator DateArg();        // YYYY-MM-DD
CLI::Validator AdvisoryIdArg();  // PREFIX-YYYY-NNNN
CLI::Validator CveArg();
CLI::Validator CweArg();
CLI::Validator GhsaArg();
CLI::Validator ShaArg();
CLI::Validator PrArg();
CLI::Validator BranchArg();
CLI::Validator StateArg();
CLI::Validator CvssArg();
CLI::Validator CreditTypeArg();
CLI::Validator PersonArg();      // "Name <email>"
CLI::Validator TextArg(const TextRule& rule);

}  // namespace psirt::cli
