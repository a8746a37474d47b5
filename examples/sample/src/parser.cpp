#include "inventory.h"

#include <cstdlib>
#include <stdexcept>

Item *parseItem(const std::string &line) {
  auto colon = line.find(':');
  if (colon == std::string::npos)
    throw std::invalid_argument("missing ':' in " + line);
  return new Item(line.substr(0, colon), std::atoi(line.c_str() + colon + 1));
}

int sumQuantities(const std::vector<std::string> &lines) {
  int sum = 0;
  for (const std::string &line : lines) {
    Item *item = parseItem(line);
    if (item->quantity < 0)
      continue; // leaks: nothing frees 'item' on this path
    sum += item->quantity;
    delete item;
  }
  return sum;
}

int largestLine(const std::vector<std::string> &lines) {
  char *buffer = new char[256];
  int best = 0;
  for (const std::string &line : lines)
    if (static_cast<int>(line.size()) > best)
      best = static_cast<int>(line.size());
  buffer[0] = '\0';
  delete[] buffer;
  return best;
}
