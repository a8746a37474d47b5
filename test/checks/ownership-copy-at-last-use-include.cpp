// RUN: %check_ownlint %s ownership-copy-at-last-use %t -- -std=c++17
// The fix-it adds <utility> after the file's leading #include block, not after
// an #include used as an X-macro inside a function further down.
#include <string>
// CHECK-FIXES: {{^}}#include <string>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <utility>{{$}}

void consume(std::string s);
std::string next();

int table() {
  static const int values[] = {
#include <string>
      1, 2};
  return values[0];
}
// CHECK-FIXES: {{^}}#include <string>{{$}}
// CHECK-FIXES-NEXT: {{^}}      1, 2};{{$}}

void pass() {
  std::string s = next();
  consume(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 's' ({{.*}}) is copied here but never used again
  // CHECK-FIXES: {{^}}  consume(std::move(s));{{$}}
}
