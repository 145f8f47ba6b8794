import { useState } from "react";
import { useChat } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";

/** Ban with a confirmation step, in the member list of those who may (owners, room admins, moderators, admins). */
export function BanButton({ room, username, onDone }: { room: string; username: string; onDone(): void }) {
  const { t } = useI18n();
  const { store } = useChat();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="small danger" onClick={() => setConfirming(true)} data-testid={`ban-${username}`}>
        {t.ban}
      </button>
    );
  }
  return (
    <span role="group" aria-label={t.banConfirm(username)} className="row">
      <span>{t.banConfirm(username)}</span>
      <button
        type="button"
        className="small danger"
        autoFocus
        onClick={() => void store.ban(room, username).then(onDone)}
        data-testid={`confirm-ban-${username}`}
      >
        {t.ban}
      </button>
      <button type="button" className="small" onClick={() => setConfirming(false)}>
        {t.cancel}
      </button>
    </span>
  );
}
