import { describe, expect, it } from "vitest";
import { effectiveLevel, matchesKeyword, reasonFor, type SentMessage } from "../../src/domain/notifications/engine.js";
import { checkEndpoint } from "../../src/domain/notifications/push.js";
import type { NotifyTarget } from "../../src/storage/index.js";

const bob = 2;
const target = (change: Partial<NotifyTarget> = {}): NotifyTarget => ({
  user_id: bob,
  notify: "all",
  notify_chosen: 0,
  last_read_seq: 0,
  keywords: "",
  language: "en",
  email_verified_at: null,
  subscriptions: 1,
  ...change,
});
const sent = (change: Partial<SentMessage> = {}): SentMessage => ({
  roomId: 1,
  roomKind: "public",
  memberCount: 5,
  messageId: 10,
  seq: 3,
  authorId: 1,
  text: "hello",
  mentionIds: [],
  mentionsRoom: false,
  ...change,
});

describe("who is told of a message, and why", () => {
  it("a DM always tells, and a mention tells in a room of any size", () => {
    expect(reasonFor(target(), sent({ roomKind: "dm" }))).toBe("dm");
    expect(reasonFor(target(), sent({ memberCount: 500, mentionIds: [bob] }))).toBe("mention");
    expect(reasonFor(target(), sent({ memberCount: 500, mentionsRoom: true }))).toBe("mention");
  });

  it("rooms over 20 members tell of mentions only, unless the member chose every message", () => {
    expect(effectiveLevel(target(), 20)).toBe("all");
    expect(effectiveLevel(target(), 21)).toBe("mentions");
    expect(reasonFor(target(), sent({ memberCount: 21 }))).toBeUndefined();
    expect(reasonFor(target({ notify_chosen: 1 }), sent({ memberCount: 21 }))).toBe("message");
    expect(reasonFor(target({ notify: "mentions", notify_chosen: 1 }), sent())).toBeUndefined();
  });

  it("a reply to bob's thread and bob's keyword tell him in a big room", () => {
    expect(reasonFor(target(), sent({ memberCount: 100, threadAuthorId: bob }))).toBe("thread");
    expect(reasonFor(target({ keywords: "deploy\n发布" }), sent({ memberCount: 100, text: "Deploy at noon" }))).toBe("keyword");
    expect(reasonFor(target({ keywords: "deploy\n发布" }), sent({ memberCount: 100, text: "明天发布新版本" }))).toBe("keyword");
  });

  it("a muted room tells nothing, not even a mention or a DM", () => {
    const muted = target({ notify: "mute", notify_chosen: 1 });
    expect(reasonFor(muted, sent({ mentionIds: [bob] }))).toBeUndefined();
    expect(reasonFor(muted, sent({ roomKind: "dm" }))).toBeUndefined();
  });

  it("a keyword matches a whole word, in any case, and Chinese anywhere", () => {
    expect(matchesKeyword("cat", "The CAT sat")).toBe(true);
    expect(matchesKeyword("cat", "concatenate")).toBe(false);
    expect(matchesKeyword("on call", "who is on call?")).toBe(true);
    expect(matchesKeyword("", "anything")).toBe(false);
    expect(matchesKeyword("会议", "下午的会议取消")).toBe(true);
  });
});

describe("push endpoints", () => {
  it("are https on a public host unless private endpoints are allowed", () => {
    expect(checkEndpoint("https://fcm.googleapis.com/fcm/send/abc", false).host).toBe("fcm.googleapis.com");
    for (const endpoint of [
      "http://push.example.com/x",
      "https://127.0.0.1/x",
      "https://[::1]/x",
      "https://10.1.2.3/x",
      "https://192.168.1.9/x",
      "https://localhost/x",
      "https://[::ffff:127.0.0.1]/x",
      "not a url",
    ]) {
      expect(() => checkEndpoint(endpoint, false), endpoint).toThrow(expect.objectContaining({ code: "BAD_SUBSCRIPTION" }));
    }
    expect(checkEndpoint("http://127.0.0.1:9999/x", true).port).toBe("9999");
    expect(() => checkEndpoint("https://user:pw@push.example.com/x", true)).toThrow(expect.objectContaining({ code: "BAD_SUBSCRIPTION" }));
  });
});
