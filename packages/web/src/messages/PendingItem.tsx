import { AttachmentList } from "../attachments";
import { useChat, useChatState } from "../chat/ChatContext";
import type { PendingMessage } from "../chat/chatState";
import { useI18n } from "../i18n/I18n";
import { Avatar } from "../people/Avatar";
import { MessageBody } from "./MessageBody";

/** The list items of messages still on their way, after the stored ones of a room or thread. */
export function PendingItems({ pending }: { pending: readonly PendingMessage[] }) {
  return pending.map((item) => (
    <li key={item.clientMsgId}>
      <PendingItem pending={item} />
    </li>
  ));
}

/** A message drawn the moment it is sent, until the server's copy replaces it. */
export function PendingItem({ pending }: { pending: PendingMessage }) {
  const { t } = useI18n();
  const { store } = useChat();
  const { me } = useChatState();
  const failed = pending.status === "failed";
  return (
    <article className={`message ${failed ? "failed" : "pending"}`} data-testid="message" data-status={pending.status}>
      <Avatar name={me.username} />
      <div className="message-main">
        <header>
          <span className="author">{me.username}</span>
          <span className="meta" data-testid="message-status">
            {failed ? t.failed : t.pending}
          </span>
          {failed && (
            <button type="button" className="small" onClick={() => store.retry(pending.clientMsgId)} data-testid="retry">
              {t.retry}
            </button>
          )}
        </header>
        <MessageBody text={pending.text} />
        {pending.attachments && pending.attachments.length > 0 && <AttachmentList attachments={pending.attachments} />}
      </div>
    </article>
  );
}
