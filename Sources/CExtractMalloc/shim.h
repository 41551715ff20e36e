#pragma once
#include <malloc.h>

/// M_ARENA_MAX as a constant Swift can see.
static const int CExtractMallocArenaMax = M_ARENA_MAX;
