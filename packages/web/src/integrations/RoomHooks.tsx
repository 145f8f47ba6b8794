import type { IncomingHook } from "@natter/protocol";
import { useCallback, useEffect, useState } from "react";
import { useChat } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";
import { IntegrationList } from "./IntegrationList";
import { ShownOnce } from "./ShownOnce";
import { useIntegrationText } from "./text";
import { useFailure } from "./useFailure";

/** A room's incoming webhooks, for its owners and admins: add one, get a new URL, delete. */
export function RoomHooks({ room }: { room: string }) {
  const { t, locale } = useI18n();
  const text = useIntegrationText();
  const { store } = useChat();
  const [hooks, setHooks] = useState<IncomingHook[]>([]);
  const [name, setName] = useState("");
  const [emoji, setEmoji] = useState("🪝");
  const [shown, setShown] = useState<{ name: string; url: string } | null>(null);
  const refresh = useCallback(() => void store.server.incomingHooks(room).then(setHooks, () => undefined), [store, room]);
  useEffect(refresh, [refresh]);
  const { fail, clear, note } = useFailure();
  const show = ({ hook, url }: { hook: IncomingHook; url: string }) => {
    setShown({ name: hook.name, url });
    clear();
    refresh();
  };

  return (
    <section className="integrations" aria-labelledby={`hooks-${room}`} data-testid="room-hooks">
      <h3 id={`hooks-${room}`}>{t.incomingHooks}</h3>
      <IntegrationList
        label={t.incomingHooks}
        empty={text.noIncomingHooks}
        testId="room-hook"
        rows={hooks.map((hook) => ({
          key: hook.id,
          title: `${hook.emoji} ${hook.name}`,
          facts: [hook.lastUsedAt ? t.lastUsed(new Date(hook.lastUsedAt).toLocaleString(locale)) : t.neverUsed],
          actions: (
            <>
              <button type="button" className="small" onClick={() => void store.server.rotateIncomingHook(room, hook.id).then(show, fail)}>
                {t.rotateHook(hook.name)}
              </button>
              <button type="button" className="small" onClick={() => void store.server.deleteIncomingHook(room, hook.id).then(refresh, fail)}>
                {t.deleteHook(hook.name)}
              </button>
            </>
          ),
        }))}
      />
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
      {note}
    </section>
  );
}
