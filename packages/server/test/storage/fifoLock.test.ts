import { describe, expect, it } from "vitest";
import { FifoLock } from "../../src/storage/sqliteDialect.js";

describe("the SQLite connection lock", () => {
  it("hands the one connection to waiting queries in the order they asked, one at a time", async () => {
    const lock = new FifoLock();
    const order: number[] = [];
    let holders = 0;
    let mostHolders = 0;
    await Promise.all(
      Array.from({ length: 3000 }, async (_, index) => {
        await lock.acquire();
        holders += 1;
        mostHolders = Math.max(mostHolders, holders);
        order.push(index);
        await Promise.resolve();
        holders -= 1;
        lock.release();
      }),
    );
    expect(mostHolders).toBe(1);
    expect(order).toEqual(Array.from({ length: 3000 }, (_, index) => index));
  });

  it("is free again after the last holder releases it", async () => {
    const lock = new FifoLock();
    await lock.acquire();
    lock.release();
    let acquired = false;
    void lock.acquire().then(() => (acquired = true));
    await Promise.resolve();
    expect(acquired).toBe(true);
  });
});
