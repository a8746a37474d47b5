// RUN: %check_ownlint %s ownership-double-free %t -- -std=c++17
#include <cstdlib>
#include <memory>

struct Node { int v = 0; Node *next = nullptr; };
bool check();
void release(Node *n) { delete n; }
void inspect(Node *n);

// ---- hits -------------------------------------------------------------------

void twice() {
  Node *p = new Node;
  delete p;
  delete p;
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is freed twice: the object it points to was already released
// CHECK-NOTES: :[[@LINE-4]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-4]]:3: note: first freed here
// CHECK-NOTES: :[[@LINE-4]]:3: note: give the object one owner: hold it in a std::unique_ptr, or set the pointer to nullptr after freeing it
}

void throughAlias() {
  Node *p = new Node;
  Node *q = p;
  delete q;
  delete p;
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is freed twice: the object it points to was already released
// CHECK-NOTES: :[[@LINE-5]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-4]]:3: note: first freed here through 'q', which points to the same object
// CHECK-NOTES: :[[@LINE-4]]:3: note: give the object one owner: hold it in a std::unique_ptr, or set the pointer to nullptr after freeing it
}

void onSomePath(bool c) {
  Node *p = new Node;
  if (c)
    delete p;
  delete p;
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is freed twice: the object it points to was already released on some path
// CHECK-NOTES: :[[@LINE-5]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-4]]:5: note: first freed here
// CHECK-NOTES: :[[@LINE-4]]:3: note: give the object one owner: hold it in a std::unique_ptr, or set the pointer to nullptr after freeing it
}

void mallocTwice() {
  char *buf = static_cast<char *>(malloc(16));
  free(buf);
  free(buf);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'buf' is freed twice: the object it points to was already released
// CHECK-NOTES: :[[@LINE-4]]:35: note: allocated here by 'malloc()'
// CHECK-NOTES: :[[@LINE-4]]:3: note: first freed here
// CHECK-NOTES: :[[@LINE-4]]:3: note: give the object one owner: hold it in a std::unique_ptr, or set the pointer to nullptr after freeing it
}

void throughHelper() {
  Node *p = new Node;
  release(p);
  delete p;
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is freed twice: the object it points to was already released
// CHECK-NOTES: :[[@LINE-4]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-4]]:3: note: first freed here, inside 'release'
// CHECK-NOTES: :[[@LINE-4]]:3: note: give the object one owner: hold it in a std::unique_ptr, or set the pointer to nullptr after freeing it
}

void parameterTwice(Node *p) {
  delete p;
  delete p;
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is freed twice: the object it points to was already released
// CHECK-NOTES: :[[@LINE-3]]:3: note: first freed here
// CHECK-NOTES: :[[@LINE-3]]:3: note: give the object one owner: hold it in a std::unique_ptr, or set the pointer to nullptr after freeing it
}

void smartGet() {
  std::unique_ptr<Node> u(new Node);
  delete u.get();
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'delete u.get()' frees the object that 'u' still owns; 'u' frees it again when it is destroyed or reset
// CHECK-NOTES: :[[@LINE-2]]:3: note: call 'u.reset()' to free it once, or 'u.release()' to take ownership back first
}

void adoptedThenDeleted() {
  Node *p = new Node;
  std::unique_ptr<Node> owner(p);
  delete p;
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is freed, but the object it points to already belongs to a smart pointer, which frees it too
// CHECK-NOTES: :[[@LINE-4]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-4]]:25: note: ownership passed here to 'owner'
// CHECK-NOTES: :[[@LINE-4]]:3: note: give the object one owner: hold it in a std::unique_ptr, or set the pointer to nullptr after freeing it
}

void twoOwners() {
  Node *p = new Node;
  std::unique_ptr<Node> a(p);
  std::unique_ptr<Node> b(p);
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'p' is handed to a second owner, but the object it points to already belongs to a smart pointer, which frees it too
// CHECK-NOTES: :[[@LINE-4]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-4]]:25: note: ownership passed here to 'a'
// CHECK-NOTES: :[[@LINE-4]]:25: note: give the object one owner: hold it in a std::unique_ptr, or set the pointer to nullptr after freeing it
}

void inLoop(int n) {
  Node *p = new Node;
  for (int i = 0; i < n; ++i)
    delete p;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'p' is freed twice: the object it points to was already released on some path
// CHECK-NOTES: :[[@LINE-4]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-3]]:5: note: first freed here
// CHECK-NOTES: :[[@LINE-4]]:5: note: give the object one owner: hold it in a std::unique_ptr, or set the pointer to nullptr after freeing it
}

