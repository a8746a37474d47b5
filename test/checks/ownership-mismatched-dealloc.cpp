// RUN: %check_ownlint %s ownership-mismatched-dealloc %t -- -std=c++17
#include <cstdlib>
#include <memory>

struct Node { int v = 0; };

// ---- hits -------------------------------------------------------------------

void arrayWithDelete() {
  int *a = new int[8];
  delete a;
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated with 'new[]' is released with 'delete'; release it with 'delete[]'
// CHECK-NOTES: :[[@LINE-3]]:12: note: allocated here with 'new[]'
}

void objectWithDeleteArray() {
  Node *n = new Node;
  delete[] n;
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is released with 'delete[]'; release it with 'delete'
// CHECK-NOTES: :[[@LINE-3]]:13: note: allocated here with 'new'
}

void mallocWithDelete() {
  char *m = static_cast<char *>(malloc(8));
  delete m;
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated with 'malloc()' is released with 'delete'; release it with 'free()'
// CHECK-NOTES: :[[@LINE-3]]:33: note: allocated here with 'malloc()'
}

void newWithFree() {
  Node *n = new Node;
  free(n);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is released with 'free()'; release it with 'delete'
// CHECK-NOTES: :[[@LINE-3]]:13: note: allocated here with 'new'
}

void throughAlias() {
  int *a = new int[4];
  int *b = a;
  delete b;
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated with 'new[]' is released with 'delete'; release it with 'delete[]'
// CHECK-NOTES: :[[@LINE-4]]:12: note: allocated here with 'new[]'
}

void smartPointerToArray() {
  std::unique_ptr<int> u(new int[3]);
// CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'std::unique_ptr<int>' frees with 'delete', but the object was allocated with 'new[]'; use a smart pointer to an array type (T[])
// CHECK-NOTES: :[[@LINE-2]]:26: note: allocated here with 'new[]'
}

void arraySmartPointerToObject() {
  std::unique_ptr<Node[]> u(new Node);
// CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'std::unique_ptr<Node[]>' frees with 'delete[]', but the object was allocated with 'new'
// CHECK-NOTES: :[[@LINE-2]]:29: note: allocated here with 'new'
}

void sharedPointerToArray() {
  std::shared_ptr<Node> s(new Node[2]);
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'std::shared_ptr<Node>' frees with 'delete', but the object was allocated with 'new[]'; use a smart pointer to an array type (T[])
// CHECK-NOTES: :[[@LINE-2]]:27: note: allocated here with 'new[]'
}

void onSomePath(bool c) {
  int *a = c ? nullptr : new int[2];
  int *b = new int[2];
  if (c)
    b = new int;
  delete[] b;
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated with 'new' is released with 'delete[]'; release it with 'delete'
// CHECK-NOTES: :[[@LINE-3]]:9: note: allocated here with 'new'
  delete[] a;
}

// ---- traps: no finding -------------------------------------------------------

void matching() {
  int *a = new int[8];
  delete[] a;
  Node *n = new Node;
  delete n;
  char *m = static_cast<char *>(malloc(8));
  free(m);
  std::unique_ptr<int[]> u(new int[3]);
  std::unique_ptr<Node> v(new Node);
}

struct FreeDeleter {
  void operator()(void *p) const { free(p); }
};
void customDeleter() {
  std::unique_ptr<char, FreeDeleter> p(static_cast<char *>(malloc(4)));
}

void unknownOrigin(Node *n, int *a) {
  delete n;
  delete[] a;
}

void reassignedBeforeDelete() {
  int *a = new int[2];
  delete[] a;
  a = new int;
  delete a;
}

// ---- through a factory defined in this file ----------------------------------

char *copyText(int n) { return static_cast<char *>(malloc(n)); }
void factoryMismatch() {
  char *text = copyText(4);
  delete[] text;
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated with 'malloc()' is released with 'delete[]'; release it with 'free()'
// CHECK-NOTES: :[[@LINE-3]]:16: note: allocated here with 'malloc()'
}

// A local reference is another name for the pointer (Juliet's variant 33):
// the inner 'data' is initialised through it.
void throughReference() {
  char *data = nullptr;
  char *&ref = data;
  data = (char *)malloc(100);
  {
    char *data = ref;
    delete[] data;
  }
}
// CHECK-MESSAGES: :[[@LINE-3]]:5: warning: memory allocated with 'malloc()' is released with 'delete[]'; release it with 'free()'
