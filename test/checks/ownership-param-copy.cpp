// RUN: %check_ownlint %s ownership-param-copy %t -- -std=c++17
#include <memory>
#include <string>
#include <vector>

void readRef(const std::string &s);
void write(std::string &s);
void consume(std::string s);
struct Item { std::string name; int id = 0; };

// ---- hits ---------------------------------------------------------------

bool isAdmin(std::string user) {
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: parameter 'user' ('std::string' (aka '{{[^']*}}')) is copied at every call but only read; the copy allocates a new heap buffer [ownership-param-copy]
  // CHECK-NOTES: :[[@LINE-2]]:26: note: take it by const reference (or as std::string_view, if only its characters are read)
  // CHECK-FIXES: {{^}}bool isAdmin(const std::string &user) {{{$}}
  return user == "root";
}

int total(const std::vector<Item> items) {
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: parameter 'items' ('const std::vector<Item>') is copied at every call but only read
  // CHECK-NOTES: :[[@LINE-2]]:35: note: take it by const reference{{$}}
  // CHECK-FIXES: {{^}}int total(const std::vector<Item> &items) {{{$}}
  int n = 0;
  for (const Item &i : items)
    n += i.id;
  return n;
}

int declaredTwice(std::string s);
int declaredTwice(std::string s) { return (int)s.size(); }
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: parameter 's' ('std::string' (aka '{{[^']*}}')) is copied at every call but only read
// No fix-it: the signature is declared elsewhere too.
// CHECK-FIXES: {{^}}int declaredTwice(std::string s) { return (int)s.size(); }{{$}}

struct Person {
  std::string name_;
  explicit Person(const std::string &name) : name_(name) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: parameter 'name' ('const std::string &' (aka '{{[^']*}}')) is taken by const reference and then copied into 'name_'; the copy allocates a new heap buffer
  // CHECK-NOTES: :[[@LINE-2]]:52: note: copied here
  // CHECK-NOTES: :[[@LINE-3]]:38: note: take it by value and move it into 'name_': callers passing a temporary then pay no copy at all
  void setName(const std::string &n) { name_ = n; }
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: parameter 'n' ('const std::string &' (aka '{{[^']*}}')) is taken by const reference and then copied into 'name_'
  // CHECK-NOTES: :[[@LINE-2]]:48: note: copied here
  bool lambdas() const {
    auto f = [](std::string s) { return s.empty(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: parameter 's' ('std::string' (aka '{{[^']*}}')) is copied at every call but only read
    // CHECK-FIXES: {{^}}    auto f = [](const std::string &s) { return s.empty(); };{{$}}
    return f(name_);
  }
};

// ---- no finding -----------------------------------------------------------

void modified(std::string s) {
  write(s);
}

void movedOn(std::string s) {
  consume(std::move(s));
}

void copiedOn(std::string s) {
  consume(s); // ownership-copy-at-last-use suggests a move here instead
}

struct Tags {
  std::vector<std::string> tags_;
  void add(std::string t) { tags_.push_back(t); } // a sink: ownership-copy-at-last-use says move it
};

void alreadyConstRef(const std::string &s) { readRef(s); }

void cheap(int n, Item *p) { (void)n; (void)p; }

struct Base {
  virtual ~Base();
  virtual void handle(std::string msg) { readRef(msg); }
};
struct Derived : Base {
  void handle(std::string msg) override { readRef(msg); }
};

struct Value {
  std::vector<int> v;
  Value &operator=(Value other); // copy-and-swap
  Value(const Value &other) : v(other.v) {}
};

void callback(std::string s) { readRef(s); }
void (*registered)(std::string) = &callback; // the signature is fixed by the pointer type

template <class T> void generic(T t) { (void)t; }

void unused(std::string) {}

void constRefUsedTwice(Person &p, const std::string &n) {
  p.name_ = n;
  readRef(n);
}

void nolint(std::string s) { readRef(s); } // NOLINT(ownership-param-copy)

void copiedIntoALocal(const std::string &s) {
  std::string t = s; // a local: callers would gain only when passing temporaries
  t += "x";
  readRef(t);
}

// A move-only type is moved in by every caller, never copied: no finding,
// however heavy it is.
struct Job {
  std::vector<int> steps;
  std::unique_ptr<int> owner;
};
int moveOnly(Job j) { return static_cast<int>(j.steps.size()); }

// ---- templates: the template's own body ---------------------------------------

// A std::vector<T> allocates whatever T is, and size()/empty() only look.
template <typename T> int templateOnlyRead(std::vector<T> v) {
  // CHECK-MESSAGES: :[[@LINE-1]]:59: warning: parameter 'v' ('std::vector<T>') is copied at every call but only read; the copy allocates a new heap buffer [ownership-param-copy]
  // CHECK-FIXES: {{^}}template <typename T> int templateOnlyRead(const std::vector<T> &v) {{{$}}
  return static_cast<int>(v.size()) + (v.empty() ? 1 : 0);
}
// A dependent call that may write: not only read.
template <typename T> int templateWrites(std::vector<T> v) {
  v.push_back(T());
  return static_cast<int>(v.size());
}
// A bare T costs what its arguments cost: left to them.
template <typename T> int templateBareT(T v) { return static_cast<int>(v.size()); }
