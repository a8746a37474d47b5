#!/usr/bin/env python3
"""Adds a new ownlint check in one step, like clang-tidy's add_new_check.py.

  scripts/add_check.py [--root DIR] <name> "<one-line summary>"

<name> is lower case with dashes, without the "ownership-" prefix: `dangling`
becomes the check `ownership-dangling`, class DanglingCheck. The summary is a
noun phrase saying what the check finds, lower case, no trailing period
("a reference that outlives the object it refers to"); it is what
`--list-checks` prints and what the check tables say.

It creates
  checks/<Class>.h, checks/<Class>.cpp   a check with a placeholder rule (it
                                         reports calls to
                                         ownlint_<name>_placeholder()) for you
                                         to replace
  docs/checks/ownership-<name>.md        its page
  test/checks/ownership-<name>.cpp       its lit test: one hit, one non-hit
and registers it in
  checks/Checks.def, checks/AllChecks.h, checks/CMakeLists.txt,
  docs/checks/README.md and README.md (the check tables),
  test/cli/list-checks.test and test/plugin/plugin.test (the --list-checks
  outputs).

Lists kept in name order get the new entry in order; AllChecks.h and the
groups of Checks.def too when they are sorted, at their end otherwise. The new
.h/.cpp are run through clang-format-19 when the tree has a .clang-format.

It refuses, changing nothing, when the name is not lower-case-with-dashes or
the check (or one of its files) already exists. --root DIR works on another
copy of the tree (default: this repository). docs/adding-a-check.md says what
to do next.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import textwrap

PREFIX = "ownership-"
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
# The check whose group of Checks.def a new check joins: the checks that match
# the AST themselves, as the generated one does (the flow and copy checks,
# which read the shared analysis, come after).
GROUP_OF = "raw-new-delete"


class Refusal(Exception):
    """A reason to change nothing; exit status 1 (2 for a bad name)."""

    def __init__(self, message, status=1):
        super().__init__(message)
        self.status = status


def camel(name):
    return "".join(part[:1].upper() + part[1:] for part in name.split("-"))


def c_string(text):
    return text.replace("\\", "\\\\").replace('"', '\\"')


# ---- generated files ---------------------------------------------------------

HEADER = """\
#pragma once

#include "OwnershipCheck.h"

namespace ownlint {{

{comment}
///
/// Docs: docs/checks/{full}.md
class {cls} : public OwnershipCheck {{
public:
  {cls}(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : OwnershipCheck(Name, Context) {{}}
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
}};

}} // namespace ownlint
"""

SOURCE = """\
#include "{cls}.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace ownlint {{

void {cls}::registerMatchers(MatchFinder *Finder) {{
  // The detection rule. This placeholder matches every call to a function no
  // real code calls, so that the check's lit test has something to find:
  // replace it with the matcher of what the check looks for
  // (docs/adding-a-check.md).
  auto Placeholder = functionDecl(hasName("{placeholder}"));
  Finder->addMatcher(
      callExpr(callee(Placeholder.bind("callee")), unless(isExpansionInSystemHeader()))
          .bind("call"),
      this);
}}

void {cls}::check(const MatchFinder::MatchResult &Result) {{
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *Callee = Result.Nodes.getNodeAs<FunctionDecl>("callee");
  if (!Call || !Callee)
    return;
  // The warning says what is wrong at the site; notes point at the other
  // places of the story and end with the fix.
  diag(Call->getBeginLoc(), "%0 is called here: the placeholder rule of this check reports "
                            "every call to it")
      << Callee;
  diag(Callee->getLocation(), "%0 is declared here", DiagnosticIDs::Note) << Callee;
}}

}} // namespace ownlint
"""

# Line numbers below are those of this template: the CHECK lines name them.
TEST = """\
// RUN: %check_ownlint %s {full} %t -- -std=c++17

void {placeholder}(int n);
void unrelated(int n);

// ---- hits ---------------------------------------------------------------

