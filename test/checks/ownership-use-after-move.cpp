// RUN: %check_ownlint %s ownership-use-after-move %t -- -std=c++17
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

void consume(std::string s);
void sinkRef(std::string &&s);
void readRef(const std::string &s);
void read(std::string &out);
std::string next();
bool check();
struct Node { int v = 0; };

// ---- hits ---------------------------------------------------------------

int byValue() {
  std::string s = "hello";
  consume(std::move(s));
  return s.size();
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 's' is used after it was moved; a moved-from 'std::string' (aka 'basic_string<char>') has an unspecified value
// CHECK-NOTES: :[[@LINE-4]]:15: note: 's' declared here as 'std::string' (aka 'basic_string<char>')
// CHECK-NOTES: :[[@LINE-4]]:11: note: moved here
// CHECK-NOTES: :[[@LINE-4]]:10: note: reinitialise 's' (assign it, or call clear() or reset()) before this use, or move it only at its last use
}

int intoVariable() {
  std::string s = "hello";
  std::string t = std::move(s);
  return s.size() + t.size();
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 's' is used after it was moved; a moved-from 'std::string' (aka 'basic_string<char>') has an unspecified value
// CHECK-NOTES: :[[@LINE-4]]:15: note: 's' declared here as 'std::string' (aka 'basic_string<char>')
// CHECK-NOTES: :[[@LINE-4]]:19: note: moved here
// CHECK-NOTES: :[[@LINE-4]]:10: note: reinitialise 's' (assign it, or call clear() or reset()) before this use, or move it only at its last use
}

void inLoop(std::vector<std::string> &out) {
  std::string s = "x";
  for (int i = 0; i < 3; ++i)
    out.push_back(std::move(s));
// CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 's' is moved again, but on some path it was already moved
// CHECK-NOTES: :[[@LINE-4]]:15: note: 's' declared here as 'std::string' (aka 'basic_string<char>')
// CHECK-NOTES: :[[@LINE-3]]:5: note: moved here in an earlier iteration of the loop
// CHECK-NOTES: :[[@LINE-4]]:29: note: reinitialise 's' (assign it, or call clear() or reset()) before this use, or move it only at its last use
}

int onSomePath(bool c) {
  std::string s = "x";
  if (c)
    consume(std::move(s));
  return s.size();
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 's' is used after it was moved on some path; a moved-from 'std::string' (aka 'basic_string<char>') has an unspecified value
// CHECK-NOTES: :[[@LINE-5]]:15: note: 's' declared here as 'std::string' (aka 'basic_string<char>')
// CHECK-NOTES: :[[@LINE-4]]:13: note: moved here
// CHECK-NOTES: :[[@LINE-4]]:10: note: reinitialise 's' (assign it, or call clear() or reset()) before this use, or move it only at its last use
}

int derefMovedUniquePtr() {
  std::unique_ptr<Node> p(new Node);
  std::unique_ptr<Node> q = std::move(p);
  return p->v + q->v;
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'p' is dereferenced after it was moved; a moved-from 'std::unique_ptr<Node>' is null
// CHECK-NOTES: :[[@LINE-4]]:25: note: 'p' declared here as 'std::unique_ptr<Node>'
// CHECK-NOTES: :[[@LINE-4]]:29: note: moved here
// CHECK-NOTES: :[[@LINE-4]]:10: note: assign 'p' a new value or reset() it before using it again
}

void movedTwice() {
  std::unique_ptr<Node> p(new Node);
  std::unique_ptr<Node> a = std::move(p);
  std::unique_ptr<Node> b = std::move(p);
// CHECK-MESSAGES: :[[@LINE-1]]:39: warning: 'p' is moved again after it was already moved; a moved-from 'std::unique_ptr<Node>' is null, so this moves nothing
// CHECK-NOTES: :[[@LINE-4]]:25: note: 'p' declared here as 'std::unique_ptr<Node>'
// CHECK-NOTES: :[[@LINE-4]]:29: note: moved here
// CHECK-NOTES: :[[@LINE-4]]:39: note: assign 'p' a new value or reset() it before using it again
}

