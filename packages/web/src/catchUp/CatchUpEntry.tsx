import type { Message } from "@natter/protocol";
import { useChatState } from "../chat/ChatContext";
import { roomTitle } from "../chat/chatState";
import { useKnownPeople } from "../people/usePeople";
import { useI18n } from "../i18n/I18n";
import { useCatchUpText } from "./text";

/** One line of the Mentions or Threads view: where, who, when, the text, and what is new. Activating it opens the message. */
export function CatchUpEntry({ message, unread, note, onOpen, testId }: { message: Message; unread: boolean; note?: string; onOpen(): void; testId: string }) {
  const text = useCatchUpText();
  const { locale } = useI18n();
  const { rooms, me } = useChatState();
  const people = useKnownPeople();
  const summary = rooms.find((room) => room.name === message.room);
  const where = summary?.kind === "dm" ? roomTitle(summary, me, people) : `# ${message.room}`;
  return (
    <button type="button" className={`search-result catch-up-entry ${unread ? "unread" : ""}`} onClick={onOpen} data-testid={testId} data-unread={unread}>
      <span className="search-result-meta">
        {unread && <span className="unread-dot" role="img" aria-label={text.unread} />}
        <span className="search-result-room">{where}</span>
        <strong>{message.author.username}</strong>
        <time dateTime={message.createdAt}>{new Date(message.createdAt).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" })}</time>
      </span>
      <span className="search-result-text">{message.deleted ? "…" : message.text}</span>
      {note && <span className="meta">{note}</span>}
    </button>
  );
}
