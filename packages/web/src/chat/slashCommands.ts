import type { Command } from "@natter/protocol";

/** `/dnd 1h` as the command and its text; undefined when the text is not a command (it is sent as a message). */
export function parseSlashCommand(text: string): { command: string; text: string } | undefined {
  const match = /^(\/[a-z0-9][a-z0-9_-]{0,31})(?:\s+([\s\S]*))?$/i.exec(text.trim());
  if (!match?.[1]) return undefined;
  return { command: match[1].toLowerCase(), text: (match[2] ?? "").trim() };
}

/** The command being typed: only while the caret is still in the first word, which starts with `/`. */
export function commandQuery(beforeCaret: string): string | undefined {
  return /^\/[a-z0-9_-]*$/i.test(beforeCaret) ? beforeCaret.toLowerCase() : undefined;
}

/** Commands whose name starts with what was typed, built-ins first as the server lists them. */
export function matchCommands(commands: readonly Command[], query: string): Command[] {
  return commands.filter((command) => command.command.startsWith(query));
}
