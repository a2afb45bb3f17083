#pragma once
// A minimal parallel loop for file parsing and decoding: a few std::threads pulling indices.
#include <cstddef>
#include <functional>

namespace iliometry::dicom {

// Calls body(i) for every i in [0, count), on up to `threads` threads (0: hardware threads,
// at most 4). body must not throw and must only touch data owned by index i.
void parallelFor(std::size_t count, const std::function<void(std::size_t)>& body, unsigned threads = 0);

} // namespace iliometry::dicom
