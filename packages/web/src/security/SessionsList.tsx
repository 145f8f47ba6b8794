import type { SessionInfo } from "@natter/protocol";
import { useEffect, useState } from "react";
import { useChat } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";
import { useErrorText } from "../i18n/errorText";

/** One's sessions (device, address, start, last use), each with an end button, and one for all the others. */
export function SessionsList() {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const { store } = useChat();
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null);
  const [error, setError] = useState("");
  const fail = (failure: unknown) => setError(errorText(failure));
  const refresh = () => store.server.sessions().then(setSessions, fail);
  useEffect(() => void refresh(), [store]);

  const when = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const end = (action: () => Promise<unknown>) => {
    setError("");
    action().then(refresh, fail);
  };
  if (!sessions) return error ? <p className="error">{error}</p> : null;
  const others = sessions.filter((session) => !session.current);
  return (
    <section className="sessions" aria-labelledby="sessions-heading" data-testid="sessions">
      <h4 id="sessions-heading">{t.sessionsTitle}</h4>
      <ul>
        {sessions.map((session) => (
          <li key={session.id} data-testid="session-row">
            <strong>{session.device}</strong>
            {session.current && <span className="meta"> · {t.thisDevice}</span>}
            <br />
            <span className="meta">{t.sessionFacts(session.address, when.format(session.createdAt), when.format(session.lastSeenAt))}</span>{" "}
            {!session.current && (
              <button
                type="button"
                className="small"
                aria-label={`${t.endSession}: ${session.device}`}
                onClick={() => end(() => store.server.endSession(session.id))}
              >
                {t.endSession}
              </button>
            )}
          </li>
        ))}
      </ul>
      {others.length > 0 && (
        <button type="button" className="small" data-testid="end-other-sessions" onClick={() => end(() => store.server.endOtherSessions())}>
          {t.endOtherSessions}
        </button>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
