import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RoomBatcher, adaptiveWindowMs } from "../../src/transport/socket/roomBatcher.js";

describe("how long a room's messages are gathered into one packet", () => {
  it("about two and a half of the room's gaps, never under 5 ms nor over the 25 ms budget", () => {
    expect(adaptiveWindowMs(0.5)).toBe(5);
    expect(adaptiveWindowMs(4)).toBe(10);
    expect(adaptiveWindowMs(10)).toBe(25);
    expect(adaptiveWindowMs(1000)).toBe(25);
  });
});

describe("a room batcher", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] }));
  afterEach(() => vi.useRealTimers());

  function recorder() {
    const packets: number[][] = [];
    const batcher = new RoomBatcher<number>(
      (_, item) => packets.push([item]),
      (_, items) => packets.push(items),
    );
    return { packets, batcher };
  }

  it("sends a quiet room's message at once", () => {
    const { packets, batcher } = recorder();
    batcher.publish(1, 1);
    expect(packets).toEqual([[1]]);
  });

  it("gathers what a room of 100 messages a second says within its window into one packet, in order and once each", () => {
    const { packets, batcher } = recorder();
    for (let i = 0; i < 100; i++) {
      batcher.publish(1, i);
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(100);
    expect(packets.flat()).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(packets.length).toBeLessThan(50);
  });

  it("never holds a message longer than the 25 ms budget", () => {
    const { packets, batcher } = recorder();
    batcher.publish(1, 1);
    batcher.publish(1, 2);
    vi.advanceTimersByTime(24);
    expect(packets).toEqual([[1]]);
    vi.advanceTimersByTime(1);
    expect(packets).toEqual([[1], [2]]);
  });

  it("keeps rooms apart and sends what is gathered when closed", () => {
    const { packets, batcher } = recorder();
    batcher.publish(1, 1);
    batcher.publish(2, 2);
    batcher.publish(1, 3);
    batcher.publish(1, 4);
    batcher.close();
    expect(packets).toEqual([[1], [2], [3, 4]]);
  });
});
