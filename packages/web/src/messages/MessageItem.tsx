import type { Message } from "@natter/protocol";
import { useState } from "react";
import { AttachmentList } from "../attachments";
import { useChat, useChatState } from "../chat/ChatContext";
import { mentionsUser } from "../chat/timeline";
import { useI18n } from "../i18n/I18n";
import { Avatar } from "../people/Avatar";
import { UserName } from "../people/UserName";
import { EditForm } from "./EditForm";
import { MessageActions } from "./MessageActions";
import { MessageBody } from "./MessageBody";
import { LinkPreviewCard } from "./LinkPreviewCard";
import { MessageCard } from "./MessageCard";
import { Reactions } from "./Reactions";

/** One message; `grouped` (the same author just before) draws it without name and picture, the time still on hover. */
export function MessageItem({ message, inThread = false, grouped = false }: { message: Message; inThread?: boolean; grouped?: boolean }) {
  const { t, locale } = useI18n();
  const { openThread, jumpTo } = useChat();
  const { me } = useChatState();
  const [editing, setEditing] = useState(false);
  const time = new Date(message.createdAt);
  const mentioned = !message.deleted && message.author.id !== me.id && mentionsUser(message, me.id);
  return (
    <article
      className={`message ${mentioned ? "mentioned" : ""} ${grouped ? "grouped" : ""}`}
      data-testid="message"
      data-seq={message.seq}
      data-status="sent"
      id={inThread ? undefined : `message-${message.seq}`}
    >
      {grouped ? <span className="avatar-space" aria-hidden="true" /> : <Avatar name={message.author.username} />}
      <div className="message-main">
        <header>
          {grouped ? <span className="visually-hidden">{message.author.username}</span> : <UserName username={message.author.username} className="author" />}
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
            <strong>{message.replyTo.author.username}</strong> {message.replyTo.deleted ? t.deleted : message.replyTo.excerpt}
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
      {!message.deleted && !editing && <MessageActions message={message} onEdit={() => setEditing(true)} inThread={inThread} />}
    </article>
  );
}
