// Header-only: see include/CDescentKernels.h. SwiftPM needs one source file per C target.
#include "CDescentKernels.h"
