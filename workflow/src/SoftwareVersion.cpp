#include "iliometry/workflow/MeasureWorkflow.h"

namespace iliometry::workflow {

const char* softwareName() { return "iliometry"; }
const char* softwareVersion() { return ILIOMETRY_VERSION; }

} // namespace iliometry::workflow
