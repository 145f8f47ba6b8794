import type { UserRef } from "@natter/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Publisher } from "../../src/domain/publisher.js";
import { TYPING_TTL_MS, TypingTracker } from "../../src/domain/typing.js";

const dave: UserRef = { id: 4, username: "dave" };
const GENERAL = 1;
const DESIGN = 2;

/** A tracker whose announcements are written down as "room: user typing". */
function tracker(): { typing: TypingTracker; heard: string[] } {
  const heard: string[] = [];
  const ignore = () => undefined;
  const publisher: Publisher = {
    available: () => true,
    toRoom: ignore,
    toRoomExceptUser: (_roomId, _userId, event, ...args) => {
      const [payload] = args;
      if (event === "typing" && payload && "typing" in payload) heard.push(`${payload.room}: ${payload.user.username} ${payload.typing}`);
    },
    toEveryone: ignore,
    toUser: ignore,
    closeSession: ignore,
    closeUser: ignore,
    follow: async () => undefined,
    unfollow: async () => undefined,
    closeRoom: async () => undefined,
    shareRosterChange: ignore,
  };
  return { typing: new TypingTracker(publisher), heard };
}

describe("'X is typing…' on the server's clock (fake timers)", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("ends by itself 5 s after it started, when nobody refreshes it", () => {
    const { typing, heard } = tracker();
    typing.start(GENERAL, "general", dave);
    vi.advanceTimersByTime(TYPING_TTL_MS - 1);
    expect(heard).toEqual(["general: dave true"]);
    vi.advanceTimersByTime(1);
    expect(heard).toEqual(["general: dave true", "general: dave false"]);
  });

  it("a refresh keeps it showing for 5 s from the refresh", () => {
    const { typing, heard } = tracker();
    typing.start(GENERAL, "general", dave);
    vi.advanceTimersByTime(3_000);
    typing.start(GENERAL, "general", dave);
    vi.advanceTimersByTime(TYPING_TTL_MS - 1);
    expect(heard).toEqual(["general: dave true", "general: dave true"]);
    vi.advanceTimersByTime(1);
    expect(heard.at(-1)).toBe("general: dave false");
  });

  it("a send ends it at once, and its timer then says nothing more", () => {
    const { typing, heard } = tracker();
    typing.start(GENERAL, "general", dave);
    typing.stop(GENERAL, dave.id);
    vi.advanceTimersByTime(TYPING_TTL_MS * 2);
    expect(heard).toEqual(["general: dave true", "general: dave false"]);
  });

  it("a disconnect ends it in every room the person was typing in", () => {
    const { typing, heard } = tracker();
    typing.start(GENERAL, "general", dave);
    typing.start(DESIGN, "design", dave);
    typing.stopEverywhere(dave.id);
    expect(heard.slice(2).sort()).toEqual(["design: dave false", "general: dave false"]);
    vi.advanceTimersByTime(TYPING_TTL_MS);
    expect(heard).toHaveLength(4);
  });
});