struct Owner {
  Node *node_;
  ~Owner() {
    delete node_;
    delete node_;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'node_' is freed twice: the object it points to was already released
// CHECK-NOTES: :[[@LINE-3]]:5: note: first freed here
// CHECK-NOTES: :[[@LINE-3]]:5: note: give the object one owner: hold it in a std::unique_ptr, or set the pointer to nullptr after freeing it
  }
};

// ---- traps: no finding -------------------------------------------------------

void resetToNull() {
  Node *p = new Node;
  delete p;
  p = nullptr;
  delete p;
}

void reallocatedInBetween() {
  Node *p = new Node;
  delete p;
  p = new Node;
  delete p;
}

void correlated(bool owned) {
  Node *p = new Node;
  if (owned)
    delete p;
  if (!owned)
    delete p;
}

void eachIteration(int n) {
  for (int i = 0; i < n; ++i) {
    Node *p = new Node;
    delete p;
  }
}

void listWalk(Node *head) {
  while (head) {
    Node *next = head->next;
    delete head;
    head = next;
  }
}

void helperOnlyReads() {
  Node *p = new Node;
  inspect(p);
  delete p;
}

void releasedFromSmart() {
  std::unique_ptr<Node> u(new Node);
  Node *raw = u.release();
  delete raw;
}

void earlyReturn(bool c) {
  Node *p = new Node;
  if (c) {
    delete p;
    return;
  }
  delete p;
}

void nullChecked(Node *p) {
  if (p)
    delete p;
}

void deletedInSwitch(int k) {
  Node *p = new Node;
  switch (k) {
  case 0:
    delete p;
    break;
  default:
    delete p;
    break;
  }
}

// ---- regressions from real code ------------------------------------------------

// LibSass: an intrusive reference-counting pointer may adopt a raw pointer
// any number of times.
struct Counted { int refs = 0; };
template <class T> struct IntrusivePtr {
  IntrusivePtr(T *p) : p_(p) { ++p_->refs; }
  ~IntrusivePtr() { if (--p_->refs == 0) delete p_; }
  T *operator->() const { return p_; }
  T *p_;
};
void append(IntrusivePtr<Counted> item);
void adoptedTwiceIntrusive() {
  Counted *c = new Counted;
  append(c);
  append(c);
}

// A helper that frees only on its error path may or may not have freed: the
// caller's delete on the other path is not reported.
bool validate(Node *n) {
  if (n->v < 0) {
    delete n;
    return false;
  }
  return true;
}
int freedOnSomePathsOfHelper() {
  Node *n = new Node;
  if (!validate(n))
    return 0;
  int v = n->v;
  delete n;
  return v;
}

// ---- analysis v2: loops, recency, correlated conditions ---------------------

struct Cell { Cell *tail = nullptr; };

// Each iteration frees the node it loaded: not the one loaded next.
void freeCells(Cell *head, bool follow) {
  while (head) { Cell *c = head; head = nullptr; if (follow) head = c->tail; delete c; }
}
void freeList(Cell *head) {
  while (head) { Cell *c = head; head = c->tail; delete c; }
}
// The object allocated in iteration k is freed in iteration k+1.
void previousIteration(int n) {
  Cell *prev = nullptr;
  for (int i = 0; i < n; ++i) {
    Cell *c = new Cell{prev};
    if (prev)
      delete prev;
    prev = c;
  }
  delete prev;
}
// Constant trip counts, constants and static const globals are evaluated.
void onceLoop() {
  Node *p = new Node;
  for (int i = 0; i < 1; i++)
    delete p;
}
void onceLoopConstBound() {
  Node *p = new Node;
  const int n = 1;
  for (int i = 0; i < n; ++i)
    delete p;
}
static const int kOnce = 1;
void onceLoopStaticConst() {
  Node *p = new Node;
  for (int i = kOnce; i > 0; --i)
    delete p;
}
// A flag set with the free and tested before the second one.
void flagged(bool c) {
  Node *p = new Node;
  bool freed = false;
  if (c) {
    delete p;
    freed = true;
  }
  if (!freed)
    delete p;
}
// The same unchanged condition tested twice is one decision.
void sameCondition(bool c) {
  Node *p = new Node;
  if (c)
    delete p;
  inspect(nullptr);
  if (!c)
    delete p;
}

