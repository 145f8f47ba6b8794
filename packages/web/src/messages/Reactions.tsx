import type { Message } from "@natter/protocol";
import { useChat, useChatSelector } from "../chat/ChatContext";
import { EmojiGlyph } from "../content";
import { useI18n } from "../i18n/I18n";

export const QUICK_EMOJI = ["👍", "❤️", "😂", "🎉", "😮"] as const;

/** Counts per emoji; the tooltip names who reacted; clicking toggles your own. */
export function Reactions({ message }: { message: Message }) {
  const { t } = useI18n();
  const { store } = useChat();
  const me = useChatSelector((state) => state.me);
  const names = useChatSelector((state) => state.names);
  if (message.reactions.length === 0) return null;
  return (
    <ul className="reactions" data-testid="reactions">
      {message.reactions.map((reaction) => {
        const who = reaction.userIds.map((id) => (id === me.id ? t.you : (names[id] ?? `#${id}`)));
        const label = t.reactedBy(reaction.emoji, who);
        return (
          <li key={reaction.emoji}>
            <button
              type="button"
              className={`reaction ${reaction.userIds.includes(me.id) ? "mine" : ""}`}
              title={label}
              aria-label={label}
              aria-pressed={reaction.userIds.includes(me.id)}
              data-testid="reaction"
              onClick={() => void store.react(message, reaction.emoji)}
            >
              <EmojiGlyph emoji={reaction.emoji} /> <span data-testid="reaction-count">{reaction.count}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
