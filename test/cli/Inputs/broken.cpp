struct Node { int v = 0; };
int broken() { return undeclared_identifier + 1; }
