struct One { int v = 0; };
