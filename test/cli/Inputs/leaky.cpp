struct Node { int v = 0; };
int leaky() {
  Node *n = new Node;
  int v = n->v;
  delete n;
  return v;
}
