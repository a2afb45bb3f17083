#include "iliometry/testdata/Phantom.h"

namespace iliometry::testdata {

Phantom generatePhantom(const PhantomParameters&) { return {}; }

} // namespace iliometry::testdata
