// RUN: %check_ownlint %s ownership-raw-new-delete %t -- -std=c++11
// std::make_unique is C++14: in C++11 the finding stands, without a fix-it.
#include <memory>
struct Widget { int size() const { return 1; } };

int one() {
  Widget *w = new Widget;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: raw pointer 'w' owns the 'Widget' allocated here
  // CHECK-FIXES: {{^}}  Widget *w = new Widget;{{$}}
  int n = w->size();
  delete w;
  return n;
}

// The spelled-out rewrite must compile in C++11 too: no std::make_unique.
void two() {
  Widget *w = new Widget;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: raw pointer 'w' owns the 'Widget' allocated here
  // CHECK-NOTES: :[[@LINE-2]]:15: note: write 'std::unique_ptr<Widget> w(new ...)'{{$}}
  w->size();
}
