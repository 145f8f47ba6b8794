import type { NotificationSettings as Settings } from "@natter/protocol";
import { useEffect, useState } from "react";
import { useChat } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";
import { pushState, subscribeThisBrowser, unsubscribeThisBrowser, type PushState } from "./pushSetup";
import { useErrorText } from "../i18n/errorText";

/** The "Notifications" part of one's own profile: push on this device, an email address, keywords. */
export function NotificationSettings() {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const { store } = useChat();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [push, setPush] = useState<PushState>("unsupported");
  const [email, setEmail] = useState("");
  const [keywords, setKeywords] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState("");
  const fail = (failure: unknown) => setError(errorText(failure));
  const show = (next: Settings) => {
    setSettings(next);
    setEmail(next.email ?? "");
    setKeywords(next.keywords.join(", "));
  };

  useEffect(() => {
    let live = true;
    store.server.notificationSettings().then((found) => live && show(found), fail);
    pushState().then(
      (state) => live && setPush(state),
      () => undefined,
    );
    return () => void (live = false);
  }, [store]);

  const togglePush = async () => {
    setError("");
    if (push === "on") {
      const endpoint = await unsubscribeThisBrowser();
      if (endpoint) await store.server.unsubscribePush(endpoint);
    } else {
      const subscription = await subscribeThisBrowser(await store.server.pushKey());
      if (subscription) await store.server.subscribePush({ ...subscription, language: locale });
    }
    setPush(await pushState());
  };

  if (!settings) return error ? <p className="error">{error}</p> : null;
  return (
    <section className="notification-settings" aria-labelledby="notifications-heading" data-testid="notification-settings">
      <h3 id="notifications-heading">{t.notifications}</h3>
      {push === "unsupported" || push === "denied" ? (
        <p className="meta">{push === "denied" ? t.pushDenied : t.pushUnsupported}</p>
      ) : (
        <p>
          <button type="button" className="small" onClick={() => void togglePush().catch(fail)}>
            {push === "on" ? t.pushOff : t.pushOn}
          </button>
          {push === "on" && <span className="meta"> {t.pushEnabled}</span>}
        </p>
      )}
      {settings.emailAvailable ? (
        <form
          aria-label={t.emailAddress}
          onSubmit={(event) => {
            event.preventDefault();
            setError("");
            store.server.setEmail(email.trim() === "" ? null : email.trim(), locale).then(show, fail);
          }}
        >
          <label>
            {t.emailAddress}
            <input type="email" value={email} onChange={(event) => setEmail(event.target.value)} maxLength={254} autoComplete="email" />
          </label>
          <button type="submit" className="small">
            {email.trim() === "" ? t.emailRemove : t.emailSave}
          </button>
          {settings.email && (
            <p className="meta" data-testid="email-state">
              {settings.emailVerified ? t.emailVerified : t.emailPending}
            </p>
          )}
        </form>
      ) : (
        <p className="meta">{t.emailUnavailable}</p>
      )}
      <form
        aria-label={t.keywords}
        onSubmit={(event) => {
          event.preventDefault();
          setError("");
          const words = keywords
            .split(/[,，]/)
            .map((word) => word.trim())
            .filter(Boolean);
          store.server.setKeywords(words).then((next) => (show(next), setNote(t.saved)), fail);
        }}
      >
        <label>
          {t.keywords}
          <input value={keywords} onChange={(event) => setKeywords(event.target.value)} aria-describedby="keywords-hint" data-testid="keywords" />
        </label>
        <p id="keywords-hint" className="meta">
          {t.keywordsHint}
        </p>
        <button type="submit" className="small">
          {t.save}
        </button>
        <span role="status" className="meta">
          {note}
        </span>
      </form>
      {error && <p className="error">{error}</p>}
    </section>
  );
}
