// RUN: %check_ownlint %s ownership-copy-at-last-use %t -- -std=c++17
#include <memory>
#include <string>
#include <vector>
// CHECK-FIXES: {{^}}#include <vector>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <utility>{{$}}

void consume(std::string s);
void readRef(const std::string &s);
void twoArgs(std::string s, decltype(sizeof 0) n);
void keep(std::shared_ptr<int> p);
std::string next();
bool check();

struct Order { std::vector<int> items; int id = 0; };
void ship(Order o);

// ---- hits ---------------------------------------------------------------

void byValueArgument() {
  std::string s = next();
  consume(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 's' ('std::string' (aka '{{[^']*}}')) is copied here but never used again; the copy allocates a new heap buffer [ownership-copy-at-last-use]
  // CHECK-NOTES: :[[@LINE-3]]:15: note: 's' declared here
  // CHECK-NOTES: :[[@LINE-3]]:11: note: this is the last use of 's': move it instead, with std::move(s)
  // CHECK-FIXES: {{^}}  consume(std::move(s));{{$}}
}

struct Person {
  std::string name_;
  std::vector<std::string> tags_;
  Person(std::string name) : name_(name) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'name' ('std::string' (aka '{{[^']*}}')) is copied here but never used again
  // CHECK-FIXES: {{^}}  Person(std::string name) : name_(std::move(name)) {}{{$}}
  void rename(std::string n) { name_ = n; }
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: 'n' ('std::string' (aka '{{[^']*}}')) is copied here but never used again
  // CHECK-FIXES: {{^}}  void rename(std::string n) { name_ = std::move(n); }{{$}}
  void tag(std::string t) { tags_.push_back(t); }
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: 't' ('std::string' (aka '{{[^']*}}')) is copied here by a const-reference overload but never used again
  // CHECK-NOTES: :[[@LINE-2]]:45: note: 'push_back' has an overload taking 'std::string' (aka '{{[^']*}}')&&; std::move(t) selects it and hands the buffer over
  // CHECK-FIXES: {{^}}  void tag(std::string t) { tags_.push_back(std::move(t)); }{{$}}
};

void emplaced(std::vector<std::string> &out) {
  std::string line = next();
  out.emplace_back(line);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'line' ('std::string' (aka '{{[^']*}}')) is forwarded here as an lvalue and copied but never used again
  // CHECK-FIXES: {{^}}  out.emplace_back(std::move(line));{{$}}
}

void intoLocal() {
  std::vector<int> v;
  v.push_back(1);
  std::vector<int> w = v;
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'v' ('std::vector<int>') is copied here but never used again
  // CHECK-FIXES: {{^}}  std::vector<int> w = std::move(v);{{$}}
  w.push_back(2);
}

void userTypeHoldingAVector() {
  Order o;
  o.id = 7;
  ship(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'o' ('Order') is copied here but never used again; the copy allocates a new heap buffer
  // CHECK-FIXES: {{^}}  ship(std::move(o));{{$}}
}

void sharedPointer(std::shared_ptr<int> p) {
  keep(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'p' ('std::shared_ptr<int>') is copied here but never used again; the copy bumps an atomic reference count
  // CHECK-FIXES: {{^}}  keep(std::move(p));{{$}}
}

void eachBranch(bool c) {
  std::string s = next();
  if (c)
    consume(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 's' ('std::string' (aka '{{[^']*}}')) is copied here but never used again
  // CHECK-FIXES: {{^}}    consume(std::move(s));{{$}}
  else
    readRef(s);
}

void declaredInTheLoop(std::vector<std::string> &out) {
  while (check()) {
    std::string line = next();
    out.push_back(line);
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'line' ('std::string' (aka '{{[^']*}}')) is copied here by a const-reference overload but never used again
    // CHECK-FIXES: {{^}}    out.push_back(std::move(line));{{$}}
  }
}

void reassignedBeforeTheNextRead() {
  std::string s = next();
  consume(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 's' ('std::string' (aka '{{[^']*}}')) is copied here but never used again
  // CHECK-FIXES: {{^}}  consume(std::move(s));{{$}}
  s = next();
  readRef(s);
}

void loopThatReassigns(std::vector<std::string> &out) {
  std::string s = next();
  while (check()) {
    out.push_back(s);
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 's' ('std::string' (aka '{{[^']*}}')) is copied here by a const-reference overload but never used again
    // CHECK-FIXES: {{^}}    out.push_back(std::move(s));{{$}}
    s = next();
  }
}

