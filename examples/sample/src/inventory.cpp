#include "inventory.h"

Inventory::Inventory() = default;

Inventory::~Inventory() {
  for (Item *item : items_)
    delete item;
}

void Inventory::add(const std::string &name, int quantity) {
  Item *item = new Item(name, quantity);
  items_.push_back(item);
  lastAdded_ = item;
}

int Inventory::total() const {
  int sum = 0;
  for (const Item *item : items_)
    sum += item->quantity;
  return sum;
}

std::unique_ptr<Item> Inventory::takeFirst() {
  if (items_.empty())
    return nullptr;
  // Ownership moves into the smart pointer: this is the right way.
  std::unique_ptr<Item> first(items_.front());
  items_.erase(items_.begin());
  return first;
}
