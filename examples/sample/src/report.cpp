// Copies of heap data that a move or a borrow would have avoided.
#include "inventory.h"

#include <string>
#include <vector>

struct Report {
  std::string title;
  std::vector<std::string> lines;
};

void publish(Report report);

// Each line is copied into the vector, though it is never used again.
Report buildReport(const std::vector<Item> &items, std::string title) {
  Report report;
  report.title = title;
  for (auto item : items) {
    std::string line = item.name;
    line += ": ";
    line += std::to_string(item.quantity);
    report.lines.push_back(line);
  }
  return report;
}

// The caller copies the whole report just for it to be read.
std::size_t countLines(const Report report) { return report.lines.size(); }

void send(const Report &report) {
  Report copy = report;
  publish(copy);
  publish(std::move(report));
}

// A copy of the title, only looked at: a const reference would do.
bool isUrgent(const Report &report) {
  std::string title = report.title;
  return !title.empty() && title[0] == '!';
}
