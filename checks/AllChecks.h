#pragma once
// One include per entry of Checks.def (a missing one fails to compile).
#include "RawNewDeleteCheck.h"
