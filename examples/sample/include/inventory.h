#pragma once
#include <memory>
#include <string>
#include <vector>

struct Item {
  std::string name;
  int quantity = 0;
  Item(std::string n, int q) : name(std::move(n)), quantity(q) {}
};

class Inventory {
public:
  Inventory();
  ~Inventory();
  void add(const std::string &name, int quantity);
  int total() const;
  std::unique_ptr<Item> takeFirst();

private:
  std::vector<Item *> items_;
  Item *lastAdded_ = nullptr;
};

Item *parseItem(const std::string &line);
int sumQuantities(const std::vector<std::string> &lines);
