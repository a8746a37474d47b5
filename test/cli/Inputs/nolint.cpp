struct Node { int v = 0; };
void a(Node *n) { delete n; } // NOLINT
void b(Node *n) { delete n; } // NOLINT(ownership-raw-new-delete)
void c(Node *n) { delete n; } // NOLINT(bugprone-*)
// NOLINTNEXTLINE(ownership-raw-new-delete)
void d(Node *n) { delete n; }
// NOLINTBEGIN(ownership-*)
void e(Node *n) { delete n; }
void f(Node *n) { delete n; }
// NOLINTEND(ownership-*)
void g(Node *n) { delete n; }
