// RUN: %check_ownlint %s ownership-use-after-free %t -- -std=c++17
#include <cstdlib>
#include <cstring>
#include <memory>

struct Node { int v = 0; Node *next = nullptr; void touch(); };
void inspect(Node *n);
void destroy(Node *n) { delete n; }
bool check();

// ---- hits -------------------------------------------------------------------

int deref() {
  Node *p = new Node;
  delete p;
  return p->v;
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'p' is dereferenced after the object it points to was freed
// CHECK-NOTES: :[[@LINE-4]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-4]]:3: note: freed here
// CHECK-NOTES: :[[@LINE-4]]:10: note: free the object after its last use, or set 'p' to nullptr when freeing it and test it before use
}

int throughAlias() {
  Node *p = new Node;
  Node *q = p;
  delete p;
  return q->v;
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'q' is dereferenced after the object it points to was freed
// CHECK-NOTES: :[[@LINE-5]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-4]]:3: note: freed here through 'p', which points to the same object
// CHECK-NOTES: :[[@LINE-4]]:10: note: free the object after its last use, or set 'q' to nullptr when freeing it and test it before use
}

void passedOn() {
  Node *p = new Node;
  delete p;
  inspect(p);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is used after the object it points to was freed
// CHECK-NOTES: :[[@LINE-4]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-4]]:3: note: freed here
// CHECK-NOTES: :[[@LINE-4]]:3: note: free the object after its last use, or set 'p' to nullptr when freeing it and test it before use
}

int onSomePath(bool c) {
  Node *p = new Node;
  if (c)
    delete p;
  int v = (*p).v;
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'p' is dereferenced after the object it points to was freed on some path
// CHECK-NOTES: :[[@LINE-5]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-4]]:5: note: freed here
// CHECK-NOTES: :[[@LINE-4]]:12: note: free the object after its last use, or set 'p' to nullptr when freeing it and test it before use
  return v;
}

char firstChar() {
  char *s = static_cast<char *>(malloc(8));
  free(s);
  return s[0];
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 's' is dereferenced after the object it points to was freed
// CHECK-NOTES: :[[@LINE-4]]:33: note: allocated here by 'malloc()'
// CHECK-NOTES: :[[@LINE-4]]:3: note: freed here
// CHECK-NOTES: :[[@LINE-4]]:10: note: free the object after its last use, or set 's' to nullptr when freeing it and test it before use
}

int freedByHelper() {
  Node *p = new Node;
  destroy(p);
  return p->v;
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'p' is dereferenced after the object it points to was freed
// CHECK-NOTES: :[[@LINE-4]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-4]]:3: note: freed here, inside 'destroy'
// CHECK-NOTES: :[[@LINE-4]]:10: note: free the object after its last use, or set 'p' to nullptr when freeing it and test it before use
}

void adoptFreed() {
  Node *p = new Node;
  delete p;
  std::unique_ptr<Node> u(p);
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: a smart pointer adopts 'p' after the object it points to was freed
// CHECK-NOTES: :[[@LINE-4]]:13: note: allocated here by 'new Node'
// CHECK-NOTES: :[[@LINE-4]]:3: note: freed here
// CHECK-NOTES: :[[@LINE-4]]:25: note: free the object after its last use, or set 'p' to nullptr when freeing it and test it before use
}

int parameter(Node *p) {
  delete p;
  return p->v;
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'p' is dereferenced after the object it points to was freed
// CHECK-NOTES: :[[@LINE-3]]:3: note: freed here
// CHECK-NOTES: :[[@LINE-3]]:10: note: free the object after its last use, or set 'p' to nullptr when freeing it and test it before use
}

void listWalkBug(Node *head) {
  for (Node *n = head; n; n = n->next)
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'n' is dereferenced after the object it points to was freed
// CHECK-NOTES: :[[@LINE+2]]:5: note: freed here
// CHECK-NOTES: :[[@LINE-3]]:31: note: free the object after its last use, or set 'n' to nullptr when freeing it and test it before use
    delete n;
}

// ---- traps: no finding -------------------------------------------------------

