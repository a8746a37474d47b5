// Another program in the same compile database defines frees() too, and
// differently: the name is ambiguous, and no caller relies on either.
void frees(int *p) { (void)p; }
