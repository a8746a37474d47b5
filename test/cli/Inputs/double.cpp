struct Node { int v = 0; };
void twice(Node *n, bool again) {
  delete n;
  if (again)
    delete n;
}
