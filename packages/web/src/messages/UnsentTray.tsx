import { characterCount } from "@natter/protocol";
import { useState } from "react";
import { useChat, useChatState } from "../chat/ChatContext";
import type { PendingMessage } from "../chat/chatState";
import { useComposerText } from "../chat/composerText";
import { LengthCounter } from "../chat/LengthCounter";
import { useErrorText } from "../i18n/errorText";
import { useI18n } from "../i18n/I18n";

/**
 * Messages the server refused (too long, no longer a member…), above the composer with the reason: not in
 * the list, where they would sit below messages written after them. Each is edited and sent again, or
 * discarded, or tried again as it is (a refusal may pass later, e.g. once rejoined). Those of other rooms show here too: a room one was removed from is no longer there to show them.
 */
export function UnsentTray({ room }: { room: string }) {
  const { t } = useI18n();
  const { pending } = useChatState();
  const refused = pending.filter((item) => item.status === "failed").sort((a, b) => Number(b.room === room) - Number(a.room === room));
  if (refused.length === 0) return null;
  return (
    <section className="unsent" aria-label={t.failed} data-testid="unsent">
      {refused.map((item) => (
        <Unsent key={item.clientMsgId} item={item} elsewhere={item.room !== room} />
      ))}
    </section>
  );
}

function Unsent({ item, elsewhere }: { item: PendingMessage; elsewhere: boolean }) {
  const { t } = useI18n();
  const composerText = useComposerText();
  const { store } = useChat();
  const { limits } = useChatState();
  const errorText = useErrorText();
  const [text, setText] = useState<string | null>(null);
  const length = characterCount(text ?? item.text);
  const tooLong = limits !== null && length > limits.maxMessageLength;
  return (
    <article className="unsent-item" data-testid="unsent-message">
      <p className="error" role="alert">
        {elsewhere && `#${item.room} · `}
        {t.failed}: {errorText({ code: item.reason })}
      </p>
      {text === null ? (
        <p className="unsent-text">{item.text}</p>
      ) : (
        <textarea aria-label={t.editUnsent} value={text} onChange={(event) => setText(event.target.value)} data-testid="unsent-text" autoFocus />
      )}
      <div className="row">
        {limits && <LengthCounter length={length} max={limits.maxMessageLength} testId="unsent-counter" />}
        {text === null ? (
          <>
            <button type="button" className="small" disabled={tooLong} onClick={() => store.resend(item.clientMsgId, item.text)} data-testid="unsent-retry">
              {composerText.retryUnsent}
            </button>
            <button type="button" className="small" onClick={() => setText(item.text)} data-testid="unsent-edit">
              {t.editUnsent}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="small"
            disabled={text.trim() === "" || tooLong}
            onClick={() => store.resend(item.clientMsgId, text)}
            data-testid="unsent-send"
          >
            {t.send}
          </button>
        )}
        <button type="button" className="small" onClick={() => store.discard(item.clientMsgId)} data-testid="unsent-discard">
          {t.discardUnsent}
        </button>
      </div>
    </article>
  );
}