// Hits of the same shapes.
void twiceLoop() {
  Node *p = new Node;
  for (int i = 0; i < 2; i++)
    delete p;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'p' is freed twice: the object it points to was already released
// CHECK-NOTES: :[[@LINE-4]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-3]]:5: note: first freed here
// CHECK-NOTES: :[[@LINE-4]]:5: note: give the object one owner: hold it in a std::unique_ptr, or set the pointer to nullptr after freeing it
}
void flaggedWrong(bool c) {
  Node *p = new Node;
  bool freed = false;
  if (c) {
    delete p;
    freed = true;
  }
  if (freed)
    delete p;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'p' is freed twice: the object it points to was already released
// CHECK-NOTES: :[[@LINE-9]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-7]]:5: note: first freed here
// CHECK-NOTES: :[[@LINE-4]]:5: note: give the object one owner: hold it in a std::unique_ptr, or set the pointer to nullptr after freeing it
}
void freeListTwice(Cell *head) {
  while (head) {
    Cell *c = head;
    head = c->tail;
    delete c;
    delete c;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'c' is freed twice: the object it points to was already released
// CHECK-NOTES: :[[@LINE-3]]:5: note: first freed here
// CHECK-NOTES: :[[@LINE-3]]:5: note: give the object one owner: hold it in a std::unique_ptr, or set the pointer to nullptr after freeing it
  }
}

// A virtual call whose object's class the function shows runs that class's
// override: a temporary bound to a reference, `new D` never reassigned, a
// local object.
struct Sink {
  virtual void take(int *p) const { (void)p; }
  virtual ~Sink() {}
};
struct Deleter : Sink {
  void take(int *p) const override { delete p; }
};
void overrideOnTemporary() {
  int *p = new int;
  const Sink &s = Deleter();
  s.take(p);
  delete p;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'p' is freed twice: the object it points to was already released [ownership-double-free]
// CHECK-NOTES: :[[@LINE-6]]:12: note: allocated here by 'new int'
// CHECK-NOTES: :[[@LINE-5]]:3: note: first freed here, inside 'take'
// CHECK-NOTES: :[[@LINE-5]]:3: note: give the object one owner: hold it in a std::unique_ptr, or set the pointer to nullptr after freeing it
void overrideOnNew() {
  int *p = new int;
  Sink *s = new Deleter;
  s->take(p);
  delete s;
  delete p;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'p' is freed twice: the object it points to was already released [ownership-double-free]
// CHECK-NOTES: :[[@LINE-7]]:12: note: allocated here by 'new int'
// CHECK-NOTES: :[[@LINE-6]]:3: note: first freed here, inside 'take'
// CHECK-NOTES: :[[@LINE-5]]:3: note: give the object one owner: hold it in a std::unique_ptr, or set the pointer to nullptr after freeing it
// Silent: the object may be of another class (a parameter, a reassigned
// pointer), or the override only reads.
void overrideUnknown(const Sink &given, bool other) {
  int *p = new int;
  given.take(p);
  delete p;
  int *q = new int;
  Sink *s = new Deleter;
  Sink plain;
  if (other)
    s = &plain;
  s->take(q);
  delete q;
  int *r = new int;
  plain.take(r);
  delete r;
}

// ---- local references: another name for the pointer they are bound to ----

void throughReference() {
  Node *n = new Node;
  Node *&alias = n;
  delete alias;
  delete n;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'n' is freed twice: the object it points to was already released [ownership-double-free]
// CHECK-NOTES: :[[@LINE-6]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-5]]:3: note: first freed here
// CHECK-NOTES: :[[@LINE-5]]:3: note: give the object one owner
void throughReferenceChain() {
  Node *n = new Node;
  Node *&a = n;
  Node *&b = a;
  delete b;
  delete a;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'n' is freed twice
// Silent: reinitialised through the reference, so the second delete frees
// the new object.
void reinitThroughReference() {
  Node *n = new Node;
  Node *&alias = n;
  delete n;
  alias = new Node;
  delete n;
}
// Silent: a reference to a reference parameter, set to null after the free.
void referenceToOutParameter(Node *&out) {
  Node *&r = out;
  delete r;
  r = nullptr;
  delete out;
}
// Silent: a lambda may reinitialise it through the reference it captures.
void aliasCapturedByReference() {
  Node *n = new Node;
  Node *&alias = n;
  auto reset = [&alias] { alias = new Node; };
  delete n;
  reset();
  delete n;
}
// Silent: a new reference each time round the loop, to the moving cursor.
void referenceInLoop(Node *head) {
  while (head) {
    Node *&cur = head;
    Node *next = cur->next;
    delete cur;
    head = next;
  }
}
