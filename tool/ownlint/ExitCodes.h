#pragma once
// The exit status of every ownlint command (README.md, "Exit status").

namespace ownlint {

enum ExitCode {
  ExitClean = 0,      // nothing that fails the run (--fail-on)
  ExitFindings = 1,   // a finding that fails the run
  ExitUsage = 2,      // bad options, configuration, input files or reports
  ExitFileFailed = 3, // a file did not compile, or ownlint failed on it
};

} // namespace ownlint
