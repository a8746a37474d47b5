#include <memory>
struct Node { int v = 0; };
int clean() {
  auto n = std::make_unique<Node>();
  return n->v;
}
