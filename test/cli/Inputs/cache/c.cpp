int c() {
  int *p = new int(1);
  int v = *p;
  delete p;
  return v;
}
