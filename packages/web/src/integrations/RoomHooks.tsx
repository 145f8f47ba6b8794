import type { IncomingHook } from "@natter/protocol";
import { useCallback, useEffect, useState } from "react";
import { useChat } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";
import { ShownOnce } from "./ShownOnce";
import { useErrorText } from "../i18n/errorText";

/** A room's incoming webhooks, for its owners and admins: add one, get a new URL, delete. */
export function RoomHooks({ room }: { room: string }) {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const { store } = useChat();
  const [hooks, setHooks] = useState<IncomingHook[]>([]);
  const [name, setName] = useState("");
  const [emoji, setEmoji] = useState("🪝");
  const [shown, setShown] = useState<{ name: string; url: string } | null>(null);
  const [error, setError] = useState("");
  const refresh = useCallback(() => void store.server.incomingHooks(room).then(setHooks, () => undefined), [store, room]);
  useEffect(refresh, [refresh]);
  const fail = (failure: unknown) => setError(errorText(failure));
  const show = ({ hook, url }: { hook: IncomingHook; url: string }) => {
    setShown({ name: hook.name, url });
    setError("");
    refresh();
  };

  return (
    <section className="integrations" aria-labelledby={`hooks-${room}`} data-testid="room-hooks">
      <h3 id={`hooks-${room}`}>{t.incomingHooks}</h3>
      <ul>
        {hooks.map((hook) => (
          <li key={hook.id} data-testid="room-hook">
            {hook.emoji} {hook.name}{" "}
            <span className="meta">{hook.lastUsedAt ? t.lastUsed(new Date(hook.lastUsedAt).toLocaleString(locale)) : t.neverUsed}</span>
            <button type="button" className="small" onClick={() => void store.server.rotateIncomingHook(room, hook.id).then(show, fail)}>
              {t.rotateHook(hook.name)}
            </button>
            <button type="button" className="small" onClick={() => void store.server.deleteIncomingHook(room, hook.id).then(refresh, fail)}>
              {t.deleteHook(hook.name)}
            </button>
          </li>
        ))}
      </ul>
      {shown && <ShownOnce label={shown.name} value={shown.url} testId="hook-url" />}
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          if (!name.trim()) return;
          void store.server.createIncomingHook(room, name.trim(), emoji.trim() || "🪝").then(show, fail);
          setName("");
        }}
      >
        <input
          aria-label={t.hookName}
          placeholder={t.hookName}
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={80}
          data-testid="hook-name"
        />
        <input aria-label={t.hookEmoji} value={emoji} onChange={(event) => setEmoji(event.target.value)} maxLength={16} size={3} />
        <button type="submit" className="small" data-testid="add-hook">
          {t.addHook}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
