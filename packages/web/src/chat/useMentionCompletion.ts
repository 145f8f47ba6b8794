import { useEffect, useState, type KeyboardEvent, type RefObject } from "react";
import { client } from "../session/useSession";
import { useChatState } from "./ChatContext";
import { completeMention, mentionQuery, mentionSuggestions } from "./mentionQuery";

interface Completion {
  suggestions: string[];
  active: number;
  /** Returns true when the key was used to move through or pick a suggestion. */
  onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean;
  pick(name: string): void;
  /** Call after every change of the text or caret. */
  refresh(): void;
  close(): void;
}

/** `@name` completion from the room's members, driven from the composer's keyboard. */
export function useMentionCompletion(room: string, input: RefObject<HTMLTextAreaElement | null>, setText: (text: string) => void): Completion {
  const { me } = useChatState();
  const [members, setMembers] = useState<string[]>([]);
  const [query, setQuery] = useState<{ query: string; start: number } | null>(null);
  const [active, setActive] = useState(0);

  useEffect(() => {
    let live = true;
    client.members(room).then(
      (found) => live && setMembers(found.map((member) => member.user.username)),
      () => undefined,
    );
    return () => void (live = false);
  }, [room]);

  const suggestions = query ? mentionSuggestions(query.query, members, me.username) : [];

  function refresh() {
    const element = input.current;
    const next = element ? mentionQuery(element.value.slice(0, element.selectionStart)) : null;
    setQuery(next);
    if (next?.query !== query?.query) setActive(0);
  }

  function pick(name: string) {
    const element = input.current;
    if (!element || !query) return;
    const done = completeMention(element.value, element.selectionStart, query.start, name);
    setText(done.text);
    setQuery(null);
    requestAnimationFrame(() => {
      element.focus();
      element.setSelectionRange(done.caret, done.caret);
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (suggestions.length === 0) return false;
    const chosen = suggestions[active];
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((active + step + suggestions.length) % suggestions.length);
    } else if ((event.key === "Enter" || event.key === "Tab") && chosen) {
      pick(chosen);
    } else if (event.key === "Escape") {
      setQuery(null);
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  return { suggestions, active, onKeyDown, pick, refresh, close: () => setQuery(null) };
}
