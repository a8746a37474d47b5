#include "one.h"
int a() {
  One *p = new One;
  int v = p->v;
  delete p;
  return v;
}
