// The C library's settings the all-in-one process starts with. glibc reads them once, when a process
// starts and before any JavaScript runs, so the launchers set them: `npm start` (start.mjs), the benches
// that start the server (bench-serve.mjs) and the image (docker/Dockerfile's ENV). A value already in
// the environment wins. Dependency-free: start.mjs imports it before anything is installed or built.

/**
 * MALLOC_MMAP_THRESHOLD_: allocations of 128 KiB and more get pages of their own, returned to the
 * system when freed. By default glibc raises that threshold (up to 32 MiB) whenever such a block is
 * freed, and from then on keeps the embedded engine's large blocks in its heaps after they are freed
 * (chdb allocates with glibc, not jemalloc): BENCHMARKS.md, "Fourteenth session".
 */
export const SERVE_PROCESS_ENV = Object.freeze({ MALLOC_MMAP_THRESHOLD_: '131072' });

/** `env` with the process settings above where it does not set them itself. */
export function serveProcessEnv(env) {
  return { ...SERVE_PROCESS_ENV, ...env };
}
