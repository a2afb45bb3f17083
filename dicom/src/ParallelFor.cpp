#include "ParallelFor.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace iliometry::dicom {

void parallelFor(std::size_t count, const std::function<void(std::size_t)>& body, unsigned threads) {
  if (threads == 0) threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
  const auto workers = static_cast<unsigned>(std::min<std::size_t>(threads, count));
  if (workers <= 1) {
    for (std::size_t i = 0; i < count; ++i)
      body(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++)
      body(i);
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (unsigned t = 1; t < workers; ++t)
    pool.emplace_back(work);
  work();
  for (auto& thread : pool)
    thread.join();
}

} // namespace iliometry::dicom
