import type { Command } from "@natter/protocol";
import { useEffect, useState, type RefObject } from "react";
import { useI18n } from "../i18n/I18n";
import { useChat } from "./ChatContext";
import { handleCompletionKey, placeCaret, type Completion } from "./completion";
import { commandQuery, matchCommands } from "./slashCommands";

/** `/` completion: the built-in and custom commands, with their help text in the reader's language. */
export function useCommandCompletion(input: RefObject<HTMLTextAreaElement | null>, setText: (text: string) => void): Completion {
  const { t } = useI18n();
  const { store } = useChat();
  const [query, setQuery] = useState<string | undefined>(undefined);
  const [commands, setCommands] = useState<Command[] | undefined>(undefined);
  const [active, setActive] = useState(0);
  const wanted = query !== undefined;

  useEffect(() => {
    if (!wanted || commands) return;
    let live = true;
    // Completion is a convenience: without the list, a typed command still runs.
    store.server.commands().then(
      (list) => live && setCommands(list),
      () => undefined,
    );
    return () => void (live = false);
  }, [wanted, commands, store]);

  const matches = query !== undefined && commands ? matchCommands(commands, query) : [];

  function refresh() {
    const element = input.current;
    const next = element ? commandQuery(element.value.slice(0, element.selectionStart)) : undefined;
    if (next !== query) setActive(0);
    setQuery(next);
  }

  function pick(index: number) {
    const element = input.current;
    const chosen = matches[index];
    if (!element || !chosen) return;
    const done = { text: `${chosen.command} ${element.value.slice(element.selectionStart).trimStart()}`, caret: chosen.command.length + 1 };
    setText(done.text);
    setQuery(undefined);
    placeCaret(element, done);
  }

  const close = () => setQuery(undefined);
  return {
    options: matches.map((command) => ({
      key: command.command,
      text: command.usage,
      hint: command.builtIn ? (t.commandHelp[command.command] ?? command.description) : command.description,
    })),
    active,
    onKeyDown: (event) => handleCompletionKey(event, { count: matches.length, active, setActive, pick, close }),
    pick,
    refresh,
    close,
  };
}
