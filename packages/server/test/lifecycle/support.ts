/** Both stores, with the server's settings chosen per test (a clock, what a deleted account leaves). */
export { onEveryStore as onBothStores, type StartServer as StartWith } from "../support/stores.js";

/** A clock the test moves forward: the server's `now` is the real time plus what the test added. */
export function movableClock() {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      offset += ms;
    },
  };
}