auto explicitCapture() {
  std::string s = next();
  return [s] { readRef(s); };
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 's' ('std::string' (aka '{{[^']*}}')) is captured here by copy but never used again
  // CHECK-NOTES: :[[@LINE-2]]:11: note: capture it by move instead: [s = std::move(s)]
  // CHECK-FIXES: {{^}}  return [s = std::move(s)] { readRef(s); };{{$}}
}

auto implicitCapture() {
  std::string s = next();
  return [=] { readRef(s); };
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 's' ('std::string' (aka '{{[^']*}}')) is captured here by copy but never used again
  // CHECK-FIXES: {{^}}  return [=] { readRef(s); };{{$}}
}

// ---- no finding -----------------------------------------------------------

void usedAgain() {
  std::string s = next();
  consume(s);
  readRef(s);
}

void loopReadsItAgain() {
  std::string s = next();
  while (check())
    consume(s);
}

void sameFullExpression() {
  std::string s = next();
  twoArgs(s, s.size()); // arguments are unsequenced: moving would race the read
}

void addressTaken() {
  std::string s = next();
  const std::string *p = &s;
  consume(s);
  readRef(*p);
}

void referenceBound() {
  std::string s = next();
  const std::string &r = s;
  consume(s);
  readRef(r);
}

void iteratorAlias(std::vector<std::string> &out) {
  std::vector<std::string> v;
  std::string *first = v.begin();
  out = v;
  readRef(*first);
}

void rangeForOverIt(std::vector<std::vector<int>> &out) {
  std::vector<int> v;
  for (int x : v)
    if (x == 3) {
      out.push_back(v); // the loop's iterators still point into v
      break;
    }
}

void capturedByReference() {
  std::string s = next();
  auto f = [&] { readRef(s); };
  consume(s);
  f();
}

void constVariable() {
  const std::string s = next();
  consume(s); // a const object cannot be moved from
}

std::string global;
struct Holder {
  std::string member;
  void f() { consume(member); consume(global); } // members and globals may be read later
};

void referenceParameter(const std::string &s) { consume(s); }

void structuredBinding(std::pair<std::string, int> p) {
  auto [a, b] = p; // p itself is at its last use; the binding 'a' is not a variable to move
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'p' ('std::pair<std::string, int>' (aka '{{[^']*}}')) is copied here but never used again
  // CHECK-FIXES: {{^}}  auto [a, b] = std::move(p); // p itself {{.*}}
  consume(a);
  (void)b;
}

void cheapTypes(int n) {
  struct Point { int x, y; };
  Point p{1, 2};
  auto q = p;
  (void)q;
  twoArgs(next(), n);
}

void tryCatchReadsIt() {
  std::string s = next();
  try {
    consume(s);
  } catch (...) {
    readRef(s);
  }
}

void correlatedBranches(bool a) {
  std::string s = next();
  if (a)
    consume(s);
  if (!a)
    readRef(s); // the analysis does not correlate a; it stays silent
}

struct CopyOnly {
  CopyOnly();
  CopyOnly(const CopyOnly &);
  std::vector<int> v;
};
void takeCopyOnly(CopyOnly c);
void noMoveConstructor() {
  CopyOnly c;
  takeCopyOnly(c); // std::move would copy anyway
}

// A destructor of its own and no move constructor: C++ declares no implicit
// move, so std::move would copy (and a scope guard keeps its behaviour).
struct Guard {
  std::vector<int> onExit;
  ~Guard();
};
void keepGuard(Guard g);
void guardNotDesignedForMoves() {
  Guard g;
  keepGuard(g);
}

// Its implicit move constructor copies 'inner': moving would still allocate.
struct Holder2 { Guard inner; };
void keepHolder(Holder2 h);
void memberNotDesignedForMoves() {
  Holder2 h;
  keepHolder(h);
}

#define CONSUME(x) consume(x)
void inMacro() {
  std::string s = next();
  CONSUME(s);
}

template <class T> void dependent(T t) { consume(t); }
template void dependent<std::string>(std::string);

void reads(std::vector<std::string> &out) {
  std::string s = next();
  out.push_back(s);
  readRef(s);
  consume(next());
}

// Forwarding functions in general need not copy: only known builders
// (emplace*, make_shared, ...) count. std::move itself takes a forwarding
// reference (the first version of this check reported it).
template <class... A> void logAll(A &&...args);
void forwardingWithoutCopy() {
  std::string s = next();
  logAll(s);
  std::string t = next();
  consume(std::move(t));
}

// A return that converts to a base class: clang moves implicitly in every
// language mode (P1825), so there is no copy to report.
struct Named { std::string name; };
struct Labelled : Named { int label = 0; };
Named slice() {
  Labelled l;
  l.label = 1;
  return l;
}

void nolint() {
  std::string s = next();
  consume(s); // NOLINT(ownership-copy-at-last-use)
}
