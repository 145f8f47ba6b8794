import { CircleDot, Flag, Pencil, Reply, SmilePlus, Trash2 } from "lucide-react";
import type { Message } from "@natter/protocol";
import { useState } from "react";
import { useChat, useChatState } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";
import { ReportDialog } from "../moderation";
import { MoreActions } from "../pins";
import { EmojiSlot } from "./EmojiSlot";
import { QUICK_EMOJI } from "./Reactions";

/**
 * React, reply, edit, delete and report; edit only one's own, delete one's own or (room owners and admins,
 * server moderators and admins) anyone's: the server decides. Others' messages can be reported.
 */
export function MessageActions({ message, onEdit, inThread }: { message: Message; onEdit(): void; inThread: boolean }) {
  const { t } = useI18n();
  const { store, openThread } = useChat();
  const { me, rooms } = useChatState();
  const [picking, setPicking] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [reporting, setReporting] = useState(false);
  const mine = message.author.id === me.id;
  const role = rooms.find((room) => room.name === message.room)?.role;
  const canDelete = mine || role === "owner" || role === "admin" || me.role === "admin" || me.role === "moderator";
  const react = (emoji: string) => {
    setPicking(false);
    void store.react(message, emoji);
  };
  return (
    <div className="message-actions">
      <button
        type="button"
        className="icon"
        aria-label={t.react}
        title={t.react}
        aria-expanded={picking}
        onClick={() => setPicking(!picking)}
        data-testid="react"
      >
        <SmilePlus />
      </button>
      {picking && (
        <span className="quick-emoji" role="group" aria-label={t.react}>
          {QUICK_EMOJI.map((emoji) => (
            <button type="button" key={emoji} className="icon" onClick={() => react(emoji)} aria-label={`${t.react}: ${emoji}`} data-testid={`react-${emoji}`}>
              {emoji}
            </button>
          ))}
          <EmojiSlot onPick={react} label={t.moreEmoji} />
        </span>
      )}
      {!inThread && (
        <button type="button" className="icon" aria-label={t.reply} title={t.reply} onClick={() => openThread(message)} data-testid="reply">
          <Reply />
        </button>
      )}
      {!inThread && message.inRoom && (
        <button
          type="button"
          className="icon"
          aria-label={t.markUnread}
          title={t.markUnread}
          onClick={() => void store.markUnread(message)}
          data-testid="mark-unread"
        >
          <CircleDot />
        </button>
      )}
      {mine && (
        <button type="button" className="icon" aria-label={t.edit} title={t.edit} onClick={onEdit} data-testid="edit">
          <Pencil />
        </button>
      )}
      {!mine && !message.deleted && (
        <button type="button" className="icon" aria-label={t.report} title={t.report} onClick={() => setReporting(true)} data-testid="report">
          <Flag />
        </button>
      )}
      <MoreActions message={message} />
      {reporting && <ReportDialog message={message} onClose={() => setReporting(false)} />}
      {canDelete && !confirming && (
        <button type="button" className="icon" aria-label={t.delete} title={t.delete} onClick={() => setConfirming(true)} data-testid="delete">
          <Trash2 />
        </button>
      )}
      {confirming && (
        <>
          <button type="button" className="danger small" onClick={() => void store.remove(message)} data-testid="confirm-delete">
            {t.confirmDelete}
          </button>
          <button type="button" className="small" onClick={() => setConfirming(false)}>
            {t.cancel}
          </button>
        </>
      )}
    </div>
  );
}