void callsThePlaceholder() {{
  {placeholder}(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: '{placeholder}' is called here: the placeholder rule of this check reports every call to it [{full}]
  // CHECK-NOTES: :3:6: note: '{placeholder}' is declared here
}}

// ---- no finding -----------------------------------------------------------

void callsSomethingElse() {{
  unrelated(1);
}}
"""

DOC = """\
# {full}

{intro}

## Why it matters

The check does not have its rule yet: it reports every call to
`{placeholder}()`, a function no real code calls, so that its lit test
(`test/checks/{full}.cpp`) has something to find. [Adding a
check](../adding-a-check.md) says where the rule goes; this page then says what the
check finds and why it matters, with an example of each kind of finding.

## Example

```cpp
void {placeholder}(int n);

void callsThePlaceholder() {{
  {placeholder}(1);
}}
```

```
warning: '{placeholder}' is called here: the placeholder rule of this check reports every call to it [{full}]
  {placeholder}(1);
  ^
note: '{placeholder}' is declared here
void {placeholder}(int n);
     ^
```

## Fix

Remove the call.

## Not reported

- Calls to any other function.

## Options

None yet.
"""


# ---- edits of existing files -------------------------------------------------

def def_entry(name, cls, summary):
    """An OWNLINT_CHECK entry in the layout of Checks.def."""
    head = 'OWNLINT_CHECK("%s", %s,' % (name, cls)
    indent = " " * len("OWNLINT_CHECK(")
    # Wrap the summary into string pieces of at most 80 columns, each but the
    # last ending with its space, as clang-format splits string literals.
    words = c_string(summary).split(" ")
    pieces, cur = [], ""
    for w in words:
        cand = (cur + " " + w) if cur else w
        if cur and len(indent) + len(cand) + 4 > 80:
            pieces.append(cur + " ")
            cur = w
        else:
            cur = cand
    pieces.append(cur)
    lines = [head] + [indent + '"%s"' % p for p in pieces]
    lines[-1] += ")"
    return lines


def parse_def(lines):
    """Entries of Checks.def: (name, first line index, last line index)."""
    entries = []
    i = 0
    while i < len(lines):
        m = re.match(r'^OWNLINT_CHECK\("([^"]+)"', lines[i])
        if m:
            j = i
            while not lines[j].rstrip().endswith(")"):
                j += 1
                if j == len(lines):
                    raise Refusal("checks/Checks.def: unterminated entry for '%s'" % m.group(1))
            entries.append((m.group(1), i, j))
            i = j + 1
        else:
            i += 1
    return entries


def edit_checks_def(text, name, cls, summary):
    lines = text.split("\n")
    entries = parse_def(lines)
    if not entries:
        raise Refusal("checks/Checks.def: no OWNLINT_CHECK entries found")
    # Groups are runs of entries with no blank line between them.
    groups = [[entries[0]]]
    for prev, cur in zip(entries, entries[1:]):
        if any(not l.strip() for l in lines[prev[2] + 1:cur[1]]):
            groups.append([cur])
        else:
            groups[-1].append(cur)
    group = next((g for g in groups if any(e[0] == GROUP_OF for e in g)), groups[0])
    names = [e[0] for e in group]
    if names == sorted(names):
        after = [e for e in group if e[0] < name]
        at = after[-1][2] + 1 if after else group[0][1]
    else:
        at = group[-1][2] + 1
    lines[at:at] = def_entry(name, cls, summary)
    return "\n".join(lines)


def insert_line(lines, new, candidates, key):
    """Inserts \\p new among the lines at indices \\p candidates (consecutive
    or not), before the first whose key sorts after the new one's, else after
    the last. Returns the index used."""
    if not candidates:
        raise ValueError("no candidates")
    k = key(new)
    for i in candidates:
        if key(lines[i]) > k:
            lines.insert(i, new)
            return i
    lines.insert(candidates[-1] + 1, new)
    return candidates[-1] + 1


def edit_all_checks(text, cls):
    lines = text.split("\n")
    incs = [i for i, l in enumerate(lines) if re.match(r'^#include "[A-Za-z0-9]+Check\.h"', l)]
    if not incs:
        raise Refusal("checks/AllChecks.h: no check #include lines found")
    new = '#include "%s.h"' % cls
    if [lines[i] for i in incs] == sorted(lines[i] for i in incs):
        insert_line(lines, new, incs, key=lambda l: l)  # as clang-format sorts them
    else:
        lines.insert(incs[-1] + 1, new)
    return "\n".join(lines)


def edit_cmake(text, cls):
    m = re.search(r"add_library\(ownlint_checks\b[^\n]*\n(.*?)\n\)", text, re.S)
    if not m:
        raise Refusal("checks/CMakeLists.txt: no add_library(ownlint_checks ...) list found")
    body = m.group(1).split("\n")
    # Top-level sources (no directory), in the (mostly) sorted order they have.
    top = [i for i, l in enumerate(body) if re.match(r"^\s+[A-Za-z0-9_]+\.cpp\s*$", l)]
    if not top:
        raise Refusal("checks/CMakeLists.txt: no top-level sources in the ownlint_checks list")
    indent = re.match(r"^(\s+)", body[top[0]]).group(1)
    insert_line(body, indent + cls + ".cpp", top, key=lambda l: l.strip())
    return text[:m.start(1)] + "\n".join(body) + text[m.end(1):]


def edit_table(text, row):
    """Adds \\p row to the markdown table whose rows link the ownership-*
    pages, in name order. None when the file has no such table."""
    lines = text.split("\n")
    rows = [i for i, l in enumerate(lines) if re.match(r"^\| \[ownership-[a-z0-9-]+\]\(", l)]
    if not rows:
        return None
    insert_line(lines, row, rows, key=lambda l: re.match(r"^\| \[([a-z0-9-]+)\]", l).group(1))
    return "\n".join(lines)


def edit_list_test(text, full, prefix, suffix):
    """Adds `<prefix>-NEXT: <full><suffix>` to a FileCheck list of every check
    (list-checks.test, plugin.test). None when there is no such list."""
    lines = text.split("\n")
    pat = re.compile(r"^%s-NEXT: (ownership-[a-z0-9-]+)" % re.escape(prefix))
    rows = [i for i, l in enumerate(lines) if pat.match(l)]
    if not rows:
        return None
    insert_line(lines, "%s-NEXT: %s%s" % (prefix, full, suffix), rows,
                key=lambda l: pat.match(l).group(1))
    return "\n".join(lines)


# ---- main ----------------------------------------------------------------------

def plan(root, name, summary):
    """Every file to write, as {relative path: (new text, created?)}; raises
    Refusal when the check cannot be added."""
    if name.startswith(PREFIX):
        raise Refusal("give the name without the '%s' prefix: '%s'" % (PREFIX, name[len(PREFIX):]), 2)
    if not NAME_RE.match(name):
        raise Refusal("invalid check name '%s': use lower-case words, digits and single dashes, "
                      "starting with a letter (e.g. 'dangling-ref')" % name, 2)
    summary = " ".join(summary.split())
    if not summary:
        raise Refusal("the summary is empty", 2)
    if summary.endswith("."):
        raise Refusal("the summary must not end with a period (it is a noun phrase, like "
                      "\"a reference that outlives its object\")", 2)
    full = PREFIX + name
    cls = camel(name) + "Check"
    placeholder = "ownlint_%s_placeholder" % name.replace("-", "_")
    summary_plain = summary.replace("`", "")  # code spans are for the Markdown pages
    cell = summary.replace("|", "\\|")        # a table cell

    def path(rel):
        return os.path.join(root, rel)

    def read(rel, required=True):
        try:
            with open(path(rel), encoding="utf-8") as f:
                return f.read()
        except FileNotFoundError:
            if required:
                raise Refusal("%s not found under %s (is --root the ownlint tree?)" % (rel, root))
            return None

    checks_def = read("checks/Checks.def")
    if any(e[0] == name for e in parse_def(checks_def.split("\n"))):
        raise Refusal("check '%s' already exists in checks/Checks.def" % full)
    new_files = {
        "checks/%s.h" % cls: HEADER,
        "checks/%s.cpp" % cls: SOURCE,
        "docs/checks/%s.md" % full: DOC,
        "test/checks/%s.cpp" % full: TEST,
    }
    for rel in new_files:
        if os.path.exists(path(rel)):
            raise Refusal("%s already exists: pick another name" % rel)

    fields = dict(full=full, cls=cls, placeholder=placeholder,
                  comment=textwrap.fill("Finds %s." % summary_plain, width=90,
                                        initial_indent="/// ", subsequent_indent="/// ",
                                        break_long_words=False, break_on_hyphens=False),
                  intro=textwrap.fill("Finds %s." % summary, width=90,
                                      break_long_words=False, break_on_hyphens=False))
    out = {rel: (tmpl.format(**fields), True) for rel, tmpl in new_files.items()}

    out["checks/Checks.def"] = (edit_checks_def(checks_def, name, cls, summary_plain), False)
    out["checks/AllChecks.h"] = (edit_all_checks(read("checks/AllChecks.h"), cls), False)
    out["checks/CMakeLists.txt"] = (edit_cmake(read("checks/CMakeLists.txt"), cls), False)

    optional = [
        ("docs/checks/README.md",
         lambda t: edit_table(t, "| [%s](%s.md) | %s |" % (full, full, cell))),
        ("README.md",
         lambda t: edit_table(t, "| [%s](docs/checks/%s.md) | %s |" % (full, full, cell))),
        ("test/cli/list-checks.test",
         lambda t: edit_list_test(t, full, "CHECK", " {{[a-z]}}")),
        ("test/plugin/plugin.test",
         lambda t: edit_list_test(t, full, "LIST", "")),
    ]
    skipped = []
    for rel, edit in optional:
        text = read(rel, required=False)
        new = edit(text) if text is not None else None
        if new is None:
            skipped.append(rel)
        else:
            out[rel] = (new, False)
    return full, cls, out, skipped


def main():
    ap = argparse.ArgumentParser(
        description="Add a new ownlint check: its class, docs page and lit test, "
                    "registered everywhere checks are listed.",
        epilog='example: scripts/add_check.py dangling-ref "a reference that outlives the '
               'object it refers to"')
    ap.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                    help="the ownlint source tree to change (default: this repository)")
    ap.add_argument("name", help="check name without the 'ownership-' prefix, e.g. dangling-ref")
    ap.add_argument("summary", help="one line: what the check finds, lower case, no final period")
    args = ap.parse_args()
    root = os.path.abspath(args.root)
    try:
        full, cls, out, skipped = plan(root, args.name, args.summary)
    except Refusal as e:
        sys.stderr.write("add_check.py: error: %s\n" % e)
        return e.status
    for rel in sorted(out):
        text, created = out[rel]
        p = os.path.join(root, rel)
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)
        print("%s %s" % ("created" if created else "updated", rel))
    # The templates follow the project's style; a long name may still need
    # a line broken differently.
    style = os.path.join(root, ".clang-format")
    tool = shutil.which("clang-format-19")
    if tool and os.path.exists(style):
        subprocess.run([tool, "--style=file:" + style, "-i"] +
                       [os.path.join(root, "checks", cls + ext) for ext in (".h", ".cpp")])
    for rel in skipped:
        print("skipped %s (no list of checks in it)" % rel)
    print(textwrap.dedent("""\
        Added %s (class %s). Next, as docs/adding-a-check.md says:
          - replace the placeholder rule in checks/%s.cpp,
          - and its test and page: test/checks/%s.cpp, docs/checks/%s.md;
          - build and run the fast tests: ninja -C build check-fast""")
          % (full, cls, cls, full, full))
    return 0


if __name__ == "__main__":
    sys.exit(main())
