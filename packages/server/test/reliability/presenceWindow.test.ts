import { describe, expect, it } from "vitest";
import { onlineWindowMs, presenceWindowMs } from "../../src/transport/socket/socketPublisher.js";

describe("how long a room's presence changes are gathered into one packet", () => {
  it("a small room hears within 200 ms; a crowd's room waits longer so a mass reconnect does not cost N² writes", () => {
    expect(presenceWindowMs(0)).toBe(200);
    expect(presenceWindowMs(50)).toBe(200);
    expect(presenceWindowMs(400)).toBe(200);
    expect(presenceWindowMs(1_000)).toBe(500);
    expect(presenceWindowMs(10_000)).toBe(5_000);
    expect(presenceWindowMs(1_000_000)).toBe(5_000);
  });

  it("joins and leaves, on a smaller budget, still reach a small room within 200 ms and wait at most 5 s", () => {
    expect(presenceWindowMs(50, 500)).toBe(200);
    expect(presenceWindowMs(1_000, 500)).toBe(2_000);
    expect(presenceWindowMs(5_000, 500)).toBe(5_000);
  });

  it("a room past a page of sockets, told only a count, hears at most once a second and waits at most 5 s", () => {
    expect(onlineWindowMs(50)).toBe(200);
    expect(onlineWindowMs(51)).toBe(1_000);
    expect(onlineWindowMs(1_000)).toBe(2_000);
    expect(onlineWindowMs(100_000)).toBe(5_000);
  });
});
