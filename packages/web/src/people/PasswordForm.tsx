import { useState } from "react";
import { useChat } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";
import { usePeopleText } from "./text";

/** Old and new password; the server ends every other session, and this tab goes on with the new one. */
export function PasswordForm() {
  const { t } = useI18n();
  const text = usePeopleText();
  const { store } = useChat();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [again, setAgain] = useState("");
  const [done, setDone] = useState(false);
  const [error, setError] = useState("");
  return (
    <form
      className="password-form"
      aria-label={text.changePassword}
      data-testid="password-form"
      onSubmit={(event) => {
        event.preventDefault();
        setDone(false);
        setError(next === again ? "" : t.passwordsDiffer);
        if (next !== again) return;
        store.server.changePassword(current, next).then(
          () => {
            setCurrent("");
            setNext("");
            setAgain("");
            setDone(true);
          },
          (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
        );
      }}
    >
      <h3>{text.changePassword}</h3>
      <label>
        {text.currentPassword}
        <input
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
          required
          data-testid="current-password"
        />
      </label>
      <label>
        {t.newPassword}
        <input type="password" autoComplete="new-password" value={next} onChange={(event) => setNext(event.target.value)} required data-testid="new-password" />
      </label>
      <label>
        {t.repeatPassword}
        <input
          type="password"
          autoComplete="new-password"
          value={again}
          onChange={(event) => setAgain(event.target.value)}
          required
          data-testid="repeat-password"
        />
      </label>
      <button type="submit" className="small" data-testid="change-password">
        {text.changePassword}
      </button>
      {done && (
        <p className="meta" role="status" data-testid="password-changed">
          {text.passwordChanged}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
