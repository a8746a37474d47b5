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
