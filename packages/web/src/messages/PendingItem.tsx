import { AttachmentList } from "../attachments";
import { useChatState } from "../chat/ChatContext";
import type { PendingMessage } from "../chat/chatState";
import { useI18n } from "../i18n/I18n";
import { Avatar } from "../people/Avatar";
import { MessageBody } from "./MessageBody";

/** The list items of messages still on their way, after the stored ones of a room or thread; refused ones wait in the UnsentTray. */
export function PendingItems({ pending }: { pending: readonly PendingMessage[] }) {
  return pending
    .filter((item) => item.status !== "failed")
    .map((item) => (
      <li key={item.clientMsgId}>
        <PendingItem pending={item} />
      </li>
    ));
}

/** A message drawn the moment it is sent, until the server's copy replaces it; offline, it waits in the outbox. */
export function PendingItem({ pending }: { pending: PendingMessage }) {
  const { t } = useI18n();
  const { me } = useChatState();
  return (
    <article className={`message ${pending.status}`} data-testid="message" data-status={pending.status}>
      <Avatar user={me} />
      <div className="message-main">
        <header>
          <span className="author">{me.username}</span>
          <span className="meta" data-testid="message-status">
            {pending.status === "waiting" ? t.waitingToSend : t.pending}
          </span>
        </header>
        <MessageBody text={pending.text} />
        {pending.attachments && pending.attachments.length > 0 && <AttachmentList attachments={pending.attachments} />}
      </div>
    </article>
  );
}