struct Holder {
  std::string name_;
  int member() {
    consume(std::move(name_));
    return name_.size();
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'name_' is used after it was moved; a moved-from 'std::string' (aka 'basic_string<char>') has an unspecified value
// CHECK-NOTES: :[[@LINE-5]]:15: note: 'name_' declared here as 'std::string' (aka 'basic_string<char>')
// CHECK-NOTES: :[[@LINE-4]]:13: note: moved here
// CHECK-NOTES: :[[@LINE-4]]:12: note: reinitialise 'name_' (assign it, or call clear() or reset()) before this use, or move it only at its last use
  }
};

void keep(std::string s);
void takeInside(std::string &s) { keep(std::move(s)); }
int throughHelper() {
  std::string s = "x";
  takeInside(s);
  return s.size();
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 's' is used after it was moved; a moved-from 'std::string' (aka 'basic_string<char>') has an unspecified value
// CHECK-NOTES: :[[@LINE-4]]:15: note: 's' declared here as 'std::string' (aka 'basic_string<char>')
// CHECK-NOTES: :[[@LINE-4]]:3: note: moved here: 'takeInside' takes it by reference and moves from it
// CHECK-NOTES: :[[@LINE-4]]:10: note: reinitialise 's' (assign it, or call clear() or reset()) before this use, or move it only at its last use
}

int lambdaInitCapture() {
  std::string s = "x";
  auto f = [t = std::move(s)] { return t.size(); };
  return f() + s.size();
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 's' is used after it was moved; a moved-from 'std::string' (aka 'basic_string<char>') has an unspecified value
// CHECK-NOTES: :[[@LINE-4]]:15: note: 's' declared here as 'std::string' (aka 'basic_string<char>')
// CHECK-NOTES: :[[@LINE-4]]:17: note: moved here
// CHECK-NOTES: :[[@LINE-4]]:16: note: reinitialise 's' (assign it, or call clear() or reset()) before this use, or move it only at its last use
}

int rvalueRefUnknown() {
  std::string s = "x";
  sinkRef(std::move(s));
  return s.size();
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 's' is used after it was moved; a moved-from 'std::string' (aka 'basic_string<char>') has an unspecified value
// CHECK-NOTES: :[[@LINE-4]]:15: note: 's' declared here as 'std::string' (aka 'basic_string<char>')
// CHECK-NOTES: :[[@LINE-4]]:3: note: moved here
// CHECK-NOTES: :[[@LINE-4]]:10: note: reinitialise 's' (assign it, or call clear() or reset()) before this use, or move it only at its last use
}

int ownParameter(std::string s) {
  consume(std::move(s));
  return s.size();
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 's' is used after it was moved; a moved-from 'std::string' (aka 'basic_string<char>') has an unspecified value
// CHECK-NOTES: :[[@LINE-4]]:30: note: 's' declared here as 'std::string' (aka 'basic_string<char>')
// CHECK-NOTES: :[[@LINE-4]]:11: note: moved here
// CHECK-NOTES: :[[@LINE-4]]:10: note: reinitialise 's' (assign it, or call clear() or reset()) before this use, or move it only at its last use
}

// Forwarding an rvalue moves it; found in the instantiation that gets one.
template <class T> int forwarded(T &&t) {
  consume(std::forward<T>(t));
  return t.size();
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 't' is used after it was moved; a moved-from 'std::basic_string<char>' has an unspecified value
// CHECK-NOTES: :[[@LINE-4]]:38: note: 't' declared here as 'std::basic_string<char> &&'
// CHECK-NOTES: :[[@LINE-4]]:11: note: moved here
// CHECK-NOTES: :[[@LINE-4]]:10: note: reinitialise 't' (assign it, or call clear() or reset()) before this use, or move it only at its last use
}
int forwardsAnRvalue() { return forwarded(std::string("x")); }

// ---- traps: no finding ----------------------------------------------------

int reassigned() {
  std::string s = "x";
  consume(std::move(s));
  s = "y";
  return s.size();
}

int cleared() {
  std::string s = "x";
  consume(std::move(s));
  s.clear();
  return s.size();
}

void reinitInLoop() {
  std::string s = next();
  for (int i = 0; i < 3; ++i) {
    consume(std::move(s));
    s = next();
  }
}

