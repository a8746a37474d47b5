#include "header.h"
void destroyInSource(Node *n) { delete n; }
