#include "two.h"
int b() {
  Two *p = new Two;
  int v = p->v;
  delete p;
  return v;
}