int notConsumed() {
  std::string s = "x";
  readRef(std::move(s));
  return s.size();
}

void maybeTakes(std::string &&s) { (void)s.size(); }
int helperDoesNotMove() {
  std::string s = "x";
  maybeTakes(std::move(s));
  return s.size();
}

int conditionalMover(std::map<int, std::string> &m) {
  std::string s = "x";
  m.try_emplace(1, std::move(s));
  return s.size();
}

int uniquePtrQueries() {
  std::unique_ptr<Node> p(new Node);
  std::unique_ptr<Node> q = std::move(p);
  if (p)
    return 1;
  if (!p)
    p.reset(new Node);
  return p->v;
}

bool optionalHasValue() {
  std::optional<std::string> o = std::string("x");
  std::optional<std::string> other = std::move(o);
  return o.has_value();
}

int swapped(std::string &b) {
  std::string a = "x";
  consume(std::move(a));
  std::swap(a, b);
  std::string c = "y";
  consume(std::move(c));
  c.swap(b);
  return a.size() + c.size();
}

int lambdaReinitByReference() {
  std::string s = "x";
  auto reset = [&s] { s = "fresh"; };
  consume(std::move(s));
  reset();
  return s.size();
}

struct Agg {
  std::string a;
  std::vector<int> b;
};
void useAgg(const Agg &);
void aggregateReassigned() {
  Agg x;
  Agg y = std::move(x);
  x = Agg{};
  useAgg(x);
}

struct Taker {
  std::string text_;
  std::string untouched_;
  std::string &&takeText() && { return std::move(text_); }
  const std::string &untouched() const { return untouched_; }
};
int rvalueQualifiedGetter() {
  Taker t;
  std::string text = std::move(t).takeText();
  return t.untouched().size();
}

void rangeMove(std::vector<std::string> &v, std::string *out) {
  std::move(v.begin(), v.end(), out);
  v.clear();
}

int triviallyCopyable() {
  int i = 1;
  Node n;
  int j = std::move(i);
  Node m = std::move(n);
  return i + j + n.v + m.v;
}

int correlated(bool c) {
  std::string s = "x";
  if (c)
    consume(std::move(s));
  if (!c)
    return s.size();
  return 0;
}

int otherBranch(bool c) {
  std::string s = "x";
  if (c)
    consume(std::move(s));
  else
    return s.size();
  return 0;
}

int outParameter() {
  std::string s = "x";
  consume(std::move(s));
  read(s);
  return s.size();
}

void breakAfterMove(std::vector<std::string> &out) {
  std::string s = "x";
  for (int i = 0; i < 3; ++i) {
    if (check()) {
      out.push_back(std::move(s));
      break;
    }
  }
}

unsigned long unevaluated() {
  std::string s = "x";
  consume(std::move(s));
  return sizeof(s) + sizeof(decltype(s));
}

int constObject() {
  const std::string s = "x";
  std::string t = std::move(s);
  return s.size();
}

int declaredInLoop() {
  int n = 0;
  for (int i = 0; i < 3; ++i) {
    std::string s = next();
    consume(std::move(s));
  }
  return n;
}

int lambdaBody() {
  auto l = [](std::string s) {
    consume(std::move(s));
    return s.size();
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 's' is used after it was moved; a moved-from 'std::string' (aka 'basic_string<char>') has an unspecified value
// CHECK-NOTES: :[[@LINE-4]]:27: note: 's' declared here as 'std::string' (aka 'basic_string<char>')
// CHECK-NOTES: :[[@LINE-4]]:13: note: moved here
// CHECK-NOTES: :[[@LINE-4]]:12: note: reinitialise 's' (assign it, or call clear() or reset()) before this use, or move it only at its last use
  };
  return l("x");
}

// ---- templates: the template's own body, and its instantiations -----------

template <class T> void sinkT(T t);

// `T a = std::move(t)` has no constructor call in the template: still a move.
// What a use does to a dependent `T` (t.clear()?) only the instantiation
// knows: the finding comes from it, in its types, at the template's line.
template <class T> int movedLocal(T t) {
  T a = std::move(t);
  sinkT(a);
  sinkT(t);
// CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 't' is used after it was moved; a moved-from 'std::basic_string<char>' has an unspecified value
// CHECK-NOTES: :[[@LINE-5]]:37: note: 't' declared here as 'std::basic_string<char>'
// CHECK-NOTES: :[[@LINE-5]]:9: note: moved here
// CHECK-NOTES: :[[@LINE-4]]:9: note: reinitialise 't' (assign it, or call clear() or reset()) before this use, or move it only at its last use
  return 0;
}

