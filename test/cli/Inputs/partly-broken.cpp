struct Node { int v = 0; };
int broken(Node *n) {
  return n->missing_member + undeclared;
}
int leaks(bool c) {
  Node *p = new Node;
  if (c)
    return 1;
  delete p;
  return 0;
}
UnknownType alsoBroken(UnknownType x) { return x; }
