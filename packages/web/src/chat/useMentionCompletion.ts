import { useEffect, useState, type RefObject } from "react";
import { useChat, useChatState } from "./ChatContext";
import { handleCompletionKey, placeCaret, type Completion } from "./completion";
import { completeMention, mentionQuery, mentionSuggestions } from "./mentionQuery";

/** `@name` completion from the room's members, driven from the composer's keyboard. */
export function useMentionCompletion(room: string, input: RefObject<HTMLTextAreaElement | null>, setText: (text: string) => void): Completion {
  const { store } = useChat();
  const { me } = useChatState();
  const [members, setMembers] = useState<string[]>([]);
  const [query, setQuery] = useState<{ query: string; start: number } | null>(null);
  const [active, setActive] = useState(0);

  useEffect(() => {
    let live = true;
    store.server.members(room).then(
      (found) => live && setMembers(found.map((member) => member.user.username)),
      () => undefined,
    );
    return () => void (live = false);
  }, [store, room]);

  const suggestions = query ? mentionSuggestions(query.query, members, me.username) : [];

  function refresh() {
    const element = input.current;
    const next = element ? mentionQuery(element.value.slice(0, element.selectionStart)) : null;
    setQuery(next);
    if (next?.query !== query?.query) setActive(0);
  }

  function pick(index: number) {
    const element = input.current;
    const name = suggestions[index];
    if (!element || !query || name === undefined) return;
    const done = completeMention(element.value, element.selectionStart, query.start, name);
    setText(done.text);
    setQuery(null);
    placeCaret(element, done);
  }

  const close = () => setQuery(null);
  return {
    options: suggestions.map((name) => ({ key: name, text: `@${name}` })),
    active,
    onKeyDown: (event) => handleCompletionKey(event, { count: suggestions.length, active, setActive, pick, close }),
    pick,
    refresh,
    close,
  };
}