// A dependent call whose callee takes the argument by value moves it; the
// instantiation for std::string finds the use and it is told once.
template <class T> int movedIntoCall(T t) {
  sinkT(std::move(t));
  return sizeof(t) + check() ? (sinkT(t), 1) : 0;
// CHECK-MESSAGES: :[[@LINE-1]]:39: warning: 't' is used after it was moved; a moved-from 'std::basic_string<char>' has an unspecified value
// CHECK-NOTES: :[[@LINE-4]]:40: note: 't' declared here as 'std::basic_string<char>'
// CHECK-NOTES: :[[@LINE-4]]:9: note: moved here
// CHECK-NOTES: :[[@LINE-4]]:39: note: reinitialise 't' (assign it, or call clear() or reset()) before this use, or move it only at its last use
}

// Only the instantiation knows that `take` moves: found there, reported at
// the template's line with the instantiated type.
struct StringTaker {
  void take(std::string s);
};
template <class Sink> int instantiationOnly(Sink &k, std::string s) {
  k.take(std::move(s));
  return s.size();
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 's' is used after it was moved; a moved-from 'std::string' (aka 'basic_string<char>') has an unspecified value
// CHECK-NOTES: :[[@LINE-4]]:66: note: 's' declared here as 'std::string' (aka 'basic_string<char>')
// CHECK-NOTES: :[[@LINE-4]]:10: note: moved here
// CHECK-NOTES: :[[@LINE-4]]:10: note: reinitialise 's' (assign it, or call clear() or reset()) before this use, or move it only at its last use
}

// Moving twice needs no knowledge of T: the template's own body says so.
template <class T> void movedTwice(T t) {
  sinkT(std::move(t));
  sinkT(std::move(t));
// CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 't' is moved again after it was already moved
}

// t.clear() on a dependent T: the template alone cannot tell that it
// reinitialises, and the instantiation shows it does.
template <class T> int clearedAfterMove(T t) {
  T a = std::move(t);
  t.clear();
  return t.size() + a.size();
}

int instantiate() {
  StringTaker k;
  return movedLocal(std::string("a")) + movedIntoCall(std::string("b")) +
         clearedAfterMove(std::string("d")) +
         instantiationOnly(k, "c");
}

// ---- traps: templates -----------------------------------------------------

// A dependent member call may take a reference and keep the object whole
// (libstdc++'s _M_insert(std::forward<_Arg>(__arg)) twice): not a move in
// the template; never instantiated here.
template <class Table, class Arg> void forwardTwice(Table &t, Arg &&a) {
  t.key(std::forward<Arg>(a));
  t.insert(std::forward<Arg>(a));
}

// The callee takes a const reference in every instantiation: nothing moves.
struct Reader {
  void look(const std::string &s);
};
template <class R> int readsOnly(R &r, std::string s) {
  r.look(std::move(s));
  return s.size();
}
int instantiateReader() {
  Reader r;
  return readsOnly(r, "x");
}

// ---- moved-from states the standard defines -------------------------------

bool weakRead(std::weak_ptr<int> w) {
  std::weak_ptr<int> other = std::move(w);
  return w.expired(); // empty: reading it is fine
}

void weakMovedTwice(std::weak_ptr<int> w) {
  std::weak_ptr<int> a = std::move(w);
  std::weak_ptr<int> b = std::move(w);
// CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'w' is moved again after it was already moved; a moved-from 'std::weak_ptr<int>' is empty, so this moves nothing
// CHECK-NOTES: :[[@LINE-4]]:40: note: 'w' declared here as 'std::weak_ptr<int>'
// CHECK-NOTES: :[[@LINE-4]]:26: note: moved here
// CHECK-NOTES: :[[@LINE-4]]:36: note: assign 'w' a new value or reset() it before using it again
}

// ---- what reinitialises, and what is a use --------------------------------

