void frees(int *p) { delete p; }
void reads(int *p) {
  if (p)
    *p = 0;
}
void finalFree(char *p);
void handsOn(char *p) { finalFree(p); }
int *fresh() { return new int(3); }
void freesSometimes(int *p, bool really) {
  if (really)
    delete p;
}
int *Kept;
void keeps(int *p) { Kept = p; }
void first(int *p);
void second(int *p);
void handsToTwo(int *p) {
  first(p);
  second(p);
}
int *dangling() {
  int *p = new int;
  delete p;
  return p;
}
void loopB(int *p);
void loopA(int *p) { loopB(p); }
int *refill(int *p) {
  p = new int;
  return p;
}
int *orFresh(int *p) {
  if (!p)
    p = new int;
  return p;
}
void makeInto(int *&out) { out = new int; }
void maybeMake(int *&out, bool really) {
  if (really)
    out = new int;
}
