import { Paperclip } from "lucide-react";
import type { Message } from "@natter/protocol";
import { useChatState } from "../chat/ChatContext";
import { roomTitle } from "../chat/chatState";
import { useKnownPeople } from "../people/usePeople";
import { highlightText } from "../content/messageText";
import { useI18n } from "../i18n/I18n";
import { useSearchText } from "./text";

/** One hit: where and by whom, and its text with the searched words marked. Activating it opens the message. */
export function SearchResult({ message, query, onOpen }: { message: Message; query: string; onOpen(message: Message): void }) {
  const text = useSearchText();
  const { locale } = useI18n();
  const { rooms, me } = useChatState();
  const people = useKnownPeople();
  const summary = rooms.find((room) => room.name === message.room);
  const where = summary?.kind === "dm" ? roomTitle(summary, me, people) : `# ${message.room}`;
  const files = message.attachments.length;
  return (
    <button type="button" className="search-result" onClick={() => onOpen(message)} data-testid="search-result">
      <span className="search-result-meta">
        <span className="search-result-room">{where}</span>
        <strong>{message.author.username}</strong>
        <time dateTime={message.createdAt}>{new Date(message.createdAt).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" })}</time>
      </span>
      <span className="search-result-text" data-testid="search-result-text">
        {highlightText(message.text, query)}
      </span>
      {files > 0 && (
        <span className="meta">
          <Paperclip /> {text.files(files)}
        </span>
      )}
    </button>
  );
}