int nulledAfterFree() {
  Node *p = new Node;
  delete p;
  p = nullptr;
  if (p)
    return p->v;
  return 0;
}

void correlated(bool owned) {
  Node *p = new Node;
  if (owned)
    delete p;
  if (!owned)
    p->touch();
}

int reassigned() {
  Node *p = new Node;
  delete p;
  p = new Node;
  int v = p->v;
  delete p;
  return v;
}

void listWalk(Node *head) {
  while (head) {
    Node *next = head->next;
    delete head;
    head = next;
  }
}

int freedOnOtherBranch(bool c) {
  Node *p = new Node;
  int v = 0;
  if (c)
    delete p;
  else
    v = p->v;
  return v;
}

bool compareAfterFree() {
  Node *p = new Node;
  Node *q = p;
  delete p;
  return p == q;
}

void loopReallocates(int n) {
  Node *p = nullptr;
  for (int i = 0; i < n; ++i) {
    p = new Node;
    p->touch();
    delete p;
  }
}

bool validate(Node *n) {
  if (n->v < 0) {
    delete n;
    return false;
  }
  return true;
}
int helperFreesOnSomePaths() {
  Node *n = new Node;
  if (!validate(n))
    return 0;
  return n->v;
}

// ---- analysis v2: paths are never mixed ------------------------------------

struct Page { int users = 0; Page *next = nullptr; };
void drop(Page *p) { delete p; }

// "prev points to the freed page" (one path) meets "cur points to the spare"
// (that path) and "cur is the original page" (the other): cur is never freed.
int afterJoin(Page *cur, Page *spare, bool done) {
  Page *prev = nullptr;
  if (done) { drop(cur); prev = cur; cur = spare; }
  return cur->users + (prev != nullptr);
}

// The same shape in a loop: free the current node, keep a stale copy, move on.
int staleCopyInLoop(Page *cur) {
  Page *prev = nullptr;
  int n = 0;
  while (cur) {
    n += cur->users;
    if (prev)
      n += 1;
    Page *next = cur->next;
    drop(cur);
    prev = cur;
    cur = next;
  }
  return n + (prev != nullptr);
}

// Comparing a stale pointer is not a use of the object.
bool staleCompare(Page *a, Page *b) {
  drop(a);
  return a == b;
}

// Correlated: freed only when `done`, read only when not.
int correlated(Page *cur, bool done) {
  if (done)
    drop(cur);
  int n = 0;
  if (!done)
    n = cur->users;
  return n;
}

// Hits of the same shapes: the join must not hide them.
int afterJoinHit(Page *cur, bool done) {
  if (done)
    drop(cur);
  return cur->users;
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'cur' is dereferenced after the object it points to was freed on some path
// CHECK-NOTES: :[[@LINE-3]]:5: note: freed here, inside 'drop'
// CHECK-NOTES: :[[@LINE-3]]:10: note: free the object after its last use, or set 'cur' to nullptr when freeing it and test it before use
}

int staleCopyInLoopHit(Page *cur) {
  int n = 0;
  while (cur) {
    Page *next = cur->next;
    drop(cur);
    n += cur->users;
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'cur' is dereferenced after the object it points to was freed
// CHECK-NOTES: :[[@LINE-3]]:5: note: freed here, inside 'drop'
// CHECK-NOTES: :[[@LINE-3]]:10: note: free the object after its last use, or set 'cur' to nullptr when freeing it and test it before use
    cur = next;
  }
  return n;
}

// A release through the object's own method: reading it afterwards is up to
// the reference count, which the analysis does not see.
struct Shared { int v = 0; void Ref(); void Unref(); };
int readAfterUnref(Shared *s) {
  s->Ref();
  s->Unref();
  return s->v;
}

// Read through a const reference to the freed pointer.
struct RefNode { int v = 0; };
int throughConstReference() {
  RefNode *n = new RefNode;
  RefNode *const &r = n;
  delete n;
  return r->v;
}
// CHECK-MESSAGES: :[[@LINE-2]]:10: warning: 'n' is dereferenced after the object it points to was freed
