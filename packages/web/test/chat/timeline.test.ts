import { describe, expect, it } from "vitest";
import { layoutTimeline, mentionsUser, mergeMessages, replaceMessage } from "../../src/chat/timeline.js";
import { message } from "./support/fixtures.js";

describe("the message list", () => {
  it("shows older and newer pages in seq order without repeating a message", () => {
    const shown = [message(3), message(4)];
    const merged = mergeMessages(shown, [message(5), message(1), message(2), message(4)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it("keeps the newest copy of a message when an older copy arrives late", () => {
    const edited = message(2, { text: "edited", rev: 9 });
    expect(mergeMessages([message(1), edited], [message(2)]).at(1)?.text).toBe("edited");
    expect(mergeMessages([message(1), message(2)], [edited]).at(1)?.text).toBe("edited");
  });

  it("replaces an edited or deleted message in place and ignores one that is not loaded", () => {
    const shown = [message(1), message(2)];
    const deleted = message(2, { text: "", deleted: true, rev: 7 });
    expect(replaceMessage(shown, deleted)).toEqual([message(1), deleted]);
    expect(replaceMessage(shown, message(9))).toBe(shown);
    expect(replaceMessage([deleted], message(2))).toEqual([deleted]);
  });

  it("highlights a message that names the reader or says @room", () => {
    expect(mentionsUser(message(1, { mentions: [2] }), 2)).toBe(true);
    expect(mentionsUser(message(1, { mentionsRoom: true }), 2)).toBe(true);
    expect(mentionsUser(message(1, { mentions: [3] }), 2)).toBe(false);
  });

  it("groups one author's messages within five minutes, and starts a new block for another author, a gap, a new day, a reply or the new-messages line", () => {
    // Midday in every time zone the tests run in, so the calendar day is the same for each.
    const at = (time: string, day = "2026-03-10") => `${day}T${time}:00.000Z`;
    const bob = { id: 2, username: "bob" };
    const list = [
      message(1, { createdAt: at("12:00") }),
      message(2, { createdAt: at("12:04") }),
      message(3, { createdAt: at("12:05"), author: bob }),
      message(4, { createdAt: at("12:06"), author: bob }),
      message(5, { createdAt: at("12:12"), author: bob }),
      message(6, { createdAt: at("12:13"), author: bob, replyTo: { id: 10, seq: 1, author: bob, excerpt: "", deleted: false } }),
      message(7, { createdAt: at("12:14"), author: bob }),
      message(8, { createdAt: at("12:15"), author: bob }),
      message(9, { createdAt: at("12:15", "2026-03-11"), author: bob }),
    ];
    const laid = layoutTimeline(list, 8);
    expect(laid.map((entry) => entry.grouped)).toEqual([false, true, false, true, false, false, true, false, false]);
    expect(laid.map((entry) => entry.newDay)).toEqual([true, false, false, false, false, false, false, false, true]);
  });
});
