#pragma once
// One include per entry of Checks.def (a missing one fails to compile).
#include "CopyAtLastUseCheck.h"
#include "CopyOnlyReadCheck.h"
#include "DoubleFreeCheck.h"
#include "IneffectiveMoveCheck.h"
#include "LeakCheck.h"
#include "MismatchedDeallocCheck.h"
#include "ParamCopyCheck.h"
#include "RangeCopyCheck.h"
#include "RawNewDeleteCheck.h"
#include "UseAfterFreeCheck.h"
#include "UseAfterMoveCheck.h"
