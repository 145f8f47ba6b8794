import { describe, expect, it } from "vitest";
import { emojiOf } from "../../src/importers/slack/emoji.js";
import { decodeEntities, slackToMarkdown } from "../../src/importers/slack/markup.js";

const names = {
  user: (id: string) => ({ U1: "alice", U2: "bob" })[id],
  channel: (id: string) => ({ C1: "general", C2: "design" })[id],
};
const convert = (text: string) => slackToMarkdown(text, names);

describe("Slack markup becomes Natter's markdown", () => {
  it("user mentions become @name, and say who was mentioned", () => {
    expect(convert("hi <@U1> and <@U2|bobby>, <@U1> again")).toEqual({ text: "hi @alice and @bob, @alice again", mentions: ["U1", "U2"], mentionsRoom: false });
  });

  it("a user the export does not know keeps the label Slack gave, else the id", () => {
    expect(convert("<@U9|zed> <@U8>").text).toBe("@zed @U8");
  });

  it("channel links become #name, from the link's label or the export's channels", () => {
    expect(convert("see <#C2|design> and <#C1> and <#C7|elsewhere>").text).toBe("see #design and #general and #elsewhere");
  });

  it("links with text become [text](url), bare links stay bare, mail links lose mailto:", () => {
    expect(convert("<https://example.com/a?x=1&amp;y=2|the docs>").text).toBe("[the docs](https://example.com/a?x=1&y=2)");
    expect(convert("<https://example.com>").text).toBe("https://example.com");
    expect(convert("<https://example.com|https://example.com>").text).toBe("https://example.com");
    expect(convert("<mailto:a@example.com|a@example.com>").text).toBe("a@example.com");
    expect(convert("<https://example.com/(x) y|a [b]>").text).toBe("[a \\[b\\]](https://example.com/%28x%29%20y)");
  });

  it("@channel, @here and @everyone mention the room", () => {
    expect(convert("<!channel> <!here|here>")).toMatchObject({ text: "@room @room", mentionsRoom: true });
    expect(convert("<!everyone>")).toMatchObject({ text: "@everyone", mentionsRoom: true });
    expect(convert("<!subteam^S1|@designers> <!date^1392734382^{date}|Feb 18th>").text).toBe("@designers Feb 18th");
  });

  it("*bold* becomes **bold** and ~strike~ ~~strike~~; _italic_ and :emoji: stay", () => {
    expect(convert("*bold* ~gone~ _slanted_ :tada: :+1:").text).toBe("**bold** ~~gone~~ _slanted_ :tada: :+1:");
    expect(convert("(*a*, *b c*) and *x*.").text).toBe("(**a**, **b c**) and **x**.");
  });

  it("stars and tildes that are not markup are left alone", () => {
    expect(convert("2*3*4 = 24, ~/home, a * b *, snake*case* ").text).toBe("2*3*4 = 24, ~/home, a * b *, snake*case* ");
    expect(convert("<https://example.com/~user/*x*|*x*>").text).toBe("[*x*](https://example.com/~user/*x*)");
  });

  it("code keeps its characters; only Slack's escapes are undone", () => {
    expect(convert("`*x* &lt;b&gt;` and *y*").text).toBe("`*x* <b>` and **y**");
    expect(convert("```\n*a* ~b~ <https://example.com>\n```").text).toBe("```\n*a* ~b~ https://example.com\n```");
  });

  it("&lt;, &gt; and &amp; are decoded once", () => {
    expect(convert("a &lt; b &amp;&amp; c &gt; d &amp;lt;").text).toBe("a < b && c > d &lt;");
    expect(decodeEntities("&quot;hi&quot;")).toBe('"hi"');
  });

  it("a quote stays a quote", () => {
    expect(convert("&gt; quoted\nplain").text).toBe("> quoted\nplain");
  });
});

describe("reaction names become emoji", () => {
  it("by Slack's names, with skin tones; a custom emoji has none", () => {
    expect(emojiOf("+1")).toBe("👍");
    expect(emojiOf("thumbsup")).toBe("👍");
    expect(emojiOf("tada")).toBe("🎉");
    expect(emojiOf("+1::skin-tone-3")).toBe("👍🏼");
    expect(emojiOf("partyparrot")).toBeUndefined();
  });
});
