import { MessagesSquare } from "lucide-react";
import { useChatState } from "../chat/ChatContext";
import { useCatchUpText } from "./text";

/** The sidebar's way into the Mentions and Threads views, each with what is new in it. */
export function CatchUpButtons({ onMentions, onThreads }: { onMentions(): void; onThreads(): void }) {
  const text = useCatchUpText();
  const { rooms, threads } = useChatState();
  const mentions = rooms.reduce((sum, room) => sum + room.mentions, 0);
  const replies = Object.values(threads).reduce((sum, count) => sum + count, 0);
  return (
    <ul className="catch-up-buttons">
      <li>
        <button type="button" className="room-link" onClick={onMentions} title={text.openMentions} data-testid="open-mentions">
          <span className="room-title">@ {text.mentions}</span>
          {mentions > 0 && (
            <span className="badge mention" data-testid="mentions-badge" aria-label={text.badge(mentions)}>
              {mentions}
            </span>
          )}
        </button>
      </li>
      <li>
        <button type="button" className="room-link" onClick={onThreads} title={text.openThreads} data-testid="open-threads">
          <span className="room-title">
            <MessagesSquare /> {text.threads}
          </span>
          {replies > 0 && (
            <span className="badge" data-testid="threads-badge" aria-label={text.badge(replies)}>
              {replies}
            </span>
          )}
        </button>
      </li>
    </ul>
  );
}
