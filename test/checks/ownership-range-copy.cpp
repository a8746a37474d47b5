// RUN: %check_ownlint %s ownership-range-copy %t -- -std=c++17
#include <map>
#include <memory>
#include <string>
#include <vector>

void readRef(const std::string &s);
void write(std::string &s);
void consume(std::string s);
std::vector<std::string> makeNames();
struct Item { std::string name; int id = 0; };
struct Point { int x = 0, y = 0; };

// ---- hits ---------------------------------------------------------------

void printAll(const std::vector<std::string> &names) {
  for (auto name : names)
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: loop variable 'name' ('std::basic_string<char>') is copied on every iteration but only read; the copy allocates a new heap buffer [ownership-range-copy]
    // CHECK-NOTES: :[[@LINE-2]]:13: note: borrow each element instead: declare 'name' as a const reference
    // CHECK-FIXES: {{^}}  for (const auto &name : names){{$}}
    readRef(name);
}

int countIds(std::vector<Item> &items) {
  int n = 0;
  for (Item item : items) {
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: loop variable 'item' ('Item') is copied on every iteration but only read
    // CHECK-FIXES: {{^}}  for (const Item &item : items) {{{$}}
    n += item.id;
    readRef(item.name);
  }
  return n;
}

void temporaryRange() {
  for (const std::string s : makeNames())
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: loop variable 's' ('const std::string' (aka '{{[^']*}}')) is copied on every iteration but only read
    // CHECK-FIXES: {{^}}  for (const std::string &s : makeNames()){{$}}
    readRef(s);
}

void sharedPointers(const std::vector<std::shared_ptr<Item>> &items) {
  for (auto p : items)
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: loop variable 'p' ('std::shared_ptr<Item>') is copied on every iteration but only read; the copy bumps an atomic reference count
    readRef(p->name);
}

// An intrusive reference-counted pointer: its copy is refcount traffic too.
template <class T> class Ref {
public:
  Ref(const Ref &o) : p_(o.p_) { ++p_->refs; }
  ~Ref() { --p_->refs; }
  T *operator->() const { return p_; }
private:
  T *p_;
};
struct Counted { int refs = 0; std::string name; };
void intrusive(const std::vector<Ref<Counted>> &items, std::vector<std::string> &out) {
  for (auto item : items)
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: loop variable 'item' ('Ref<Counted>') is copied on every iteration but only read; the copy bumps a reference count [ownership-range-copy]
    out.push_back(item->name + "!"); // a temporary handed to push_back(T&&) changes nothing else
}

// ---- no finding -----------------------------------------------------------

void modified(const std::vector<std::string> &names) {
  for (auto name : names) {
    write(name);
    readRef(name);
  }
}

void moved(const std::vector<std::string> &names) {
  for (auto name : names)
    consume(std::move(name));
}

void alreadyReferences(const std::vector<std::string> &names) {
  for (const auto &name : names)
    readRef(name);
}

void cheapElements(const std::vector<Point> &points) {
  for (auto p : points)
    (void)p.x;
}

void theLoopChangesTheRange(std::vector<std::string> &names) {
  for (auto name : names) {
    names.clear(); // a borrowed element would dangle
    readRef(name);
  }
}

struct Queue {
  std::vector<std::string> pending;
  void drop();
  void run() {
    for (auto job : pending) {
      drop(); // may change 'pending' behind the loop's back
      readRef(job);
    }
  }
};

template <class T> void generic(const std::vector<T> &v) {
  for (auto x : v)
    (void)x;
}

void nolint(const std::vector<std::string> &names) {
  for (auto name : names) // NOLINT(ownership-range-copy)
    readRef(name);
}
