// RUN: %check_ownlint --config="{CheckOptions: {Allocators: 'pool_alloc;mylib::make_buffer=new[]', Deallocators: 'pool_free:1;mylib::drop_buffer=new[]', Borrowers: 'log_ptr', ReleaseMethods: 'Drop'}}" %s ownership-leak %t -- -std=c++17
// A project teaches the analysis its own allocators, deallocators, borrowers
// and reference-counting release methods through global options.

struct Pool;
void *pool_alloc(unsigned long n);
void pool_free(Pool *pool, void *p);
void log_ptr(const void *p);
namespace mylib {
char *make_buffer(unsigned long n);
void drop_buffer(char *b);
} // namespace mylib
struct Handle { int v = 0; void Drop() { v = 0; } void Reset() { v = 0; } };

void projectAllocatorLeaks() {
  void *p = pool_alloc(16);
  log_ptr(p);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: the heap object allocated at line {{[0-9]+}} leaks here: 'p' goes out of scope and nothing frees it
// CHECK-NOTES: :[[@LINE-4]]:13: note: allocated here by 'pool_alloc()'
// CHECK-NOTES: :[[@LINE-3]]:1: note: hold it in a std::unique_ptr so every path frees it, or free it before this point

void projectDeallocatorFrees(Pool *pool) {
  void *p = pool_alloc(16);
  log_ptr(p);
  pool_free(pool, p);
}

char qualifiedNames() {
  char *b = mylib::make_buffer(8);
  char c = b[0];
  mylib::drop_buffer(b);
  return c;
}

char qualifiedAllocatorLeaks() {
  char *b = mylib::make_buffer(8);
  return b[0];
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the heap object allocated at line {{[0-9]+}} leaks when the function returns here: 'b' is its only owner and nothing frees it
// CHECK-NOTES: :[[@LINE-3]]:13: note: allocated here by 'make_buffer()'
// CHECK-NOTES: :[[@LINE-3]]:3: note: hold it in a std::unique_ptr so every path frees it, or free it before this point
}

// Drop() is a release method by option: it may delete the handle, whatever
// its body here says.
int releaseMethod() {
  Handle *h = new Handle;
  int v = h->v;
  h->Drop();
  return v;
}

// Reset() is not: a method seen not to release leaves the leak.
int otherMethod() {
  Handle *h = new Handle;
  h->Reset();
  return h->v;
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the heap object allocated at line {{[0-9]+}} leaks when the function returns here: 'h' is its only owner and nothing frees it
// CHECK-NOTES: :[[@LINE-4]]:15: note: allocated here by 'new Handle'
// CHECK-NOTES: :[[@LINE-3]]:3: note: hold it in a std::unique_ptr so every path frees it, or free it before this point
}
