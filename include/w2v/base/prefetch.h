#pragma once
// Hints that bring a cache line in ahead of its use.
//
// asm statements, not __builtin_prefetch: GCC 12 takes a function whose only
// effect is __builtin_prefetch for one without effects, and deletes its calls
// once it is not inlined early (PrivateRows::prefetch compiled to a bare
// `ret`; HuffmanTree::prefetch_path was deleted whole from the training
// loop), so the steps then wait for the memory the hints were to fetch.

namespace w2v {

// For reading, into every cache level (prefetcht0).
inline void prefetch_read(const void* p) {
#if defined(__x86_64__) || defined(__i386__)
  asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char*>(p)));
#else
  __builtin_prefetch(p, 0, 3);
#endif
}

// For writing: the line comes in exclusive state, so that a line another core
// wrote last costs one transfer between the cores instead of two (a shared
// copy for the read, then the invalidation for the write). prefetchw is in
// every AMD64 CPU; Intel CPUs before Broadwell execute it as a NOP.
inline void prefetch_write(const void* p) {
#if defined(__x86_64__) || defined(__i386__)
  asm volatile("prefetchw %0" : : "m"(*static_cast<const char*>(p)));
#else
  __builtin_prefetch(p, 1, 2);
#endif
}

}  // namespace w2v
