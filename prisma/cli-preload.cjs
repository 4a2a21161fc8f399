// Preloaded into the Prisma CLI by scripts/lib/prisma.ts.
// Prisma 6.19's wasm schema engine leaves a 10-second timer armed after
// `migrate deploy` has finished (a lock timeout it never clears), which keeps
// the CLI process alive for 10 s after its work is done. Unref such long
// timers: a real wait still holds the process open through its socket.
const originalSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = function setTimeoutUnrefLong(callback, ms, ...args) {
  const timer = originalSetTimeout.call(this, callback, ms, ...args);
  if (typeof ms === "number" && ms >= 10_000) timer.unref();
  return timer;
};
