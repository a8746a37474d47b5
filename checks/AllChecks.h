#pragma once
// One include per entry of Checks.def (a missing one fails to compile).
#include "RawNewDeleteCheck.h"
#include "DoubleFreeCheck.h"
#include "LeakCheck.h"
#include "MismatchedDeallocCheck.h"
#include "UseAfterFreeCheck.h"
#include "UseAfterMoveCheck.h"
