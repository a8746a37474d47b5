#pragma once
// One include per entry of Checks.def (a missing one fails to compile).
#include "RawNewDeleteCheck.h"
#include "CopyAtLastUseCheck.h"
#include "CopyOnlyReadCheck.h"
#include "IneffectiveMoveCheck.h"
#include "ParamCopyCheck.h"
#include "RangeCopyCheck.h"
#include "DoubleFreeCheck.h"
#include "LeakCheck.h"
#include "MismatchedDeallocCheck.h"
#include "UseAfterFreeCheck.h"
#include "UseAfterMoveCheck.h"
