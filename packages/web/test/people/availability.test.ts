import type { Availability } from "@natter/protocol";
import { describe, expect, it } from "vitest";
import { inOneHour, liveStatus, shownState, tomorrowMorning } from "../../src/people/availability.js";

const NOW = Date.parse("2026-03-10T22:30:00Z");
const plain: Availability = { away: false, awayChosen: false, dnd: false, dndUntil: null, statusEmoji: "", statusText: "", statusExpiresAt: null };

describe("how someone's availability is shown", () => {
  it("do-not-disturb outranks away, and one that ran out shows as what is left", () => {
    expect(shownState(undefined, NOW)).toBe("active");
    expect(shownState({ ...plain, away: true }, NOW)).toBe("away");
    expect(shownState({ ...plain, away: true, dnd: true }, NOW)).toBe("dnd");
    expect(shownState({ ...plain, away: true, dnd: true, dndUntil: new Date(NOW - 1).toISOString() }, NOW)).toBe("away");
  });

  it("a custom status shows until its expiry, and an empty one not at all", () => {
    const lunch = { ...plain, statusEmoji: "🍜", statusText: "午饭", statusExpiresAt: new Date(NOW + 60_000).toISOString() };
    expect(liveStatus(lunch, NOW)).toEqual({ emoji: "🍜", text: "午饭" });
    expect(liveStatus(lunch, NOW + 60_000)).toBeNull();
    expect(liveStatus(plain, NOW)).toBeNull();
  });

  it("ends do-not-disturb an hour on, or at 08:00 of the browser's next day", () => {
    expect(Date.parse(inOneHour(new Date(NOW))) - NOW).toBe(3_600_000);
    const tomorrow = new Date(tomorrowMorning(new Date(NOW)));
    expect([tomorrow.getHours(), tomorrow.getMinutes()]).toEqual([8, 0]);
    expect(tomorrow.getTime() - NOW).toBeGreaterThan(0);
    expect(tomorrow.getTime() - NOW).toBeLessThanOrEqual(32 * 3_600_000);
  });
});
