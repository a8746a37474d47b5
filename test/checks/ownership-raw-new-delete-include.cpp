// RUN: %check_ownlint %s ownership-raw-new-delete %t -- -std=c++14
// The fix-it adds <memory> once, after the last include, when the file lacks it.
#include <utility>
// CHECK-FIXES: {{^}}#include <utility>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <memory>{{$}}
// CHECK-FIXES-NEXT: {{^}}//{{$}}
struct Widget { explicit Widget(int) {} int size() const { return 1; } };

int one() {
  Widget *w = new Widget(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: raw pointer 'w' owns the 'Widget' allocated here
  // CHECK-FIXES: {{^}}  auto w = std::make_unique<Widget>(1);{{$}}
  int n = w->size();
  delete w;
  return n;
}

int two() {
  Widget *w = new Widget(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: raw pointer 'w' owns the 'Widget' allocated here
  // CHECK-FIXES: {{^}}  auto w = std::make_unique<Widget>(2);{{$}}
  int n = w->size();
  delete w;
  return n;
}
// CHECK-FIXES-NOT: #include <memory>
