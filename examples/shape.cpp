#include <memory>
struct Shape {
  Shape(int w, int h) : w(w), h(h) {}
  bool empty() const { return w == 0 || h == 0; }
  int area() const { return w * h; }
  int w, h;
};

int area(int w, int h) {
  Shape *s = new Shape(w, h);
  if (s->empty())
    return 0;
  int a = s->area();
  delete s;
  return a;
}
