#pragma once
// A small, hand-built MeasurementReport with known values, shared by the report tests.
#include "iliometry/report/MeasurementReport.h"

namespace iliometry::report::fixture {

// 5 slices of 2.5 mm, 1 x 1 mm pixels (1 mm2 per voxel), origin z = 100 mm, identity direction,
// 4 x 4 in-plane voxels (centre at (1.5, 1.5)). Psoas major left has 100, 200, 300, 0, 0 mm2
// on slices 0..4; right 100, 100, 100, 0, 0; iliacus left 0, 0, 50, 60, 0; right all zero.
// Levels: L3 (vertebra) on slice 1, L4/L5 (disc) on slice 3.
MeasurementReport makeReport();

} // namespace iliometry::report::fixture
