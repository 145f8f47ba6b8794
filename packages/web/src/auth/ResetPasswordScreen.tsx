import { PASSWORD_MIN } from "@natter/protocol";
import { useState, type FormEvent } from "react";
import { useI18n } from "../i18n/I18n";
import { LanguageSwitch } from "../i18n/LanguageSwitch";
import type { SignIn } from "../session/useSession";
import { useAccessText } from "./accessText";

/** The page of an admin's one-time reset link: a new password, then signed in. */
export function ResetPasswordScreen({ token, onSignIn }: { token: string; onSignIn(request: SignIn): Promise<void> }) {
  const { t } = useI18n();
  const text = useAccessText();
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError("");
    try {
      await onSignIn({ how: "reset", token, password });
      // The link is spent: the address bar should not keep offering it.
      window.history.replaceState(null, "", "/");
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="login-card" onSubmit={(event) => void submit(event)} aria-labelledby="reset-title" data-testid="reset-form">
        <h1 id="reset-title">{text.resetTitle}</h1>
        <p className="hint">{text.resetHint}</p>
        <label>
          {text.newPassword}
          <input
            data-testid="reset-password"
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="new-password"
            minLength={PASSWORD_MIN}
            required
            autoFocus
          />
        </label>
        <button type="submit" data-testid="reset-submit" disabled={busy || !password}>
          {text.resetSubmit}
        </button>
        {error && (
          <p className="error" role="alert" data-testid="reset-error">
            {error}
          </p>
        )}
        <p className="hint">
          <a href="/">{t.logIn}</a>
        </p>
        <LanguageSwitch />
      </form>
    </main>
  );
}
