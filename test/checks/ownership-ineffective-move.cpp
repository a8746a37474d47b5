// RUN: %check_ownlint %s ownership-ineffective-move %t -- -std=c++17
#include <memory>
#include <string>
#include <utility>
#include <vector>

void readRef(const std::string &s);
void consume(std::string s);
void sink(std::string &&s);
void takeInt(int n);
void takeIntRef(int &&n);
void overloaded(const std::string &s);
void overloaded(std::string &s);
struct Point { int x = 0, y = 0; };
void takePoint(Point p);
struct CopyOnly {
  CopyOnly();
  CopyOnly(const CopyOnly &);
  std::vector<int> v;
};
void takeCopyOnly(CopyOnly c);

// ---- hits ---------------------------------------------------------------

void constObject(const std::string s) {
  consume(std::move(s));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: std::move of a const 'std::string' (aka '{{[^']*}}') moves nothing: the result is a 'const&&', which binds to the copy constructor, so it is copied [ownership-ineffective-move]
  // CHECK-NOTES: :[[@LINE-2]]:11: note: write 's' instead of 'std::move(s)'
  // CHECK-FIXES: {{^}}  consume(s);{{$}}
}

void constReferenceParameter(const std::string &s) {
  std::string copy = std::move(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: std::move of a const 'std::string' (aka '{{[^']*}}') moves nothing
  // CHECK-FIXES: {{^}}  std::string copy = s;{{$}}
  readRef(copy);
}

void triviallyCopyable(int n, Point p) {
  takeInt(std::move(n));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: std::move of a trivially copyable 'int' moves nothing: it is copied, and the source keeps its value
  // CHECK-FIXES: {{^}}  takeInt(n);{{$}}
  takePoint(std::move(p));
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: std::move of a trivially copyable 'Point' moves nothing
  // CHECK-FIXES: {{^}}  takePoint(p);{{$}}
}

void intoConstReference() {
  std::string s = "x";
  readRef(std::move(s));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: std::move moves nothing: 'readRef' takes its argument by const reference and only reads it
  // CHECK-FIXES: {{^}}  readRef(s);{{$}}
}

void noMoveConstructor() {
  CopyOnly c;
  takeCopyOnly(std::move(c));
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: std::move moves nothing: 'CopyOnly' has no usable move constructor, so the copy constructor runs
}

std::string blocksElision() {
  std::string s = "x";
  s += "y";
  return std::move(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: std::move in a return statement prevents copy elision: the local is moved into the return value instead of being built there
  // CHECK-FIXES: {{^}}  return s;{{$}}
}

std::string redundantForParameter(std::string s) {
  return std::move(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: std::move in a return statement is redundant: a returned parameter is moved implicitly
  // CHECK-FIXES: {{^}}  return s;{{$}}
}

void overloadedCallee() {
  std::string s = "x";
  overloaded(std::move(s));
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: std::move moves nothing: 'overloaded' takes its argument by const reference
  // Removing std::move would pick overloaded(std::string &): no fix-it.
  // CHECK-FIXES: {{^}}  overloaded(std::move(s));{{$}}
}

// ---- no finding -----------------------------------------------------------

void realMoves(std::string s, std::unique_ptr<int> p, std::vector<std::string> &out) {
  consume(std::move(s));
  sink(std::move(s));
  out.push_back(std::move(s));
  std::unique_ptr<int> q = std::move(p);
}

void rvalueReferenceParameter(int n) {
  takeIntRef(std::move(n)); // the callee's signature asks for an rvalue
}

struct Wrapper { std::string value; };
std::string returnsAMember(Wrapper w) {
  return std::move(w.value); // a member is not moved implicitly
}

std::unique_ptr<Point> convertingReturn(std::unique_ptr<Point> p) {
  std::unique_ptr<Point> q = std::move(p);
  return q;
}

template <class T> T generic(T t) { return std::move(t); }

void nolint(const std::string s) {
  consume(std::move(s)); // NOLINT(ownership-ineffective-move)
}

// A move-only type with a trivial move: without std::move the deleted copy
// constructor would be chosen, so the move is needed.
struct Handle {
  Handle(Handle &&) = default;
  Handle(const Handle &) = delete;
  int fd;
};
void takeHandle(Handle h);
void moveOnlyTrivial(Handle h) { takeHandle(std::move(h)); }

// A private copy constructor: the same.
class Locked {
  Locked(const Locked &) = default;
public:
  Locked(Locked &&) = default;
  int n;
};
void takeLocked(Locked l);
void privateCopy(Locked l) { takeLocked(std::move(l)); }

// A protected copy constructor is not available to the caller either.
struct Guarded {
  Guarded(Guarded &&) = default;
  explicit Guarded(int v) : n(v) {}
  int n;
protected:
  Guarded(const Guarded &) = default;
};
void takeGuarded(Guarded g);
void protectedCopy(Guarded g) { takeGuarded(std::move(g)); }
