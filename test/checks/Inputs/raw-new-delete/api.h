// A header of ownership-raw-new-delete.cpp: functions whose signatures other
// files share.
#pragma once
struct Gadget {
  int size = 0;
};
Gadget *makeGadget();
void openGadget(Gadget **out);
void destroyGadget(Gadget *g);
Gadget *buildGadget(int n);
