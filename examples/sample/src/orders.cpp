#include "inventory.h"

#include <cstdlib>
#include <cstring>
#include <utility>

struct Order {
  std::string customer;
  std::vector<Item> lines;
};

void submit(Order order);
void audit(const std::string &customer);

// Moves the order away, then reads it.
void placeOrder(Order order) {
  submit(std::move(order));
  audit(order.customer);
}

// Copies a label into a malloc'd buffer and frees it with delete[].
char *label(const std::string &text) {
  char *buf = static_cast<char *>(std::malloc(text.size() + 1));
  std::strcpy(buf, text.c_str());
  return buf;
}

void printLabel(const std::string &text) {
  char *l = label(text);
  delete[] l;
}

// Hands the item back: after this call the caller must not touch it.
void recycle(Item *item) {
  item->quantity = 0;
  delete item;
}

int checkedQuantity(const std::string &line) {
  Item *item = parseItem(line);
  if (item->quantity < 0) {
    recycle(item);
    return item->quantity;
  }
  int q = item->quantity;
  recycle(item);
  delete item;
  return q;
}
