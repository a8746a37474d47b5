#!/usr/bin/env python3
"""Helper of many-files.test: many translation units through one process.

  many_files.py gen <dir> <checks-dir>
      writes ~40 small, varied C++ files into <dir> (emptied first): copies of
      the C++17 check tests under new names (twice each: identical ASTs are the
      likeliest to reuse the addresses of the previous file's nodes) and
      generated files with templates, classes with new/delete, moves, leaks and
      lambdas.
  many_files.py each <ownlint> <dir> -- <compiler args>
      runs ownlint on each file of <dir> alone, in name order (the order of the
      one-process run), and prints the findings (stdout) of all runs. Fails if
      a run exits other than 0 or 1 or reports an internal error.
  many_files.py repeat <n> <expected> <ownlint> <dir> -- <compiler args>
      runs ownlint over all the files in one process n more times, with 2 and
      4 jobs in turn, and fails at the first run whose sorted findings differ
      from the sorted lines of <expected>: address reuse depends on timing.

A per-file cache that outlives its translation unit (keyed by AST pointers
that the next file's AST reuses) shows only when one process analyses many
files; the one-process run must report exactly what the per-file runs report.
"""
import glob
import os
import shutil
import subprocess
import sys

# The check tests that compile with -std=c++17 and the fake std of Inputs/std.
COPIED = [
    "ownership-copy-at-last-use", "ownership-copy-only-read", "ownership-double-free",
    "ownership-ineffective-move", "ownership-leak", "ownership-mismatched-dealloc",
    "ownership-param-copy", "ownership-range-copy", "ownership-raw-new-delete",
    "ownership-use-after-free", "ownership-use-after-move",
]

GENERATED = r"""
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

struct Item{n} {{
  int id = {n};
  std::string name;
  std::vector<int> parts{fields};
}};

template <class T> struct Box{n} {{
  T *p = nullptr;
  explicit Box{n}(T *q) : p(q) {{}}
  ~Box{n}() {{ delete p; }}
}};

class Holder{n} {{
public:
  Holder{n}() : raw_(new Item{n}) {{}}
  ~Holder{n}() {{ delete raw_; }}
  Item{n} *get() {{ return raw_; }}
private:
  Item{n} *raw_;
}};

bool cond{n}();
void sink{n}(Item{n} it);

int leak{n}(bool c) {{
  Item{n} *p = new Item{n};
  if (c)
    return 1;
  int id = p->id;
  delete p;
  return id;
}}

void moved{n}() {{
  Item{n} it;
  sink{n}(std::move(it));
  if (cond{n}())
    sink{n}(it);
}}

int twice{n}() {{
  int *a = new int[{size}];
  int v = a[0];
  delete a;
  return v;
}}

void freed{n}() {{
  Item{n} *p = new Item{n};
  delete p;
  if (cond{n}())
    p->id = 2;
}}

template <class T> T pass{n}(T t) {{
  T copy = t;
  return copy;
}}

int lambdas{n}(std::vector<std::string> names) {{
  auto f = [](Item{n} *q) {{ delete q; }};
  auto g = [&names]() {{
    std::string s = names[0];
    return s.size();
  }};
  Item{n} *q = new Item{n};
  f(q);
  int total = 0;
  for (std::string s : names)
    total += (int)s.size();
  return total + (int)g() + pass{n}<int>({n});
}}

std::unique_ptr<Item{n}> owned{n}() {{
  auto u = std::make_unique<Item{n}>();
  Box{n}<Item{n}> b(new Item{n});
  void *m = malloc({size});
  free(m);
  return u;
}}
"""


def gen(out, checks):
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(out)
    n = 0
    for copy in range(2):
        for name in COPIED:
            n += 1
            shutil.copy(os.path.join(checks, name + ".cpp"),
                        os.path.join(out, "f%02d-%s-%d.cpp" % (n, name, copy)))
    # Headers the check tests include with -I Inputs/<check>: beside the copies.
    inputs = os.path.join(checks, "Inputs")
    for sub in sorted(os.listdir(inputs)):
        if sub == "std" or not os.path.isdir(os.path.join(inputs, sub)):
            continue
        for header in sorted(glob.glob(os.path.join(inputs, sub, "*.h"))):
            shutil.copy(header, out)
    # Varied sizes, so that nodes land at addresses the last file used for
    # different ones.
    while n < 40:
        n += 1
        fields = "".join("; int f%d = %d" % (i, i) for i in range(n % 7))
        with open(os.path.join(out, "f%02d-generated.cpp" % n), "w") as f:
            f.write(GENERATED.format(n=n, fields=fields, size=8 * n))


def each(ownlint, src_dir, args):
    files = sorted(glob.glob(os.path.join(src_dir, "*.cpp")))
    if len(files) < 30:
        sys.exit("expected about 40 files in %s, found %d" % (src_dir, len(files)))
    for path in files:
        proc = subprocess.run([ownlint, "--quiet", path] + args, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True)
        sys.stdout.write(proc.stdout)
        if proc.returncode not in (0, 1) or "internal error" in proc.stderr:
            sys.stderr.write(proc.stderr)
            sys.exit("%s alone: exit status %d" % (path, proc.returncode))


def repeat(times, expected, ownlint, src_dir, args):
    with open(expected) as f:
        want = sorted(f.read().splitlines())
    files = sorted(glob.glob(os.path.join(src_dir, "*.cpp")))
    for i in range(times):
        jobs = "-j%d" % (2 if i % 2 == 0 else 4)
        proc = subprocess.run([ownlint, "--quiet", jobs] + files + args, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True)
        got = sorted(proc.stdout.splitlines())
        if proc.returncode != 1 or proc.stderr or got != want:
            sys.stderr.write(proc.stderr)
            missing = [l for l in want if l not in got]
            extra = [l for l in got if l not in want]
            sys.stderr.write("".join("missing: %s\n" % l for l in missing[:20]))
            sys.stderr.write("".join("extra: %s\n" % l for l in extra[:20]))
            sys.exit("run %d (%s): exit status %d, %d findings lines missing, %d extra"
                     % (i + 1, jobs, proc.returncode, len(missing), len(extra)))


def main():
    if len(sys.argv) >= 6 and sys.argv[1] == "repeat":
        args = sys.argv[6:]
        if args and args[0] == "--":
            args = args[1:]
        repeat(int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], ["--"] + args)
    elif len(sys.argv) == 4 and sys.argv[1] == "gen":
        gen(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 4 and sys.argv[1] == "each":
        args = sys.argv[4:]
        if args and args[0] == "--":
            args = args[1:]
        each(sys.argv[2], sys.argv[3], ["--"] + args)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
