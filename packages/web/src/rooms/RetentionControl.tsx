import { useEffect, useState } from "react";
import { useChat } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";
import { useErrorText } from "../i18n/errorText";

/** Server admins only: how many days of history this room keeps, or the server's RETENTION_DAYS. */
export function RetentionControl({ room }: { room: string }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { store } = useChat();
  const [followServer, setFollowServer] = useState(true);
  const [days, setDays] = useState("");
  const [effective, setEffective] = useState<number | null>(null);
  const [note, setNote] = useState("");
  useEffect(() => {
    let live = true;
    store.server.roomInfo(room).then(
      (info) => {
        if (!live) return;
        setFollowServer(info.retentionDays === null);
        setDays(info.retentionDays === null ? "" : String(info.retentionDays));
      },
      () => undefined,
    );
    return () => void (live = false);
  }, [store, room]);
  return (
    <form
      className="room-settings"
      aria-labelledby="retention-title"
      data-testid="retention-control"
      onSubmit={(event) => {
        event.preventDefault();
        const chosen = followServer ? null : Math.max(0, Math.floor(Number(days) || 0));
        store.server.setRoomRetention(room, chosen).then(
          (retention) => {
            setEffective(retention.effectiveDays);
            setNote(t.retentionSaved);
          },
          (failure: unknown) => setNote(errorText(failure)),
        );
      }}
    >
      <h3 id="retention-title">{t.retentionTitle}</h3>
      <label className="inline">
        <input type="checkbox" checked={followServer} onChange={(event) => setFollowServer(event.target.checked)} data-testid="retention-follow" />
        {t.retentionFollowServer}
      </label>
      <label>
        {t.retentionDays}
        <input
          type="number"
          min={0}
          max={36500}
          value={days}
          disabled={followServer}
          onChange={(event) => setDays(event.target.value)}
          data-testid="retention-days"
        />
      </label>
      <div className="row">
        <button type="submit" className="small" data-testid="retention-save">
          {t.save}
        </button>
      </div>
      <p role="status" className="meta">
        {note}
        {effective !== null && ` · ${t.retentionNow(effective)}`}
      </p>
    </form>
  );
}
