import { describe, expect, it } from "vitest";
import { completeMention, mentionQuery, mentionSuggestions } from "../../src/chat/mentionQuery.js";

describe("@name completion", () => {
  it("offers names only right after an @ that starts a word", () => {
    expect(mentionQuery("hi @al")).toEqual({ query: "al", start: 3 });
    expect(mentionQuery("@")).toEqual({ query: "", start: 0 });
    expect(mentionQuery("mail me at bob@example")).toBeNull();
    expect(mentionQuery("hi @alice and")).toBeNull();
    expect(mentionQuery("你好 @小")).toEqual({ query: "小", start: 3 });
  });

  it("lists names that start with what was typed before those that contain it, never the writer", () => {
    expect(mentionSuggestions("b", ["alice", "bob", "robert", "carol"], "alice")).toEqual(["bob", "robert"]);
    expect(mentionSuggestions("", ["alice", "bob"], "alice")).toEqual(["bob", "room"]);
    expect(mentionSuggestions("ro", ["bob", "robert"], "carol")).toEqual(["robert", "room"]);
  });

  it("finds people by their display name too, after the usernames that begin with what was typed", () => {
    const names = ["zhangwei", "wendy", "bob"];
    expect(mentionSuggestions("张", names, "bob", { zhangwei: "张伟" })).toEqual(["zhangwei"]);
    expect(mentionSuggestions("we", names, "bob", { zhangwei: "张伟", bob: "Webster" })).toEqual(["wendy", "zhangwei"]);
  });

  it("replaces what was typed with the chosen name and puts the caret after it", () => {
    expect(completeMention("hi @bo how", 6, 3, "bob")).toEqual({ text: "hi @bob  how", caret: 8 });
  });
});
