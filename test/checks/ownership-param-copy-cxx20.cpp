// RUN: %check_ownlint %s ownership-param-copy %t -- -std=c++20
// In C++20 a vector only read may also be taken as a std::span.
#include <string>
#include <vector>

int total(std::vector<int> values) {
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: parameter 'values' ('std::vector<int>') is copied at every call but only read
  // CHECK-NOTES: :[[@LINE-2]]:28: note: take it by const reference (or as std::span, if only its elements are read)
  // CHECK-FIXES: {{^}}int total(const std::vector<int> &values) {{{$}}
  int n = 0;
  for (int v : values)
    n += v;
  return n;
}
