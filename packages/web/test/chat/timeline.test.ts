import { describe, expect, it } from "vitest";
import { mentionsUser, mergeMessages, replaceMessage } from "../../src/chat/timeline.js";
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
});
