import { describe, expect, it } from "vitest";
import { isRoomMention, mentionAt, mentionedNames } from "../src/mentions.js";

describe("the mention grammar the server notifies by and the web draws by", () => {
  it("finds each @name in order, as written", () => {
    expect(mentionedNames("@alice and @Bob: ping @张伟，好")).toEqual(["alice", "Bob", "张伟"]);
  });

  it("a sentence's last dot or dash is not part of the name, one inside it is", () => {
    expect(mentionedNames("thanks @carol. and @d.j.-")).toEqual(["carol", "d.j"]);
  });

  it("an address, a double @ or a name glued to a word mentions no one", () => {
    expect(mentionedNames("bob@example.org x.@carol a-@dave @@erin")).toEqual([]);
  });

  it("a name of one character, or only dots, is no name", () => {
    expect(mentionedNames("@a @. @.. hi")).toEqual([]);
  });

  it("a name stops at 32 characters, and after a character outside names", () => {
    expect(mentionedNames(`@${"x".repeat(40)}`)).toEqual(["x".repeat(32)]);
    expect(mentionedNames("(@frank) 👍@grace")).toEqual(["frank", "grace"]);
  });

  it("a letter outside the basic plane before the @ is a letter", () => {
    expect(mentionedNames("𝐀@heidi")).toEqual([]);
  });

  it("answers for one @ at a time, as the web's markdown reads it", () => {
    expect(mentionAt("hi @ivan!", 3)).toBe("ivan");
    expect(mentionAt("hi @ivan!", 2)).toBeUndefined();
    expect(mentionAt("me@ivan", 2)).toBeUndefined();
  });

  it("@room, @all and @everyone mention the whole room in any case or width; @here is a name", () => {
    expect(["room", "All", "EVERYONE", "ｅｖｅｒｙｏｎｅ"].map(isRoomMention)).toEqual([true, true, true, true]);
    expect(["here", "alice", "rooms"].map(isRoomMention)).toEqual([false, false, false]);
  });
});
