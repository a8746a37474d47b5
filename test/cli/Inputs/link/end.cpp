void finalFree(char *p) { delete p; }
int *Saved;
void first(int *p) { Saved = p; }
void second(int *p) { (void)*p; }
void loopA(int *p);
void loopB(int *p) { loopA(p); }
