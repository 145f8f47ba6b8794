import type { Message } from "@natter/protocol";
import { AttachmentList } from "../attachments";
import { useChat, useChatSelector } from "../chat/ChatContext";
import { useEditing } from "../chat/editRequest";
import { mentionsUser } from "../chat/timeline";
import { useI18n } from "../i18n/I18n";
import { Avatar } from "../people/Avatar";
import { DisplayName } from "../people/DisplayName";
import { UserName } from "../people/UserName";
import { EditForm } from "./EditForm";
import { MessageActions } from "./MessageActions";
import { MessageBody } from "./MessageBody";
import { LinkPreviewCard } from "./LinkPreviewCard";
import { MessageCard } from "./MessageCard";
import { Reactions } from "./Reactions";
import { useActionsOnDemand } from "./useActionsOnDemand";

/** One message; `grouped` (the same author just before) draws it without name and picture, the time still on hover. */
export function MessageItem({ message, inThread = false, grouped = false }: { message: Message; inThread?: boolean; grouped?: boolean }) {
  const { t, locale } = useI18n();
  const { openThread, jumpTo } = useChat();
  const me = useChatSelector((state) => state.me);
  const [editing, setEditing] = useEditing(message.id, inThread);
  const actions = useActionsOnDemand();
  const time = new Date(message.createdAt);
  const mentioned = !message.deleted && message.author.id !== me.id && mentionsUser(message, me.id);
  return (
    <article
      className={`message ${mentioned ? "mentioned" : ""} ${grouped ? "grouped" : ""}`}
      data-testid="message"
      data-seq={message.seq}
      data-status="sent"
      id={inThread ? undefined : `message-${message.seq}`}
      tabIndex={0}
      aria-label={t.messageFrom(message.author.username, time.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" }))}
      {...actions.handlers}
    >
      {grouped ? <span className="avatar-space" aria-hidden="true" /> : <Avatar user={message.author} />}
      <div className="message-main">
        <header>
          {grouped ? <span className="visually-hidden">{message.author.username}</span> : <UserName user={message.author} className="author" />}
          {message.card?.username && !message.deleted && (
            <span className="app-badge" title={t.cardFrom(message.author.username)} data-testid="card-poster">
              {message.card.iconEmoji && !message.card.iconEmoji.startsWith(":") ? `${message.card.iconEmoji} ` : ""}
              {message.card.username} · {t.appBadge}
            </span>
          )}
          <time
            className="meta"
            dateTime={message.createdAt}
            title={time.toLocaleString(locale, { dateStyle: "full", timeStyle: "medium" })}
            data-testid="message-time"
          >
            {time.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" })}
          </time>
          {message.editedAt && !message.deleted && (
            <span className="meta" data-testid="edited" title={new Date(message.editedAt).toLocaleString(locale)}>
              ({t.edited})
            </span>
          )}
        </header>
        {message.replyTo && !inThread && (
          <button
            type="button"
            className="quote"
            onClick={() => message.replyTo && jumpTo(message.replyTo.seq)}
            aria-label={t.jumpToOriginal}
            data-testid="quote"
          >
            <strong>
              <DisplayName user={message.replyTo.author} />
            </strong>{" "}
            {message.replyTo.deleted ? t.deleted : message.replyTo.excerpt}
          </button>
        )}
        {message.deleted ? (
          <p className="deleted" data-testid="deleted">
            {t.deleted}
          </p>
        ) : editing ? (
          <EditForm message={message} onDone={() => setEditing(false)} />
        ) : (
          <div data-testid="message-text">
            <MessageBody text={message.text} />
          </div>
        )}
        {!message.deleted && message.card && <MessageCard card={message.card} />}
        {!message.deleted && message.preview && <LinkPreviewCard message={message} />}
        {!message.deleted && message.attachments.length > 0 && <AttachmentList attachments={message.attachments} />}
        <Reactions message={message} />
        {message.replyCount > 0 && !inThread && (
          <button type="button" className="link replies" onClick={() => openThread(message)} data-testid="replies">
            {t.replies(message.replyCount)}
          </button>
        )}
      </div>
      {!message.deleted && !editing && actions.shown && <MessageActions message={message} onEdit={() => setEditing(true)} inThread={inThread} />}
    </article>
  );
}
