import type { SetAvailabilityBody } from "@natter/protocol";
import { useRef, useState, type FormEvent } from "react";
import { useFocusTrap } from "../attachments/useFocusTrap";
import { useChat, useChatState } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";
import { endOfToday, inOneHour, tomorrowMorning } from "./availability";
import { useErrorText } from "../i18n/errorText";

type Expiry = "never" | "hour" | "today";

/** Away by choice, do-not-disturb and the custom status, in one dialog reached from the user's own name. */
export function StatusMenu({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { store } = useChat();
  const { me, availability } = useChatState();
  const mine = availability[me.id];
  const [emoji, setEmoji] = useState(mine?.statusEmoji ?? "");
  const [text, setText] = useState(mine?.statusText ?? me.status);
  const [expiry, setExpiry] = useState<Expiry>("never");
  const [error, setError] = useState("");
  const dialog = useRef<HTMLDivElement>(null);
  const trapTab = useFocusTrap(dialog);

  const change = (body: SetAvailabilityBody) =>
    store.server.setAvailability(body).then(
      () => setError(""),
      (failure: unknown) => setError(errorText(failure)),
    );
  const saveStatus = (event: FormEvent) => {
    event.preventDefault();
    const now = new Date();
    const expiresAt = expiry === "hour" ? inOneHour(now) : expiry === "today" ? endOfToday(now) : null;
    void change({ customStatus: { emoji: emoji.trim(), text, expiresAt } });
  };
  const choice = (testId: string, label: string, body: SetAvailabilityBody, pressed: boolean) => (
    <button type="button" className="small" aria-pressed={pressed} data-testid={testId} onClick={() => void change(body)}>
      {label}
    </button>
  );

  return (
    <div className="overlay" onClick={onClose}>
      <div
        className="card status-menu"
        role="dialog"
        aria-modal="true"
        aria-labelledby="status-menu-title"
        data-testid="status-menu"
        tabIndex={-1}
        ref={dialog}
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => (event.key === "Escape" ? onClose() : trapTab(event))}
      >
        <h2 id="status-menu-title">{t.setStatus}</h2>
        <fieldset>
          <legend>{t.presenceLegend}</legend>
          {choice("choose-active", t.active, { away: false }, !mine?.awayChosen)}
          {choice("choose-away", t.appearAway, { away: true }, mine?.awayChosen === true)}
        </fieldset>
        <fieldset>
          <legend>{t.doNotDisturb}</legend>
          {choice("dnd-hour", t.dndHour, { dnd: { until: inOneHour(new Date()) } }, false)}
          {choice("dnd-tomorrow", t.dndTomorrow, { dnd: { until: tomorrowMorning(new Date()) } }, false)}
          {choice("dnd-forever", t.dndUntilOff, { dnd: { until: null } }, mine?.dnd === true && mine.dndUntil === null)}
          {mine?.dnd && choice("dnd-off", t.dndOff, { dnd: null }, false)}
          {mine?.dnd && mine.dndUntil && <p className="meta">{t.dndEnds(new Date(mine.dndUntil).toLocaleString())}</p>}
        </fieldset>
        <form onSubmit={saveStatus} aria-label={t.customStatus}>
          <fieldset>
            <legend>{t.customStatus}</legend>
            <label>
              {t.statusEmoji}
              <input value={emoji} onChange={(event) => setEmoji(event.target.value)} maxLength={32} data-testid="status-emoji" />
            </label>
            <label>
              {t.status}
              <input value={text} onChange={(event) => setText(event.target.value)} maxLength={140} data-testid="status-text" />
            </label>
            <label>
              {t.clearAfter}
              <select value={expiry} onChange={(event) => setExpiry(event.target.value as Expiry)} data-testid="status-expiry">
                <option value="never">{t.clearNever}</option>
                <option value="hour">{t.clearHour}</option>
                <option value="today">{t.clearToday}</option>
              </select>
            </label>
            <div className="row">
              <button type="submit" className="small" data-testid="status-save">
                {t.save}
              </button>
              <button
                type="button"
                className="small"
                data-testid="status-clear"
                onClick={() => (setEmoji(""), setText(""), void change({ customStatus: null }))}
              >
                {t.clearStatus}
              </button>
            </div>
          </fieldset>
        </form>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="button" onClick={onClose} data-testid="close-status-menu">
          {t.close}
        </button>
      </div>
    </div>
  );
}
