import type { Command } from "@natter/protocol";
import { describe, expect, it } from "vitest";
import { commandQuery, matchCommands, parseSlashCommand } from "../../src/chat/slashCommands.js";

const command = (name: string): Command => ({ id: null, command: name, description: "", usage: name, builtIn: true, url: null });

describe("slash commands in the composer", () => {
  it("a leading /word is a command with the rest as its text; anything else is a message", () => {
    expect(parseSlashCommand("/dnd 1h")).toEqual({ command: "/dnd", text: "1h" });
    expect(parseSlashCommand("  /ME   waves  at you ")).toEqual({ command: "/me", text: "waves  at you" });
    expect(parseSlashCommand("/shrug")).toEqual({ command: "/shrug", text: "" });
    expect(parseSlashCommand("/status 🍜 lunch\nback at 2")).toEqual({ command: "/status", text: "🍜 lunch\nback at 2" });
    for (const text of ["hello /me", "/", "//comment", "/usr/bin/env", "/ spaced"]) expect(parseSlashCommand(text), text).toBeUndefined();
  });

  it("completes only while the caret is in the first word", () => {
    expect(commandQuery("/")).toBe("/");
    expect(commandQuery("/SH")).toBe("/sh");
    expect(commandQuery("/shrug ")).toBeUndefined();
    expect(commandQuery("say /sh")).toBeUndefined();
  });

  it("offers the commands that start with what was typed, in the server's order", () => {
    const all = ["/me", "/mute", "/shrug", "/status"].map(command);
    expect(matchCommands(all, "/m").map((c) => c.command)).toEqual(["/me", "/mute"]);
    expect(matchCommands(all, "/").map((c) => c.command)).toEqual(["/me", "/mute", "/shrug", "/status"]);
    expect(matchCommands(all, "/x")).toEqual([]);
  });
});
