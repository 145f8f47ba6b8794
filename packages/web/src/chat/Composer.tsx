import { useId, useRef, useState, type KeyboardEvent } from "react";
import { useI18n } from "../i18n/I18n";
import { EmojiSlot } from "../messages/EmojiSlot";
import { useChat } from "./ChatContext";
import { useMentionCompletion } from "./useMentionCompletion";

interface ComposerProps {
  room: string;
  /** Set in a thread: replies go to this message. */
  replyTo?: number;
  testId?: string;
}

export function Composer({ room, replyTo, testId = "composer" }: ComposerProps) {
  const { t } = useI18n();
  const { store } = useChat();
  const [text, setText] = useState("");
  const [alsoToRoom, setAlsoToRoom] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const completion = useMentionCompletion(room, input, setText);
  const listId = useId();

  function send() {
    if (text.trim().length === 0) return;
    store.send(room, text, replyTo === undefined ? {} : { replyTo, inRoom: alsoToRoom });
    setText("");
    askNotificationPermissionOnce();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (completion.onKeyDown(event)) return;
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  }

  function insert(emoji: string) {
    setText((current) => current + emoji);
    input.current?.focus();
  }

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {completion.suggestions.length > 0 && (
        <ul className="mentions" id={listId} role="listbox" aria-label={t.mentionsLabel} data-testid="mention-suggestions">
          {completion.suggestions.map((name, index) => (
            <li
              key={name}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === completion.active}
              onMouseDown={(event) => {
                event.preventDefault();
                completion.pick(name);
              }}
            >
              @{name}
            </li>
          ))}
        </ul>
      )}
      <textarea
        ref={input}
        aria-autocomplete="list"
        aria-controls={completion.suggestions.length > 0 ? listId : undefined}
        aria-expanded={completion.suggestions.length > 0}
        aria-activedescendant={completion.suggestions.length > 0 ? `${listId}-${completion.active}` : undefined}
        onSelect={completion.refresh}
        onBlur={completion.close}
        autoFocus={replyTo !== undefined}
        data-testid={testId}
        aria-label={replyTo === undefined ? t.composerLabel : t.reply}
        placeholder={t.composerPlaceholder}
        value={text}
        rows={1}
        onChange={(event) => {
          setText(event.target.value);
          completion.refresh();
          if (event.target.value) store.typing(room);
          else store.stopTyping(room);
        }}
        onKeyDown={onKeyDown}
      />
      <EmojiSlot onPick={insert} label={t.moreEmoji} />
      {replyTo !== undefined && (
        <label className="also-to-room">
          <input type="checkbox" checked={alsoToRoom} onChange={(event) => setAlsoToRoom(event.target.checked)} data-testid="also-to-room" />
          {t.alsoToRoom}
        </label>
      )}
      <button type="submit" data-testid={`${testId}-send`} disabled={text.trim().length === 0}>
        {t.send}
      </button>
    </form>
  );
}

const ASKED_KEY = "natter.notificationsAsked";

/** Browsers want a click before asking; the first message sent is one, and we ask only once. */
function askNotificationPermissionOnce(): void {
  if (typeof Notification === "undefined" || Notification.permission !== "default" || localStorage.getItem(ASKED_KEY)) return;
  localStorage.setItem(ASKED_KEY, "1");
  void Notification.requestPermission();
}
