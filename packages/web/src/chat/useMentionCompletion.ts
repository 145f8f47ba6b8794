import type { Member } from "@natter/protocol";
import { useEffect, useState, type RefObject } from "react";
import { useI18n } from "../i18n/I18n";
import { liveStatus, shownState } from "../people/availability";
import { useKnownPeople } from "../people/usePeople";
import { useChat, useChatState } from "./ChatContext";
import { handleCompletionKey, placeCaret, type Completion } from "./completion";
import { completeMention, mentionQuery, mentionSuggestions } from "./mentionQuery";

/** `@name` completion from the room's members, driven from the composer's keyboard. */
export function useMentionCompletion(room: string, input: RefObject<HTMLTextAreaElement | null>, setText: (text: string) => void): Completion {
  const { store } = useChat();
  const { me, availability } = useChatState();
  const { t } = useI18n();
  const [members, setMembers] = useState<Member[]>([]);
  const [query, setQuery] = useState<{ query: string; start: number } | null>(null);
  const [active, setActive] = useState(0);

  useEffect(() => {
    let live = true;
    store.server.members(room).then(
      (found) => live && setMembers(found),
      () => undefined,
    );
    return () => void (live = false);
  }, [store, room]);

  const people = useKnownPeople();
  useEffect(() => {
    for (const member of members) store.people.want(member.user.id);
  }, [store, members]);
  const displayNames: Record<string, string> = {};
  for (const member of members) {
    const shown = people[member.user.id]?.displayName;
    if (shown && shown !== member.user.username) displayNames[member.user.username] = shown;
  }

  const suggestions = query
    ? mentionSuggestions(
        query.query,
        members.map((member) => member.user.username),
        me.username,
        displayNames,
      )
    : [];
  const hint = (name: string) => {
    const member = members.find((known) => known.user.username === name);
    const shown = member && (availability[member.user.id] ?? member.availability);
    const state = shown && { dnd: `(${t.doNotDisturb})`, away: `(${t.away})`, active: "" }[shownState(shown)];
    const status = shown && liveStatus(shown);
    return [displayNames[name], status?.emoji, status?.text, state].filter(Boolean).join(" ") || undefined;
  };

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
    options: suggestions.map((name) => ({ key: name, text: `@${name}`, hint: hint(name) })),
    active,
    onKeyDown: (event) => handleCompletionKey(event, { count: suggestions.length, active, setActive, pick, close }),
    pick,
    refresh,
    close,
  };
}
