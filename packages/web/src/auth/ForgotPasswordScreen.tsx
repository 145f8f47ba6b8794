import { useState, type FormEvent } from "react";
import { useI18n } from "../i18n/I18n";
import { LanguageSwitch } from "../i18n/LanguageSwitch";
import { useErrorText } from "../i18n/errorText";

/** "Forgot password": the answer is the same whether or not the address is anyone's, so the page says the same too. */
export function ForgotPasswordScreen({ onSend }: { onSend(email: string, language: "en" | "zh-CN"): Promise<void> }) {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError("");
    try {
      await onSend(email.trim(), locale);
      setSent(true);
    } catch (failure) {
      setError(errorText(failure));
    }
    setBusy(false);
  }

  return (
    <main className="login">
      <form className="login-card" onSubmit={(event) => void submit(event)} aria-labelledby="forgot-title" data-testid="forgot-form">
        <h1 id="forgot-title">{t.forgotTitle}</h1>
        <p className="hint">{t.forgotHint}</p>
        <label>
          {t.emailField}
          <input
            data-testid="forgot-email"
            type="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            autoComplete="email"
            required
            maxLength={254}
            autoFocus
          />
        </label>
        <button type="submit" data-testid="forgot-submit" disabled={busy}>
          {t.sendResetLink}
        </button>
        {sent && (
          <p className="notice" role="status" data-testid="forgot-sent">
            {t.resetSent}
          </p>
        )}
        {error && (
          <p className="error" role="alert" data-testid="forgot-error">
            {error}
          </p>
        )}
        <a href="/">{t.backToLogin}</a>
        <LanguageSwitch />
      </form>
    </main>
  );
}
