// RUN: %check_ownlint %s ownership-copy-only-read %t -- -std=c++17
#include <map>
#include <string>
#include <vector>

void readRef(const std::string &s);
void readVec(const std::vector<std::string> &v);
void write(std::string &s);
void consume(std::string s);
const std::string &configName();
std::string makeName();
void mutate();

struct Person {
  std::string name_;
  std::vector<std::string> tags_;
  const std::string &name() const { return name_; }

  void report() const;
  void rename();
  void renameThroughAlias(Person &other);
};

// ---- hits ---------------------------------------------------------------

void fromConstRef(const Person &p) {
  std::string n = p.name();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: local copy 'n' ('std::string' (aka '{{[^']*}}')) is only read; the copy allocates a new heap buffer [ownership-copy-only-read]
  // CHECK-NOTES: :[[@LINE-2]]:19: note: copied from 'p.name()', which does not change while 'n' lives
  // CHECK-NOTES: :[[@LINE-3]]:15: note: borrow it instead: declare 'n' as a const reference
  // CHECK-FIXES: {{^}}  const std::string &n = p.name();{{$}}
  readRef(n);
  if (n.empty())
    readRef(n);
}

void Person::report() const {
  // A member (llvm#98005): the peer misses it.
  const auto tags = tags_;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: local copy 'tags' ('const std::vector<std::string>' (aka '{{[^']*}}')) is only read
  // CHECK-FIXES: {{^}}  const auto &tags = tags_;{{$}}
  readVec(tags);
}

void containerElement(const std::vector<std::string> &names) {
  std::string first = names[0];
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: local copy 'first' ('std::string' (aka '{{[^']*}}')) is only read
  // CHECK-FIXES: {{^}}  const std::string &first = names[0];{{$}}
  readRef(first);
}

void copyOfALocal() {
  std::string original = makeName();
  std::string copy = original;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: local copy 'copy' ('std::string' (aka '{{[^']*}}')) is only read
  // CHECK-FIXES: {{^}}  const std::string &copy = original;{{$}}
  readRef(copy);
  readRef(original);
}

decltype(sizeof 0) functionReturningAReference() {
  std::string name = configName();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: local copy 'name' ('std::string' (aka '{{[^']*}}')) is only read
  // CHECK-FIXES: {{^}}  const std::string &name = configName();{{$}}
  return name.size() + (name.empty() ? 0 : 1);
}

void readThroughNonConstAccessors(std::vector<std::string> &names) {
  std::vector<std::string> v = names; // only read, though through v[i] and begin()
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: local copy 'v' ('std::vector<std::string>' (aka '{{[^']*}}')) is only read
  // CHECK-FIXES: {{^}}  const std::vector<std::string> &v = names; // only read{{.*}}
  readRef(v[0]);
  for (const std::string &s : v)
    readRef(s);
}

// Assumed (documented): a call that receives neither the source nor a
// reference or pointer it could change it through does not change it.
void callsThatDoNotSeeTheSource(const Person &p) {
  std::string n = p.name();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: local copy 'n' ('std::string' (aka '{{[^']*}}')) is only read
  // CHECK-FIXES: {{^}}  const std::string &n = p.name();{{$}}
  mutate();
  readRef(n);
}

// ---- no finding -----------------------------------------------------------

void copyIsModified(const Person &p) {
  std::string n = p.name();
  write(n);
}

void copyIsMoved(const Person &p) {
  std::string n = p.name();
  consume(std::move(n));
}

std::string copyIsReturned(const Person &p) {
  std::string n = p.name();
  return n; // returning a const reference would copy anyway
}

void Person::rename() {
  std::string old = name_;
  name_ = "new"; // the source changes while the copy lives
  readRef(old);
}

// llvm#41574: the source changes through another name.
void Person::renameThroughAlias(Person &other) {
  std::string old = other.name_;
  other.name_ = name_;
  name_ = old;
}

void sourceChangesThroughAReference(std::string &a, std::string &b) {
  std::string saved = a;
  write(b); // b may be a
  readRef(saved);
}

void sourceIsATemporary() {
  std::string n = makeName(); // a fresh value, not a copy
  readRef(n);
}

void sourceLocalIsChangedLater() {
  std::vector<std::string> names;
  std::string first = names[0];
  names.push_back("x"); // may reallocate: a reference would dangle
  readRef(first);
}

Person globalPerson;
void unknownCallMayChangeAGlobalSource() {
  std::string n = globalPerson.name_;
  mutate(); // may change globalPerson
  readRef(n);
}

void sourceFromACallThenAnyCall() {
  std::string n = configName();
  mutate(); // may change what configName() refers to
  readRef(n);
}

void cheap(const std::vector<int> &v) {
  int first = v[0];
  (void)first;
}

void capturedByReference(const Person &p) {
  std::string n = p.name();
  auto f = [&] { write(n); };
  f();
}

void nolint(const Person &p) {
  std::string n = p.name(); // NOLINT(ownership-copy-only-read)
  readRef(n);
}

// ---- sources reached through a local reference or a range-for element -------

// The reference names `title`, which changes while the copy lives: the copy
// keeps the old value, a borrow would not.
void throughReferenceChanged(std::string title) {
  const std::string &alias = title;
  const std::string before = alias;
  title += "!";
  readRef(before);
}

// The element is in `names`, which may reallocate while the copy lives: a
// borrow would dangle.
void rangeElementChanged(std::vector<std::string> names, const std::string &extra) {
  for (const auto &n : names) {
    auto saved = n;
    names.push_back(extra);
    readRef(saved);
  }
}

// Followed to an object that does not change: still a finding.
void throughReferenceUnchanged(std::string title) {
  const std::string &alias = title;
  const std::string before = alias;
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: local copy 'before' ('const std::string' (aka 'const basic_string<char>')) is only read; the copy allocates a new heap buffer [ownership-copy-only-read]
  readRef(before);
  readRef(title);
}
