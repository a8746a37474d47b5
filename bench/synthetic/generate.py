#!/usr/bin/env python3
"""Generates synthetic translation units for scaling tests and benchmarks.

  generate.py big N out.cpp    one function of about N statements: loops,
                               branches, many locals, moves and allocations
  generate.py many N out.cpp   N small functions of the same mix

Deterministic: the same N gives the same file.
"""
import sys

PRELUDE = """\
namespace std {
template <class T> struct remove_reference { typedef T type; };
template <class T> struct remove_reference<T &> { typedef T type; };
template <class T> typename remove_reference<T>::type &&move(T &&t) noexcept {
  return static_cast<typename remove_reference<T>::type &&>(t);
}
}
struct Buffer {
  Buffer();
  Buffer(const Buffer &);
  Buffer(Buffer &&) noexcept;
  Buffer &operator=(Buffer &&) noexcept;
  ~Buffer();
  int size() const;
};
struct Node { int v = 0; Node *next = nullptr; };
void consume(Buffer b);
bool check(int);
"""


def block(i):
    """About ten statements exercising every kind of fact."""
    k = i % 4
    if k == 0:
        return [
            "Node *p%d = new Node;" % i,
            "if (check(%d)) {" % i,
            "  p%d->v = %d;" % (i, i),
            "  delete p%d;" % i,
            "} else {",
            "  sum += p%d->v;" % i,
            "  delete p%d;" % i,
            "}",
        ]
    if k == 1:
        return [
            "Buffer b%d;" % i,
            "if (check(%d))" % i,
            "  consume(std::move(b%d));" % i,
            "else",
            "  sum += b%d.size();" % i,
            "b%d = Buffer();" % i,
            "sum += b%d.size();" % i,
        ]
    if k == 2:
        return [
            "for (int j%d = 0; j%d < 3; ++j%d) {" % (i, i, i),
            "  Node *q%d = new Node;" % i,
            "  if (check(j%d)) {" % i,
            "    delete q%d;" % i,
            "    continue;",
            "  }",
            "  sum += q%d->v;" % i,
            "  delete q%d;" % i,
            "}",
        ]
    return [
        "Node *r%d = nullptr;" % i,
        "if (flag)",
        "  r%d = new Node;" % i,
        "if (r%d)" % i,
        "  delete r%d;" % i,
        "sum += %d;" % i,
    ]


def main():
    mode, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    lines = [PRELUDE]
    if mode == "big":
        lines.append("int big(bool flag) {\n  int sum = 0;")
        i, count = 0, 0
        while count < n:
            b = block(i)
            lines.extend("  " + s for s in b)
            count += len(b)
            i += 1
        lines.append("  return sum;\n}")
    elif mode == "many":
        for i in range(n):
            lines.append("int f%d(bool flag) {\n  int sum = 0;" % i)
            lines.extend("  " + s for s in block(i))
            lines.append("  return sum;\n}")
    else:
        sys.exit("mode must be big or many")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
