// RUN: %check_ownlint %s ownership-leak %t -- -std=c++17
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

struct Node { int v = 0; };
bool check();
void inspect(const Node *n);
void adopt(Node *n);
void keepLocal(Node *n) { n->v = 2; }
Node *global;

// ---- hits -------------------------------------------------------------------

int earlyReturn(bool c) {
  Node *p = new Node;
  if (c)
    return 1;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the heap object allocated at line {{[0-9]+}} leaks when the function returns here: 'p' is its only owner and nothing frees it
// CHECK-NOTES: :[[@LINE-4]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-3]]:5: note: hold it in a std::unique_ptr so every path frees it, or free it before this point
  delete p;
  return 0;
}

void neverFreed() {
  Node *p = new Node;
  p->v = 1;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: the heap object allocated at line {{[0-9]+}} leaks here: 'p' goes out of scope and nothing frees it
// CHECK-NOTES: :[[@LINE-4]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-3]]:1: note: hold it in a std::unique_ptr so every path frees it, or free it before this point

void overwritten() {
  Node *p = new Node;
  p = new Node;
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the heap object allocated at line {{[0-9]+}} leaks here: 'p' is overwritten while it holds the only pointer to it
// CHECK-NOTES: :[[@LINE-3]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-3]]:3: note: hold it in a std::unique_ptr so every path frees it, or free it before this point
  delete p;
}

void continueSkipsFree(int n) {
  for (int i = 0; i < n; ++i) {
    Node *p = new Node;
    if (check())
      continue;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the heap object allocated at line {{[0-9]+}} leaks at this 'continue': 'p' goes out of scope and nothing frees it
// CHECK-NOTES: :[[@LINE-4]]:15: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-3]]:7: note: hold it in a std::unique_ptr so every path frees it, or free it before this point
    delete p;
  }
}

int mallocLeak() {
  char *buf = static_cast<char *>(malloc(64));
  if (!buf)
    return -1;
  if (check())
    return -2;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the heap object allocated at line {{[0-9]+}} leaks when the function returns here: 'buf' is its only owner and nothing frees it
// CHECK-NOTES: :[[@LINE-6]]:35: note: allocated here by 'malloc()'
// CHECK-NOTES: :[[@LINE-3]]:5: note: hold it in a std::unique_ptr so every path frees it, or free it before this point
  free(buf);
  return 0;
}

void helperOnlyReads() {
  Node *p = new Node;
  keepLocal(p);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: the heap object allocated at line {{[0-9]+}} leaks here: 'p' goes out of scope and nothing frees it
// CHECK-NOTES: :[[@LINE-4]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-3]]:1: note: hold it in a std::unique_ptr so every path frees it, or free it before this point

void innerScope() {
  {
    Node *p = new Node;
    p->v = 3;
  }
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the heap object allocated at line {{[0-9]+}} leaks here: 'p' goes out of scope and nothing frees it
// CHECK-NOTES: :[[@LINE-4]]:15: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-3]]:3: note: hold it in a std::unique_ptr so every path frees it, or free it before this point
}

// ---- traps: no finding -------------------------------------------------------

Node *returned() {
  Node *p = new Node;
  return p;
}

void storedInGlobal() {
  Node *p = new Node;
  global = p;
}

void passedToUnknown() {
  Node *p = new Node;
  adopt(p);
}

void ownedBySmartPointer() {
  Node *p = new Node;
  std::unique_ptr<Node> u(p);
}

void pushedIntoContainer(std::vector<Node *> &v) {
  Node *p = new Node;
  v.push_back(p);
}

int mallocFailureIsNotALeak() {
  char *buf = static_cast<char *>(malloc(64));
  if (buf == nullptr)
    return -1;
  free(buf);
  return 0;
}

void conditionalAllocation(bool c) {
  Node *p = nullptr;
  if (c)
    p = new Node;
  if (p)
    delete p;
}

void freedOnEveryPath(bool c) {
  Node *p = new Node;
  if (c) {
    delete p;
    return;
  }
  delete p;
}

struct Holder {
  Node *n_;
  void set() { n_ = new Node; }
};

void capturedByLambda() {
  Node *p = new Node;
  auto f = [p] { delete p; };
  f();
}

void outParameter(Node **out) {
  Node *p = new Node;
  *out = p;
}

void correlatedFree(bool owned) {
  Node *p = new Node;
  if (owned)
    adopt(p);
  if (!owned)
    delete p;
}

// ---- regressions from real code ------------------------------------------------

// LevelDB db/builder.cc: a failed assert() ends the program; not a leak path.
void assertPath(int n) {
  Node *p = new Node;
  if (n < 0)
    __builtin_abort();
  delete p;
}

// LevelDB db/repair.cc: an intrusively reference-counted object frees itself.
struct RefCounted {
  int refs = 0;
  void Ref() { ++refs; }
  void Unref() {
    if (--refs <= 0)
      delete this;
  }
};
void refCounted() {
  RefCounted *mem = new RefCounted;
  mem->Ref();
  mem->Unref();
  mem = nullptr;
}

// LevelDB table/table.cc: whether the object was handed over is told by a
// pointer that stays null on the other path.
struct Cache { int *Insert(Node *n); };
void registerCleanup(Node *n);
void handedToCacheOrCleanup(Cache *cache) {
  int *handle = nullptr;
  Node *block = new Node;
  if (check())
    handle = cache->Insert(block);
  if (handle == nullptr)
    registerCleanup(block);
}

// LibSass sass2scss.cpp: a pointer into the object is returned.
char *interiorPointer() {
  char *cstr = static_cast<char *>(malloc(8));
  cstr[0] = 0;
  return &cstr[0];
}

// ---- exceptions ------------------------------------------------------------------

int throwsOut(bool c) {
  Node *p = new Node;
  if (c)
    throw 1;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the heap object allocated at line {{[0-9]+}} leaks when this 'throw' leaves the function: 'p' is its only owner and nothing frees it
// CHECK-NOTES: :[[@LINE-4]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-3]]:5: note: hold it in a std::unique_ptr so every path frees it, or free it before this point
  delete p;
  return 0;
}

int caughtInside(bool c) {
  Node *p = new Node;
  try {
    if (c)
      throw 1;
  } catch (...) {
    delete p;
    return 1;
  }
  delete p;
  return 0;
}

// Lambda bodies are functions of their own.
void inLambda() {
  auto make = [](bool c) {
    Node *p = new Node;
    if (c)
      return 0;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the heap object allocated at line {{[0-9]+}} leaks when the function returns here: 'p' is its only owner and nothing frees it
// CHECK-NOTES: :[[@LINE-4]]:15: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-3]]:7: note: hold it in a std::unique_ptr so every path frees it, or free it before this point
    delete p;
    return 1;
  };
  make(true);
}

// ---- factories defined in this file --------------------------------------------

Node *makeNode() { return new Node; }
Node *makeNamed() {
  Node *n = new Node;
  n->v = 7;
  return n;
}
Node *cached() {
  static Node *last;
  Node *n = new Node;
  last = n;
  return n;
}
int leakFromFactory(bool c) {
  Node *a = makeNode();
  Node *b = makeNamed();
  if (c)
    return a->v;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the heap object allocated at line {{[0-9]+}} leaks when the function returns here: 'a' is its only owner and nothing frees it
// CHECK-NOTES: :[[@LINE-5]]:13: note: allocated here by 'makeNode()'
// CHECK-NOTES: :[[@LINE-3]]:5: note: hold it in a std::unique_ptr so every path frees it, or free it before this point
// CHECK-MESSAGES: :[[@LINE-4]]:5: warning: the heap object allocated at line {{[0-9]+}} leaks when the function returns here: 'b' is its only owner and nothing frees it
// CHECK-NOTES: :[[@LINE-7]]:13: note: allocated here by 'makeNamed()'
// CHECK-NOTES: :[[@LINE-6]]:5: note: hold it in a std::unique_ptr so every path frees it, or free it before this point
  delete a;
  delete b;
  return 0;
}
void factoryKeepsIt() {
  Node *n = cached();
  n->v = 1;
}

// A `T *&` out-parameter hands the new object to the caller: no leak here.
void outReference(Node *&out) { out = new Node; }
// So does a store through a `T **` out-parameter.
void outPointer(Node **out) { *out = new Node; }

// ---- analysis v2: releases the analysis cannot see, correlated branches -----

// Intrusive reference counting: Unref() deletes the object at zero.
struct Token { int v = 0; void Ref(); void Unref(); };
int refCountedToken() {
  Token *t = new Token;
  t->Ref();
  int v = t->v;
  t->Unref();
  return v;
}
// A non-const method whose body is elsewhere may `delete this`.
struct Conn { int fd = 0; void Close(); int id() const; };
void closedElsewhere() {
  Conn *c = new Conn;
  c->Close();
}
// Allocated and freed under the same unchanged condition.
void sameCondition(bool c) {
  Node *p = nullptr;
  if (c)
    p = new Node;
  keepLocal(p);
  if (c)
    delete p;
}
// Allocated and freed under a flag that says so.
void ownedFlag(bool c) {
  Node *p = nullptr;
  bool owned = false;
  if (c) {
    p = new Node;
    owned = true;
  }
  keepLocal(p);
  if (owned)
    delete p;
}

// Hits: a method that is seen not to release, or a const one, releases nothing.
struct Seen { int v = 0; void touch() { ++v; } };
void seenMethod() {
  Seen *s = new Seen;
  s->touch();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: the heap object allocated at line {{[0-9]+}} leaks here: 's' goes out of scope and nothing frees it
// CHECK-NOTES: :[[@LINE-4]]:13: note: allocated here by 'new Seen'
// CHECK-NOTES: :[[@LINE-3]]:1: note: hold it in a std::unique_ptr so every path frees it, or free it before this point
int constMethod() {
  Conn *c = new Conn;
  return c->id();
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the heap object allocated at line {{[0-9]+}} leaks when the function returns here: 'c' is its only owner and nothing frees it
// CHECK-NOTES: :[[@LINE-3]]:13: note: allocated here by 'new Conn'
// CHECK-NOTES: :[[@LINE-3]]:3: note: hold it in a std::unique_ptr so every path frees it, or free it before this point
}
void sameConditionHit(bool c, bool d) {
  Node *p = nullptr;
  if (c)
    p = new Node;
  keepLocal(p);
  if (d)
    delete p;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: the heap object allocated at line {{[0-9]+}} leaks here on some path: 'p' goes out of scope and nothing frees it
// CHECK-NOTES: :[[@LINE-6]]:9: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-3]]:1: note: hold it in a std::unique_ptr so every path frees it, or free it before this point

// A project's smart pointer derived from std::unique_ptr owns like it.
template <class T> struct OwnedPtr : std::unique_ptr<T> {
  using std::unique_ptr<T>::unique_ptr;
};
void adoptedByDerivedSmartPointer() {
  OwnedPtr<Node> p(new Node);
}

// A class with its own operator new still makes heap objects.
struct Pooled {
  static void *operator new(unsigned long size);
  static void operator delete(void *p);
  int v = 0;
};
void classAllocator() {
  Pooled *p = new Pooled;
  p->v = 1;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: the heap object allocated at line {{[0-9]+}} leaks here: 'p' goes out of scope and nothing frees it
// CHECK-NOTES: :[[@LINE-4]]:15: note: allocated here by 'new Pooled'
// CHECK-NOTES: :[[@LINE-3]]:1: note: hold it in a std::unique_ptr so every path frees it, or free it before this point
void classAllocatorFreed() {
  Pooled *p = new Pooled;
  p->v = 1;
  delete p;
}
// Placement into a buffer is not a heap object of its own.
void placed(void *buf) {
  Pooled *p = ::new (buf) Pooled;
  p->v = 1;
}

// File-local statics that nothing writes read the same on every run.
static int staticTrue = 1;
static int staticFalse = 0;
static int staticReturnsTrue() { return 1; }
void unchangedStatics() {
  Node *p = nullptr;
  if (staticTrue)
    p = new Node;
  if (staticFalse)
    keepLocal(p);
  else
    delete p;
}
void constantFunction() {
  Node *p = nullptr;
  if (staticReturnsTrue())
    p = new Node;
  if (!staticReturnsTrue())
    return;
  delete p;
}
// A static that something writes is not a constant.
static int staticFlag = 1;
void setFlag(int v) { staticFlag = v; }
void writtenStatic() {
  Node *p = new Node;
  if (staticFlag)
    delete p;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: the heap object allocated at line {{[0-9]+}} leaks here on some path: 'p' goes out of scope and nothing frees it
// CHECK-NOTES: :[[@LINE-5]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-4]]:5: note: freed here on the other paths; this path skips it
// CHECK-NOTES: :[[@LINE-4]]:1: note: hold it in a std::unique_ptr so every path frees it, or free it before this point

// A const global defined elsewhere decides the same way each time it is tested.
extern const int kGlobalConstTrue;
void constGlobalTestedTwice() {
  Node *p = nullptr;
  if (kGlobalConstTrue)
    p = new Node;
  keepLocal(p);
  if (kGlobalConstTrue)
    delete p;
}
// A non-const global tested twice decides the same way too: that inspect()
// might write it in between is not a path to report (only manifest ones are).
extern int gGlobalFlag;
void globalTestedTwice() {
  Node *p = nullptr;
  if (gGlobalFlag)
    p = new Node;
  inspect(nullptr);
  if (gGlobalFlag)
    delete p;
}
// Written in between by this function: the second test is a new decision.
void globalWrittenInBetween(int v) {
  Node *p = nullptr;
  if (gGlobalFlag)
    p = new Node;
  gGlobalFlag = v;
  if (gGlobalFlag)
    delete p;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: the heap object allocated at line {{[0-9]+}} leaks here on some path: 'p' goes out of scope and nothing frees it
// CHECK-NOTES: :[[@LINE-6]]:9: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-4]]:5: note: freed here on the other paths; this path skips it
// CHECK-NOTES: :[[@LINE-4]]:1: note: hold it in a std::unique_ptr so every path frees it, or free it before this point

// A helper that keeps the pointer by handing it on by reference (a
// forwarding emplace_back deduces `void *&`) keeps it.
struct PinList {
  std::vector<void *> pinned;
  void pin(void *ptr) { pinned.emplace_back(ptr); }
};
void pinnedByHelper(PinList *list) {
  Node *p = new Node;
  list->pin(p);
}

// Sources that hand a new object to the caller: a `T *&` out-parameter filled
// on every path, a parameter reassigned and returned.
void fillOut(Node *&out) { out = new Node; }
void leakOutParam() {
  Node *n = nullptr;
  fillOut(n);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: the heap object allocated at line {{[0-9]+}} leaks here: 'n' goes out of scope and nothing frees it
// CHECK-NOTES: :[[@LINE-3]]:3: note: allocated here by 'fillOut()'
// CHECK-NOTES: :[[@LINE-3]]:1: note: hold it in a std::unique_ptr so every path frees it, or free it before this point
void freeOutParam() {
  Node *n = nullptr;
  fillOut(n);
  delete n;
}
// Filled on some paths only, or kept too: not manifest, silent.
void fillOutSometimes(Node *&out, bool b) {
  if (b)
    out = new Node;
}
Node *gKept;
void fillOutAndKeep(Node *&out) {
  out = new Node;
  gKept = out;
}
void outParamTraps(bool b) {
  Node *n = nullptr;
  fillOutSometimes(n, b);
  Node *m = nullptr;
  fillOutAndKeep(m);
}

Node *reassignedSource(Node *data) {
  data = new Node;
  return data;
}
void leakReassignedSource() {
  Node *d = nullptr;
  d = reassignedSource(d);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: the heap object allocated at line {{[0-9]+}} leaks here: 'd' goes out of scope and nothing frees it
// CHECK-NOTES: :[[@LINE-3]]:7: note: allocated here by 'reassignedSource()'
// CHECK-NOTES: :[[@LINE-3]]:1: note: hold it in a std::unique_ptr so every path frees it, or free it before this point
// Returns the caller's own pointer on some path, or one it freed: silent.
Node *orNew(Node *data) {
  if (!data)
    data = new Node;
  return data;
}
Node *freedSource() {
  Node *data = new Node;
  delete data;
  return data;
}
void sourceTraps(Node *given) {
  Node *a = orNew(given);
  Node *b = freedSource();
  (void)a;
  (void)b;
}

// A free function known only by its declaration that takes `const T *`
// reads: the caller still owns the object.
void showNode(const Node *n);
void leakAfterShow() {
  Node *p = new Node;
  showNode(p);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: the heap object allocated at line {{[0-9]+}} leaks here: 'p' goes out of scope and nothing frees it
// CHECK-NOTES: :[[@LINE-4]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-3]]:1: note: hold it in a std::unique_ptr so every path frees it, or free it before this point
// Silent: a `const void *` may be a handle that is kept; a member function may
// keep the pointer in its object; a `T *` may be taken over.
void keepOpaque(const void *handle);
struct Registry {
  void add(const Node *n);
};
void takeNode(Node *n);
void borrowTraps(Registry &r) {
  Node *a = new Node;
  keepOpaque(a);
  Node *b = new Node;
  r.add(b);
  Node *c = new Node;
  takeNode(c);
}

// Latent: the leak needs the outcomes of two tests on global variables only
// (the program's configuration, often set together): silent. One such test
// alone decides a configuration the program may run in (writtenStatic above).
extern int gConfigA, gConfigB;
void latentOnGlobals() {
  Node *p = nullptr;
  if (gConfigA)
    p = new Node;
  if (gConfigB)
    return;
  delete p;
}
// A test on a global whose outcome does not change the state is not an
// assumption: the leak on the early return is manifest.
void logLine();
void manifestDespiteGlobalTest(bool fail) {
  if (gConfigA)
    logLine();
  Node *p = new Node;
  if (fail)
    return;
  delete p;
}
// CHECK-MESSAGES: :[[@LINE-3]]:5: warning: the heap object allocated at line {{[0-9]+}} leaks when the function returns here: 'p' is its only owner and nothing frees it
// CHECK-NOTES: :[[@LINE-6]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-5]]:5: note: hold it in a std::unique_ptr so every path frees it, or free it before this point

// Overwritten through a local reference to the only owner.
struct RefLeak { int v = 0; };
void overwrittenThroughReference() {
  RefLeak *n = new RefLeak;
  RefLeak *&r = n;
  r = nullptr;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: the heap object allocated at line {{[0-9]+}} leaks here: 'n' is overwritten while it holds the only pointer to it
