// The callers: every callee is defined in another file (callee.cpp, end.cpp).
#include <cstdlib>
void frees(int *p);
void reads(int *p);
void handsOn(char *p);
int *fresh();
void freesSometimes(int *p, bool really);
void keeps(int *p);
void handsToTwo(int *p);
int *dangling();
void loopA(int *p);

void freedTwice() {
  int *p = new int;
  frees(p);
  delete p; // HIT double free
}

void usedAfterFree() {
  int *p = new int;
  frees(p);
  *p = 1; // HIT use after free
}

void leaked() {
  int *p = new int;
  reads(p);
} // HIT leak: reads() only reads

void freedHere() {
  int *p = new int;
  reads(p);
  delete p;
}

void mismatched() {
  char *p = (char *)calloc(10, 1);
  handsOn(p); // HIT: two files on, 'delete' frees what calloc allocated
}

void freshLeaks() {
  int *p = fresh();
  *p = 2;
} // HIT leak: fresh() returns a new object

void freshFreed() {
  int *p = fresh();
  delete p;
}

// Traps: nothing here is manifest.
void sometimes(bool b) {
  int *p = new int;
  freesSometimes(p, b);
  *p = 3; // freed on some paths inside: not manifest
}

void stored() {
  int *p = new int;
  keeps(p);
} // kept elsewhere: no leak

void toTwo() {
  int *p = new int;
  handsToTwo(p);
} // handed to two functions: unresolved, kept

void danglingSource() {
  int *p = dangling();
  (void)p;
} // dangling() frees what it returns: nothing to leak

void cycle() {
  int *p = new int;
  loopA(p);
} // a hand-on cycle: unresolved, kept

int *refill(int *p);
int *orFresh(int *p);
void refilled() {
  int *q = nullptr;
  q = refill(q);
  *q = 1;
} // HIT leak: refill() reassigns its parameter with a new object and returns it

void maybeFresh(int *given) {
  int *q = orFresh(given);
  *q = 1;
} // orFresh() may return the caller's own pointer: no leak

void makeInto(int *&out);
void maybeMake(int *&out, bool really);
void outLeaks() {
  int *p = nullptr;
  makeInto(p);
} // HIT leak: makeInto() puts a new object in 'p'

void outMaybe(bool b) {
  int *p = nullptr;
  maybeMake(p, b);
} // only on some paths: not manifest
