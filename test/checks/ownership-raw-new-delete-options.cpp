// RUN: %check_ownlint --config="{CheckOptions: {ownership-raw-new-delete.WarnOnOwnershipTransfer: true, ownership-raw-new-delete.IgnoredTypes: '^struct Q.*;Arena', ownership-raw-new-delete.OwnerTypes: 'Owned'}}" %s ownership-raw-new-delete %t
#include <memory>
struct Node { int v = 0; };
struct QWidget { explicit QWidget(QWidget *parent = nullptr) {} };
template <class T> struct Owned { explicit Owned(T *) {} };
int sink(Node *);

void transfer() {
  sink(new Node);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: the 'Node' allocated here is handed over as a raw pointer; the receiver's signature does not say it takes ownership: pass 'std::unique_ptr<Node>'
}

// IgnoredTypes: parent-owned widgets are a library's ownership model.
void widgets(QWidget *parent) {
  QWidget *child = new QWidget(parent);
  (void)child;
}

// OwnerTypes replaces the default list: the listed type takes ownership, and
// std::unique_ptr is still recognised by its shape (operator-> and a
// user-provided destructor).
void owners() {
  Owned<Node> a(new Node);
  std::unique_ptr<Node> b(new Node);
}
