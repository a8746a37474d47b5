// RUN: %check_ownlint %s ownership-raw-new-delete %t -- -std=c++17 -I %S/Inputs/raw-new-delete
#include <cstring>
#include <memory>
#include <new>
#include <vector>
#include "api.h"

struct Node {
  int value = 0;
  Node() = default;
  explicit Node(int v) : value(v) {}
  Node(int a, int b) : value(a + b) {}
  void touch();
};
struct Aggregate { int a, b; };
int consume(Node *);
bool check();

// ---- locals -----------------------------------------------------------------

int localFreedAtEnd(int v) {
  Node *p = new Node(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: raw pointer 'p' owns the 'Node' allocated here; hold it in 'std::unique_ptr<Node>' so it is freed on every path [ownership-raw-new-delete]
  // CHECK-NOTES: :[[@LINE+5]]:3: note: 'p' is freed by hand here; an exception or early return before this line leaks the object
  // CHECK-FIXES: {{^}}  auto p = std::make_unique<Node>(v);{{$}}
  if (p->value > 3)
    p->touch();
  int r = (*p).value;
  delete p;
  return r;
  // The 'delete' line goes; its neighbours keep their indentation.
  // CHECK-FIXES: {{^}}  int r = (*p).value;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return r;{{$}}
}

void localDefaultInit() {
  Node *q = new Node;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: raw pointer 'q' owns the 'Node' allocated here
  // CHECK-FIXES: {{^}}  auto q = std::make_unique<Node>();{{$}}
  if (!q || q == nullptr)
    return;
  q->touch();
  delete q;
}

void localArray(int n) {
  int *buf = new int[n];
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: raw pointer 'buf' owns the 'int[]' allocated here; hold it in 'std::unique_ptr<int[]>' so it is freed on every path
  // CHECK-FIXES: {{^}}  auto buf = std::make_unique<int[]>(n);{{$}}
  buf[0] = 1;
  delete[] buf;
}

// No fix-it where the rewrite would not compile or could change behaviour.
void localPassedOn() {
  Node *p = new Node(1, 2);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: raw pointer 'p' owns the 'Node' allocated here
  // consume(p) only borrows it (the function deletes p afterwards): no
  // hand-off note there, the rewrite note says how to lend it.
  // CHECK-NOTES: :[[@LINE+4]]:3: note: 'p' is freed by hand here; an exception or early return before this line leaks the object
  // CHECK-NOTES: :[[@LINE-5]]:13: note: write 'auto p = std::make_unique<Node>(...)', pass 'p.get()' where it is lent, and drop the 'delete'
  // CHECK-FIXES: {{^}}  Node *p = new Node(1, 2);{{$}}
  consume(p);
  delete p;
}

void localBraces() {
  Aggregate *a = new Aggregate{1, 2};
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: raw pointer 'a' owns the 'Aggregate' allocated here
  // CHECK-FIXES: {{^}}  Aggregate *a = new Aggregate{1, 2};{{$}}
  delete a;
}

void localDeletedEarly() {
  Node *p = new Node(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: raw pointer 'p' owns the 'Node' allocated here
  // CHECK-FIXES: {{^}}  Node *p = new Node(4);{{$}}
  delete p;
  check();
}

void localNeverDeleted() {
  Node *p = new Node(5);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: raw pointer 'p' owns the 'Node' allocated here
  // CHECK-NOTES: :[[@LINE-2]]:13: note: write 'auto p = std::make_unique<Node>(...)'{{$}}
  p->touch();
}

void localAssignedLater(bool c) {
  Node *p = nullptr;
  if (c)
    p = new Node(6);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: raw pointer 'p' owns the 'Node' allocated here
  // CHECK-NOTES: :[[@LINE-4]]:9: note: 'p' declared here as 'Node *'
  delete p;
}

void localCapturedByLambda() {
  Node *p = new Node(7);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: raw pointer 'p' owns the 'Node' allocated here
  // CHECK-FIXES: {{^}}  Node *p = new Node(7);{{$}}
  auto f = [p] { return p->value; };
  f();
  delete p;
}

// ---- members, returns, containers ------------------------------------------

class List {
  Node *head_;
  // CHECK-NOTES: :[[@LINE-1]]:9: note: 'head_' declared here as 'Node *'
  Node *spare_ = new Node(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: raw pointer member 'spare_' owns the 'Node' allocated here; declare it as 'std::unique_ptr<Node>' so the class frees it on every path
public:
  List() : head_(new Node(1)) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: raw pointer member 'head_' owns the 'Node' allocated here; declare it as 'std::unique_ptr<Node>'
  // CHECK-NOTES: :[[@LINE+1]]:13: note: freed by hand here in '~List'; with 'std::unique_ptr<Node>' this 'delete' goes away
  ~List() { delete head_; delete spare_; }
};

Node *factory() {
  return new Node(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: the 'Node' allocated here is returned as an owning raw pointer; return 'std::unique_ptr<Node>' so no caller can leak it
  // CHECK-NOTES: :[[@LINE-3]]:7: note: 'factory' declared here returning 'Node *'
}

void fill(std::vector<Node *> &nodes) {
  nodes.push_back(new Node(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: the 'Node' allocated here is stored as a raw pointer in a 'std::vector<Node *>', which never frees it; store 'std::unique_ptr<Node>' elements instead
}

void outParam(Node **out) {
  *out = new Node(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: the 'Node' allocated here is owned by a raw pointer, which frees nothing on an early return or exception; hold it in 'std::unique_ptr<Node>'
}

// ---- delete without a visible allocation -----------------------------------

void destroy(Node *n) {
  delete n;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'n' is freed by hand: the object it points to is owned by a raw pointer; let a 'std::unique_ptr<Node>' own and free it
}

struct Holder {
  Node *n;
  ~Holder() { delete[] n; }
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'n' is freed by hand: the object it points to is owned by a raw pointer; let a 'std::unique_ptr<Node[]>' own and free it
};

// ---- not flagged -------------------------------------------------------------

void smartOwners() {
  std::unique_ptr<Node> a(new Node(1));
  std::shared_ptr<Node> b(new Node(2));
  auto c = std::unique_ptr<Node>(new Node(3));
  a.reset(new Node(4));
  std::unique_ptr<int[]> d(new int[8]);
}

template <class T> struct RefPtr {
  explicit RefPtr(T *p) : p_(p) {}
  ~RefPtr();
  T *operator->() const { return p_; }
  T *p_;
};
void projectSmartPointer() { RefPtr<Node> r(new Node(1)); }

void placement() {
  alignas(Node) char storage[sizeof(Node)];
  Node *n = new (storage) Node(1);
  n->~Node();
}


Node &immortal() {
  static Node &instance = *new Node(9);
  static Node *pointer = new Node(10);
  return instance;
}

struct Deleter {
  void operator()(Node *n) const { delete n; }
};

struct RefCounted {
  int refs = 1;
  void release() {
    if (--refs == 0)
      delete this;
  }
};

void deleteNull() { delete static_cast<Node *>(nullptr); }

// Passing to a function is an ownership transfer the check does not judge by
// default (WarnOnOwnershipTransfer).
void transfer() { consume(new Node(1)); }

template <class T> T *makeT() {
  return new T();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: the 'T' allocated here is returned as an owning raw pointer
  // CHECK-NOTES: :[[@LINE-3]]:23: note: 'makeT' declared here returning 'T *'
}
// Instantiations are not reported again.
void instantiate() { delete makeT<Node>(); delete makeT<int>(); }
// CHECK-MESSAGES: :[[@LINE-1]]:22: warning: manual 'delete': the object is owned by a raw pointer; let a 'std::unique_ptr<Node>' own and free it
// CHECK-MESSAGES: :[[@LINE-2]]:44: warning: manual 'delete': the object is owned by a raw pointer; let a 'std::unique_ptr<int>' own and free it

void suppressed() {
  Node *p = new Node(1); // NOLINT(ownership-raw-new-delete)
  // NOLINTNEXTLINE(ownership-*)
  delete p;
}

// A macro that allocates is reported at its first expansion only.
#define DEFINE_CLONE(T) \
  T *clone##T() { return new T(); }
DEFINE_CLONE(Node)
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: the 'Node' allocated here is returned as an owning raw pointer
// CHECK-NOTES: :[[@LINE-3]]:26: note: written in the body of macro 'DEFINE_CLONE'; its other expansions in this file are not reported again
DEFINE_CLONE(Aggregate)

// Intrusively reference-counted objects own themselves.
struct SelfOwned {
  int refs = 1;
  void unref() {
    if (--refs == 0)
      delete this;
  }
};
struct DerivedSelfOwned : SelfOwned {};
void refCounted() {
  SelfOwned *a = new SelfOwned;
  a->unref();
  DerivedSelfOwned *b = new DerivedSelfOwned;
  b->unref();
}

// ---- templates --------------------------------------------------------------

// A dependent member's parenthesised initialiser is a ParenListExpr without a
// type: the member above it owns the allocation.
template <typename E> struct Buf {
  explicit Buf(int n) : p_(new E[n]) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: raw pointer member 'p_' owns the 'E' allocated here; declare it as 'std::unique_ptr<E[]>' so the class frees it on every path [ownership-raw-new-delete]
  // CHECK-NOTES: :[[@LINE+3]]:6: note: 'p_' declared here as 'E *'
  // CHECK-NOTES: :[[@LINE+1]]:12: note: freed by hand here in '~Buf<E>'; with 'std::unique_ptr<E[]>' this 'delete' goes away
  ~Buf() { delete[] p_; }
  E *p_;
};

// In a template the operand of `delete x` has no load cast: it is still the
// delete, not a hand-off.
template <class T> int localInTemplate() {
  T *x = new T();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: raw pointer 'x' owns the 'T' allocated here; hold it in 'std::unique_ptr<T>' so it is freed on every path [ownership-raw-new-delete]
  // CHECK-FIXES: {{^}}  auto x = std::make_unique<T>();{{$}}
  int v = sizeof(*x);
  delete x;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: 'x' is freed by hand here; an exception or early return before this line leaks the object
  // CHECK-NOTES-NOT: hands the object on
  return v;
}

// ---- a member freed in several methods ----------------------------------------

// Each method's delete belongs to the member's finding: every one goes once
// the member is a std::unique_ptr.
class NodeCache {
public:
  NodeCache() : n_(new Node) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: raw pointer member 'n_' owns the 'Node' allocated here; declare it as 'std::unique_ptr<Node>' so the class frees it on every path [ownership-raw-new-delete]
  // CHECK-NOTES: :[[@LINE+8]]:9: note: 'n_' declared here as 'Node *'
  // CHECK-NOTES: :[[@LINE+2]]:18: note: freed by hand here in '~NodeCache'; with 'std::unique_ptr<Node>' this 'delete' goes away
  // CHECK-NOTES: :[[@LINE+8]]:27: note: freed by hand here in 'clear'; with 'std::unique_ptr<Node>' this 'delete' goes away
  ~NodeCache() { delete n_; }
  void refill(int v) { n_->value = v; }
  void clear();

private:
  Node *n_;
};
void NodeCache::clear() { delete n_; n_ = nullptr; }

// ---- class-specific operator new --------------------------------------------

// An object from a class's own operator new(size_t) is a heap object like any
// other: std::unique_ptr's `delete` calls the class's operator delete.
struct Pooled {
  static void *operator new(decltype(sizeof 0));
  static void operator delete(void *);
  int v = 0;
};
int classSpecificAllocator() {
  Pooled *p = new Pooled;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: raw pointer 'p' owns the 'Pooled' allocated here; hold it in 'std::unique_ptr<Pooled>' so it is freed on every path [ownership-raw-new-delete]
  // CHECK-FIXES: {{^}}  auto p = std::make_unique<Pooled>();{{$}}
  int v = p->v;
  delete p;
  return v;
}
// An arena's operator new with placement arguments is not the heap.
struct Arena {};
void *operator new(decltype(sizeof 0), Arena &);
void arenaAllocated(Arena &a) { Node *n = new (a) Node(1); n->touch(); }

// ---- the implementation of an owner -------------------------------------------

// A library's own smart pointer frees by hand: that is its job.
template <class T> class OwnPtr {
public:
  explicit OwnPtr(T *p = nullptr) : p_(p) {}
  ~OwnPtr() { delete p_; }
  void reset(T *p) {
    delete p_;
    p_ = p;
  }
  T *operator->() const { return p_; }

private:
  T *p_;
};
void useOwnPtr() {
  OwnPtr<Node> a(new Node(1));
  a.reset(new Node(2));
}

// Not a template, shaped like a smart pointer (libsass' SharedPtr).
class NodeRef {
public:
  explicit NodeRef(Node *n) : node_(n) {}
  ~NodeRef() { drop(); }
  Node *operator->() const { return node_; }

private:
  void drop() { delete node_; }
  Node *node_;
};

// A handle that can give its object up.
class NodeHandle {
public:
  explicit NodeHandle(int v) : n_(new Node(v)) {}
  ~NodeHandle() { delete n_; }
  Node *release() {
    Node *n = n_;
    n_ = nullptr;
    return n;
  }

private:
  Node *n_;
};

// A pool keeps what it hands out and frees it all at the end.
class NodePool {
public:
  Node *make(int v) {
    Node *n = new Node(v);
    nodes_.push_back(n);
    return n;
  }
  ~NodePool() {
    for (Node *n : nodes_)
      delete n;
  }

private:
  std::vector<Node *> nodes_;
};

// The same code in a class that is none of those is a raw owner.
class Registry {
public:
  Registry() : n_(new Node) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: raw pointer member 'n_' owns the 'Node' allocated here; declare it as 'std::unique_ptr<Node>' so the class frees it on every path [ownership-raw-new-delete]
  // CHECK-NOTES: :[[@LINE+5]]:9: note: 'n_' declared here as 'Node *'
  // CHECK-NOTES: :[[@LINE+1]]:17: note: freed by hand here in '~Registry'; with 'std::unique_ptr<Node>' this 'delete' goes away
  ~Registry() { delete n_; }
  Node *get() const { return n_; }
private:
  Node *n_;
};
class Batch {
public:
  void add(int v) { nodes_.push_back(new Node(v)); }
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: the 'Node' allocated here is stored as a raw pointer in a 'std::vector<Node *>', which never frees it; store 'std::unique_ptr<Node>' elements instead [ownership-raw-new-delete]
  ~Batch() {
    for (Node *n : nodes_)
      delete n;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'n' is freed by hand: the object it points to is owned by a raw pointer; let a 'std::unique_ptr<Node>' own and free it [ownership-raw-new-delete]
  }

private:
  std::vector<Node *> nodes_;
};

// A class derived from a smart pointer owns what its inherited constructors
// take.
template <class T> struct unique_handle : std::unique_ptr<T> {
  using std::unique_ptr<T>::unique_ptr;
};
struct NodeOwner : std::unique_ptr<Node> {
  using std::unique_ptr<Node>::unique_ptr;
};
void derivedOwners() {
  unique_handle<Node> a(new Node(1));
  NodeOwner b(new Node(2));
  Node *raw = new Node(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: raw pointer 'raw' owns the 'Node' allocated here
  raw->touch();
  delete raw;
}

// A container of smart pointers owns its elements.
void fillOwned(std::vector<std::unique_ptr<Node>> &v) { v.emplace_back(new Node(1)); }

// ---- maybe-owning pointers ------------------------------------------------------

// Points to an inline buffer or to the heap; an alias test guards the delete.
class Text {
public:
  explicit Text(int n) : data_(n < 16 ? inline_ : new char[n]) {}
  ~Text() {
    if (data_ != inline_)
      delete[] data_;
  }

private:
  char inline_[16];
  char *data_;
};
void logLine(int n) {
  char stack[64];
  char *buf = n < 64 ? stack : new char[n];
  buf[0] = 0;
  if (buf != stack)
    delete[] buf;
}
struct Tree {
  Node root;
  Node *current = &root;
  void drop() {
    if (current != &root)
      delete current;
  }
};

// An ownership flag, as a member, a one-bit field in a union's neighbour, or
// a local set only to constants.
struct Slot {
  Node *node_;
  bool owned_;
  ~Slot() {
    if (owned_)
      delete node_;
  }
};
class SmallBuf {
public:
  void grow(int n) {
    heap_ = new char[n];
    on_heap_ = 1;
  }
  ~SmallBuf() {
    if (on_heap_)
      delete[] heap_;
  }

private:
  union {
    char small_[8];
    char *heap_;
  };
  unsigned on_heap_ : 1;
};
void maybeCopy(Node *borrowed, bool copy) {
  bool owned = false;
  Node *n = borrowed;
  if (copy) {
    n = new Node(*borrowed);
    owned = true;
  }
  n->touch();
  if (owned)
    delete n;
}
// Next to them, plain owners are reported, and a computed condition (an
// error path) is no ownership flag.
struct Plain {
  Node *node_;
  ~Plain() { delete node_; }
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'node_' is freed by hand: the object it points to is owned by a raw pointer; let a 'std::unique_ptr<Node>' own and free it [ownership-raw-new-delete]
};
void errorPath() {
  Node *n = new Node;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: raw pointer 'n' owns the 'Node' allocated here
  bool ok = check();
  if (!ok) {
    delete n;
    return;
  }
  consume(n);
}

// ---- handles across an extern "C" boundary --------------------------------------

extern "C" {
struct c_node_t {
  Node *rep;
};
// A C API creates and destroys handles: nothing to say.
c_node_t *c_node_create(int v) {
  c_node_t *h = new c_node_t;
  h->rep = new Node(v);
  return h;
}
c_node_t *c_node_wrap() { return new c_node_t; }
void c_node_destroy(c_node_t *h) {
  delete h->rep;
  delete h;
}
// Freed on an error path and handed out on the other: release() at the
// hand-off.
c_node_t *c_node_open(int v) {
  c_node_t *h = new c_node_t;
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: raw pointer 'h' owns the 'c_node_t' allocated here; hold it in 'std::unique_ptr<c_node_t>' so it is freed on every path [ownership-raw-new-delete]
  if (!check()) {
    delete h;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: 'h' is freed by hand here; an exception or early return before this line leaks the object
    return nullptr;
  }
  h->rep = new Node(v);
  return h;
  // CHECK-NOTES: :[[@LINE-1]]:10: note: 'h' hands the object on here through an interface that takes a raw pointer; hold it in 'std::unique_ptr<c_node_t>' and call 'h.release()' once the interface owns it
}
// A real raw owner inside a C function is still one.
int c_node_sum(int n) {
  int *tmp = new int[n];
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: raw pointer 'tmp' owns the 'int[]' allocated here
  tmp[0] = n;
  int s = tmp[0];
  delete[] tmp;
  return s;
}
int start_thread(void *(*fn)(void *), void *arg);
}

// A `void *` context for a callback: the object is a handle there and back.
struct Task {
  int x = 0;
};
static void *runTask(void *arg) {
  Task *t = static_cast<Task *>(arg);
  t->x++;
  delete t;
  return nullptr;
}
void startTask() {
  Task *t = new Task;
  t->x = 1;
  start_thread(&runTask, t);
}
void finishTask(Task *t) {
  delete t;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 't' is freed by hand: the object it points to is owned by a raw pointer; let a 'std::unique_ptr<Task>' own and free it [ownership-raw-new-delete]
}

// ---- types no std::unique_ptr can own --------------------------------------------

// A private destructor: only the class's friends delete it.
class Sealed {
  friend class SealedFactory;
  ~Sealed() = default;
};
class SealedFactory {
public:
  Sealed *make() { return new Sealed; }
  void destroy(Sealed *s) { delete s; }
};
// Intrusive reference counting by a count member; a delete guarded by the
// object's own count.
struct Counted {
  int refs_ = 0;
  void Ref() { ++refs_; }
  bool Unref() { return --refs_ == 0; }
};
void useCounted() {
  Counted *c = new Counted;
  c->Ref();
  if (c->Unref())
    delete c;
}
struct Shared {
  int users = 0;
  bool drop() { return --users == 0; }
};
void dropShared(Shared *s) {
  if (s->drop())
    delete s;
}
void dropAlways(Shared *s) {
  delete s;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 's' is freed by hand: the object it points to is owned by a raw pointer; let a 'std::unique_ptr<Shared>' own and free it [ownership-raw-new-delete]
}

// ---- immortal statics -----------------------------------------------------------

struct Config {
  static Node *instance_;
};
Node &lazySingleton() {
  static Node *instance = nullptr;
  if (!instance)
    instance = new Node(11);
  Config::instance_ = new Node(12);
  return *instance;
}

// ---- returns ----------------------------------------------------------------------

// An override returns what its interface says.
struct Factory {
  virtual ~Factory();
  virtual Node *make() = 0;
};
struct NodeFactory : Factory {
  Node *make() override { return new Node(1); }
};
// A factory of a base type returns the base's std::unique_ptr.
struct Base {
  virtual ~Base();
};
struct Derived : Base {};
Base *makeBase() {
  return new Derived;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: the 'Derived' allocated here is returned as an owning raw pointer; return 'std::unique_ptr<Base>' so no caller can leak it [ownership-raw-new-delete]
  // CHECK-NOTES: :[[@LINE-3]]:7: note: 'makeBase' declared here returning 'Base *'
}

// ---- the hand-off note ------------------------------------------------------------

// The note points at the return, not at the memcpy that only writes through
// the pointer.
char *copyChecked(const char *s, int n) {
  char *r = new char[n];
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: raw pointer 'r' owns the 'char[]' allocated here
  memcpy(r, s, n);
  if (!check())
    return nullptr;
  return r;
  // CHECK-NOTES: :[[@LINE-1]]:10: note: 'r' hands the object on here, still as a raw pointer; the receiver should take 'std::unique_ptr<char[]>' too
}
// A pointer that only carries the object to its owner, with nothing between
// that can leave or throw, is not the owner.
char *copyState(const char *s, int n) {
  char *r = new char[n];
  memcpy(r, s, n);
  return r;
}
struct Holder2 {
  Node *n_ = nullptr;
  void set(int v) {
    Node *n = new Node(v);
    n->value = v;
    n_ = n;
  }
};

// A function declared in a header hands raw pointers to callers in other
// files: its signature is an API the check does not judge. Defined here and
// declared only here, it is this file's to change.
Gadget *makeGadget() { return new Gadget; }
void openGadget(Gadget **out) { *out = new Gadget; }
static Gadget *makeLocalGadget() {
  return new Gadget;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: the 'Gadget' allocated here is returned as an owning raw pointer; return 'std::unique_ptr<Gadget>' so no caller can leak it [ownership-raw-new-delete]
  // CHECK-NOTES: :[[@LINE-3]]:16: note: 'makeLocalGadget' declared here returning 'Gadget *'
}
static void openLocalGadget(Gadget **out) {
  *out = new Gadget;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: the 'Gadget' allocated here is owned by a raw pointer, which frees nothing on an early return or exception; hold it in 'std::unique_ptr<Gadget>'
}

// An override frees what its interface hands back to it.
struct Lock {
  virtual ~Lock();
};
struct FileLock : Lock {};
struct Env {
  virtual ~Env();
  virtual void lock(Lock **out) = 0;
  virtual void unlock(Lock *l) = 0;
};
struct PosixEnv : Env {
  void lock(Lock **out) override { *out = new FileLock; }
  void unlock(Lock *l) override {
    FileLock *fl = static_cast<FileLock *>(l);
    delete fl;
  }
};

// Inside a C API, a local handed to a helper builds a handle.
struct Session {
  Node *n = nullptr;
};
static Session *prepare(Node *n) {
  Session *s = new Session;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: raw pointer 's' owns the 'Session' allocated here
  s->n = n;
  check();
  return s;
  // CHECK-NOTES: :[[@LINE-1]]:10: note: 's' hands the object on here, still as a raw pointer; the receiver should take 'std::unique_ptr<Session>' too
}
extern "C" Session *session_open(int v) {
  Node *n = new Node(v);
  return prepare(n);
}

// A call between the `new` and the store that cannot throw (its body is in
// view) keeps the local a mere carrier; one that can throw makes it the owner
// on that path.
struct Carrier {
  Node *n_ = nullptr;
  int size() const { return 1; }
  void fill(int v) {
    Node *n = new Node(v);
    n->value = size();
    n_ = n;
  }
  void fillChecked(int v) {
    Node *n = new Node(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: raw pointer 'n' owns the 'Node' allocated here
    n->value = check();
    n_ = n;
    // CHECK-NOTES: :[[@LINE-1]]:10: note: 'n' hands the object on here, still as a raw pointer; the receiver should take 'std::unique_ptr<Node>' too
  }
};

// A local class's member function is reported once, as itself.
void withLocalClass() {
  struct Copier {
    Node *copy(const Node &n) {
      Node *c = new Node(n);
      // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: raw pointer 'c' owns the 'Node' allocated here
      if (!check())
        return nullptr;
      return c;
      // CHECK-NOTES: :[[@LINE-1]]:14: note: 'c' hands the object on here, still as a raw pointer; the receiver should take 'std::unique_ptr<Node>' too
    }
  } copier;
  Node n;
  delete copier.copy(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: manual 'delete': the object is owned by a raw pointer; let a 'std::unique_ptr<Node>' own and free it [ownership-raw-new-delete]
}

// A struct handed through a `void *` context, its fields filled before and
// freed after: the context is a handle.
struct JobArg {
  Node *node = nullptr;
};
void schedule(void (*fn)(void *), void *arg);
static void runJob(void *arg) {
  JobArg job = *static_cast<JobArg *>(arg);
  delete static_cast<JobArg *>(arg);
  delete job.node;
}
void scheduleJob() {
  JobArg *arg = new JobArg;
  arg->node = new Node(1);
  schedule(&runJob, arg);
}

// An owner kept in a std::atomic<T *> cannot become a std::unique_ptr.
namespace std {
template <class T> struct atomic {
  T load() const noexcept;
  void store(T) noexcept;
};
} // namespace std
struct Tracer {
  std::atomic<Node *> writer_;
  void end() {
    delete writer_.load();
    writer_.store(nullptr);
  }
};

// Nodes of a hand-written list, freed while walking it.
struct Cleanup {
  void (*fn)();
  Cleanup *next;
};
void runCleanups(Cleanup *head) {
  for (Cleanup *c = head; c != nullptr;) {
    c->fn();
    Cleanup *next = c->next;
    delete c;
    c = next;
  }
}
void freeOne(Cleanup *c) {
  delete c;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'c' is freed by hand: the object it points to is owned by a raw pointer; let a 'std::unique_ptr<Cleanup>' own and free it [ownership-raw-new-delete]
}

// The hand-off note skips calls whose bodies only borrow the pointer.
static void fillIn(Node *n) { n->value = 1; }
struct Keeper {
  Node *kept = nullptr;
  void take(Node *n) { kept = n; }
};
void borrowThenHandOff(Keeper &k) {
  Node *n = new Node;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: raw pointer 'n' owns the 'Node' allocated here
  fillIn(n);
  check();
  k.take(n);
  // CHECK-NOTES: :[[@LINE-1]]:10: note: 'n' hands the object on here, still as a raw pointer; the receiver should take 'std::unique_ptr<Node>' too
}

// One finding per owner: the other allocations it is given are notes.
void pickOne(bool a) {
  Node *n;
  if (a)
    n = new Node(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: raw pointer 'n' owns the 'Node' allocated here
  // CHECK-NOTES: :[[@LINE-4]]:9: note: 'n' declared here as 'Node *'
  // CHECK-NOTES: :[[@LINE+5]]:3: note: 'n' is freed by hand here; an exception or early return before this line leaks the object
  // CHECK-NOTES: :[[@LINE+2]]:9: note: 'n' is given another new object here
  else
    n = new Node(2);
  n->touch();
  delete n;
}

// A function declared in a header that frees what it is given: taking a
// std::unique_ptr is an API change.
void destroyGadget(Gadget *g) { delete g; }

// Raw storage for an object laid out by hand: no smart pointer of either type
// fits.
struct VarLen {
  int len;
  char data[1];
};
VarLen *makeVarLen(int n) {
  VarLen *v = reinterpret_cast<VarLen *>(new char[sizeof(VarLen) + n]);
  v->len = n;
  check();
  return v;
}
void freeVarLen(VarLen *v) { delete[] reinterpret_cast<char *>(v); }

// The owner's declared type, so the suggestion compiles.
void declaredBase(bool fast) {
  Base *b = nullptr;
  if (fast)
    b = new Derived;
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: raw pointer 'b' owns the 'Derived' allocated here; hold it in 'std::unique_ptr<Base>' so it is freed on every path [ownership-raw-new-delete]
  check();
  delete b;
}

// Adopted by a smart pointer only after code that can throw.
void adoptLate(std::unique_ptr<Node> &out) {
  Node *n = new Node;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: raw pointer 'n' owns the 'Node' allocated here
  n->value = check();
  out.reset(n);
  // CHECK-NOTES: :[[@LINE-1]]:13: note: 'n' is adopted by a smart pointer only here; hold it in 'std::unique_ptr<Node>' from the 'new' on
}

// A local that a header's factory builds and returns: the raw return is the
// API's (a path that loses it first is ownership-leak's to report).
Gadget *buildGadget(int n) {
  Gadget *g = new Gadget;
  g->size = n;
  check();
  return g;
}

// Freed right where it is acquired: no path in between can lose it.
bool openAll(std::vector<Node *> *out);
void dropHandle() {
  std::vector<Node *> handles;
  if (openAll(&handles))
    delete handles[0];
}
Node *produce();
void probe() {
  Node *n = produce();
  delete n;
}
void produceAndCheck() {
  Node *n = produce();
  check();
  delete n;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'n' is freed by hand: the object it points to is owned by a raw pointer; let a 'std::unique_ptr<Node>' own and free it [ownership-raw-new-delete]
}

// Through a local copied out of a `void *` context.
static void runJob2(void *arg) {
  JobArg job = *static_cast<JobArg *>(arg);
  delete static_cast<JobArg *>(arg);
  Node *n = job.node;
  n->touch();
  delete n;
}

// Adopted through a pointer to a smart pointer.
void adoptThrough(std::unique_ptr<Node> *out) {
  Node *n = new Node;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: raw pointer 'n' owns the 'Node' allocated here
  n->value = check();
  out->reset(n);
  // CHECK-NOTES: :[[@LINE-1]]:14: note: 'n' is adopted by a smart pointer only here; hold it in 'std::unique_ptr<Node>' from the 'new' on
}

// Elements of a local array handed on: the array's receiver decides.
void mergeAll(Node **list, int n);
void buildList() {
  Node **list = new Node *[2];
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: raw pointer 'list' owns the 'Node *[]' allocated here
  list[0] = new Node(1);
  list[1] = new Node(2);
  mergeAll(list, 2);
  delete[] list;
}

// A local handed to the caller inside the object an override returns.
struct Iter {
  explicit Iter(Node *n) : n_(n) {}
  Node *n_;
};
struct IterSource {
  virtual ~IterSource();
  virtual Iter *open() = 0;
};
struct NodeIterSource : IterSource {
  Iter *open() override {
    Node *n = new Node;
    check();
    return new Iter(n);
  }
};
static Iter *openLocal() {
  Node *n = new Node;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: raw pointer 'n' owns the 'Node' allocated here
  // CHECK-NOTES: :[[@LINE+3]]:19: note: 'n' hands the object on here, still as a raw pointer; the receiver should take 'std::unique_ptr<Node>' too
  // CHECK-MESSAGES: :[[@LINE+2]]:10: warning: the 'Iter' allocated here is returned as an owning raw pointer; return 'std::unique_ptr<Iter>' so no caller can leak it [ownership-raw-new-delete]
  check();
  return new Iter(n);
  // CHECK-NOTES: :[[@LINE-7]]:14: note: 'openLocal' declared here returning 'Iter *'
}

// Every caller puts the result straight into a smart pointer: no caller can
// leak it. (factory() above has no such caller and is reported.)
static Node *makeForSmart() { return new Node; }
void useMakeForSmart() {
  std::unique_ptr<Node> a(makeForSmart());
  std::unique_ptr<Node> b;
  b.reset(makeForSmart());
}
static Node *makeForRaw() {
  return new Node;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: the 'Node' allocated here is returned as an owning raw pointer
  // CHECK-NOTES: :[[@LINE-3]]:14: note: 'makeForRaw' declared here returning 'Node *'
}
void useMakeForRaw() {
  std::unique_ptr<Node> a(makeForRaw());
  Node *raw = makeForRaw();
  raw->touch();
  consume(raw);
}

// A local that only carries the object into the call that takes it, like
// `consume(new Node)` (left to WarnOnOwnershipTransfer).
void carryInto() {
  Node *n = new Node(3);
  n->value = 4;
  consume(n);
}

// Lent and never freed: the rewrite note has no 'delete' to drop.
int readNode(const Node *n);
void lentNoDelete() {
  Node *n = new Node(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: raw pointer 'n' owns the 'Node' allocated here
  // CHECK-NOTES: :[[@LINE-2]]:13: note: write 'auto n = std::make_unique<Node>(...)', pass 'n.get()' where it is lent{{$}}
  readNode(n);
}
