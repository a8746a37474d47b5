struct Two { int v = 0; };
