import { useState, type FormEvent } from "react";
import { useI18n } from "../i18n/I18n";
import { LanguageSwitch } from "../i18n/LanguageSwitch";
import { useErrorText } from "../i18n/errorText";

/** The page of the mailed reset link: a new password, typed twice. The link is spent only when it is sent. */
export function ResetPasswordScreen({ token, onReset }: { token: string; onReset(token: string, password: string): Promise<void> }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [password, setPassword] = useState("");
  const [repeated, setRepeated] = useState("");
  const [done, setDone] = useState(false);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password !== repeated) return setError(t.passwordsDiffer);
    setBusy(true);
    setError("");
    try {
      await onReset(token, password);
      setDone(true);
      // The link is spent: the address bar should not keep offering it.
      window.history.replaceState(null, "", "/reset-password");
    } catch (failure) {
      setError(errorText(failure));
    }
    setBusy(false);
  }

  if (done)
    return (
      <main className="login">
        <div className="login-card" data-testid="reset-done">
          <h1>{t.resetTitle}</h1>
          <p role="status">{t.resetDone}</p>
          <a href="/" data-testid="reset-login">
            {t.backToLogin}
          </a>
        </div>
      </main>
    );
  return (
    <main className="login">
      <form className="login-card" onSubmit={(event) => void submit(event)} aria-labelledby="reset-title" data-testid="reset-form">
        <h1 id="reset-title">{t.resetTitle}</h1>
        <label>
          {t.newPassword}
          <input
            data-testid="reset-password"
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="new-password"
            required
            minLength={8}
            autoFocus
          />
        </label>
        <label>
          {t.repeatPassword}
          <input
            data-testid="reset-repeat"
            type="password"
            value={repeated}
            onChange={(event) => setRepeated(event.target.value)}
            autoComplete="new-password"
            required
            minLength={8}
          />
        </label>
        <button type="submit" data-testid="reset-submit" disabled={busy}>
          {t.setPassword}
        </button>
        {error && (
          <p className="error" role="alert" data-testid="reset-error">
            {error}
          </p>
        )}
        <a href="/">{t.backToLogin}</a>
        <LanguageSwitch />
      </form>
    </main>
  );
}
