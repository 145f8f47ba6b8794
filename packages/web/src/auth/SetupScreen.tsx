import { useState, type FormEvent } from "react";
import { useI18n } from "../i18n/I18n";
import { LanguageSwitch } from "../i18n/LanguageSwitch";
import type { SignIn } from "../session/useSession";
import { useErrorText } from "../i18n/errorText";

/** The page of the one-time link the server logs when it has no admin: it makes the first admin. */
export function SetupScreen({ token, onSignIn }: { token: string; onSignIn(request: SignIn): Promise<unknown> }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError("");
    try {
      await onSignIn({ how: "setup", token, username: username.trim(), password });
      // The link is spent: the address bar should not keep offering it.
      window.history.replaceState(null, "", "/");
    } catch (failure) {
      setError(errorText(failure));
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="login-card" onSubmit={(event) => void submit(event)} aria-labelledby="setup-title" data-testid="setup-form">
        <h1 id="setup-title">{t.setupTitle}</h1>
        <p className="hint">{t.setupHint}</p>
        <label>
          {t.username}
          <input
            data-testid="setup-username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            autoComplete="username"
            required
            minLength={2}
            maxLength={32}
            autoFocus
          />
        </label>
        <label>
          {t.password}
          <input
            data-testid="setup-password"
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="new-password"
            required
          />
        </label>
        <button type="submit" data-testid="setup-submit" disabled={busy}>
          {t.setupSubmit}
        </button>
        {error && (
          <p className="error" role="alert" data-testid="setup-error">
            {error}
          </p>
        )}
        <LanguageSwitch />
      </form>
    </main>
  );
}