struct Tally {
  std::string name;
  int count = 0;
  void clear() const;                     // const: changes nothing
  [[clang::reinitializes]] void restart(); // says it gives a new value
};

void constClearIsAUse() {
  Tally m;
  Tally n = std::move(m);
  m.clear();
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is used after it was moved; a moved-from 'Tally' has an unspecified value
// CHECK-NOTES: :[[@LINE-4]]:9: note: 'm' declared here as 'Tally'
// CHECK-NOTES: :[[@LINE-4]]:13: note: moved here
// CHECK-NOTES: :[[@LINE-4]]:3: note: reinitialise 'm' (assign it, or call clear() or reset()) before this use, or move it only at its last use
}

int reinitializesAttribute() {
  Tally m;
  Tally n = std::move(m);
  m.restart();
  return m.count;
}

int fieldWriteIsNotAUse() {
  Tally m;
  Tally n = std::move(m);
  m.count = 0;
  m.name = "fresh";
  return n.count;
}

// One finding per move on each path: the first use, not every later one.
void reportedOnce() {
  std::string s = "a";
  consume(std::move(s));
  readRef(s);
// CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 's' is used after it was moved; a moved-from 'std::string' (aka 'basic_string<char>') has an unspecified value
// CHECK-NOTES: :[[@LINE-4]]:15: note: 's' declared here as 'std::string' (aka 'basic_string<char>')
// CHECK-NOTES: :[[@LINE-4]]:11: note: moved here
// CHECK-NOTES: :[[@LINE-4]]:11: note: reinitialise 's' (assign it, or call clear() or reset()) before this use, or move it only at its last use
  readRef(s);
  readRef(s);
}

// A derived class's move hands the base part to the base; its own members
// are still there to move.
struct BasePart {
  BasePart() = default;
  BasePart(BasePart &&);
  BasePart &operator=(BasePart &&);
  std::string b;
};
struct DerivedPart : BasePart {
  std::string d;
  DerivedPart(DerivedPart &&o) : BasePart(std::move(o)), d(std::move(o.d)) {}
  DerivedPart &operator=(DerivedPart &&o) {
    BasePart::operator=(std::move(o));
    d = std::move(o.d);
    return *this;
  }
};

// Ending a moved-from object's life by hand is what it is for.
template <class Alloc> union Slot {
  Alloc a;
  Alloc take() {
    Alloc tmp = std::move(a);
    a.~Alloc();
    return tmp;
  }
};

// Outside the derived class's own move, handing a derived object to a base
// parameter moves (and slices) it: the base part is gone.
struct Sliced : BasePart {
  int extra = 0;
};
void keepBase(BasePart b);
int slicedAway(Sliced d) {
  keepBase(std::move(d));
  return static_cast<int>(d.b.size());
// CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'd' is used after it was moved; a moved-from 'Sliced' has an unspecified value
}

// ---- analysis v2: a callee that moves on some paths only ---------------------

// Like a lock manager's TryAcquire: it takes the object only when it succeeds,
// and the caller retries with it on failure. Whether it moved depends on the
// callee's state: not a manifest use after move.
struct LockSlot {
  std::string held;
  bool busy = false;
  bool tryTake(std::string &&s) {
    if (busy)
      return false;
    held = std::move(s);
    busy = true;
    return true;
  }
  void take(std::string &&s) { held = std::move(s); }
};
void retryUntilTaken(LockSlot &slot, std::string s) {
  while (!slot.tryTake(std::move(s))) {
    if (s.empty())
      return;
  }
}
// A callee that moves on every path: the use after it is a finding.
unsigned long takenAlways(LockSlot &slot, std::string s) {
  slot.take(std::move(s));
  return s.size();
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 's' is used after it was moved; a moved-from 'std::string' (aka 'basic_string<char>') has an unspecified value
// CHECK-NOTES: :[[@LINE-4]]:55: note: 's' declared here as 'std::string' (aka 'basic_string<char>')
// CHECK-NOTES: :[[@LINE-4]]:3: note: moved here
// CHECK-NOTES: :[[@LINE-4]]:10: note: reinitialise 's' (assign it, or call clear() or reset()) before this use, or move it only at its last use
}
