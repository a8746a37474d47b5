// RUN: %check_ownlint %s ownership-raw-new-delete %t -- -std=c++17
#include <memory>
#include <new>
#include <vector>

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
  // CHECK-NOTES: :[[@LINE+2]]:11: note: 'p' hands the object on here, still as a raw pointer; the receiver should take 'std::unique_ptr<Node>' too
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

struct Pooled {
  static void *operator new(decltype(sizeof 0));
  static void operator delete(void *);
};
void classSpecificAllocator() {
  Pooled *p = new Pooled;
  delete p;
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
