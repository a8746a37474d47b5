struct Node { int v = 0; };
inline void destroyInHeader(Node *n) { delete n; }
