/* global process */
// Preloaded into measured servers (node --expose-gc -r): SIGUSR2 runs a full GC so RSS can be read after it.
process.on("SIGUSR2", () => {
  if (typeof globalThis.gc === "function") globalThis.gc();
});
