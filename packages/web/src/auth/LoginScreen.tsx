import type { SecondFactorStep } from "@natter/protocol";
import { useState, type FormEvent } from "react";
import { useI18n } from "../i18n/I18n";
import { LanguageSwitch } from "../i18n/LanguageSwitch";
import { SecondFactorForm } from "../security/SecondFactorForm";
import type { SecondFactorCalls, SignIn } from "../session/useSession";

type Action = "guest" | "login" | "register";

export function LoginScreen({
  onSignIn,
  secondFactor,
  notice,
}: {
  onSignIn(request: SignIn): Promise<SecondFactorStep | undefined>;
  secondFactor: SecondFactorCalls;
  notice?: string | undefined;
}) {
  const { t } = useI18n();
  const [step, setStep] = useState<SecondFactorStep | null>(null);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function run(action: Action) {
    setBusy(true);
    setError("");
    try {
      const name = username.trim();
      const next = await onSignIn(action === "guest" ? { how: "guest", username: name } : { how: action, username: name, password });
      if (next) setStep(next);
    } catch (failure) {
      // The two name refusals in the reader's language; any other refusal as the server words it.
      const code = failure instanceof Error && "code" in failure ? failure.code : undefined;
      if (code === "USERNAME_TAKEN") setError(t.nameTaken(username.trim()));
      else if (code === "USERNAME_RESERVED") setError(t.nameReserved(username.trim()));
      else setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Enter in a field submits through the first button (guest); with a password typed it means "log in".
    const pressedEnter = document.activeElement instanceof HTMLInputElement;
    const action = (event.nativeEvent as SubmitEvent).submitter?.getAttribute("value");
    if (pressedEnter) return void run(password ? "login" : "guest");
    void run(action === "login" || action === "register" ? action : "guest");
  }

  if (step)
    return (
      <main className="login">
        <SecondFactorForm
          step={step}
          calls={secondFactor}
          onExpired={(message) => {
            setStep(null);
            setBusy(false);
            setError(message);
          }}
        />
      </main>
    );
  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title" data-testid="login-form">
        <h1 id="login-title">{t.loginTitle}</h1>
        {notice && (
          <p className="notice" role="status" data-testid="session-ended">
            {notice}
          </p>
        )}
        <label>
          {t.username}
          <input
            data-testid="login-username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            autoComplete="username"
            required
            minLength={2}
            maxLength={32}
            autoFocus
          />
        </label>
        <button type="submit" value="guest" data-testid="login-guest" disabled={busy}>
          {t.joinAsGuest}
        </button>
        <p className="hint">{t.guestHint}</p>
        <p className="hint">{t.orAccount}</p>
        <label>
          {t.password}
          <input
            data-testid="login-password"
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="current-password"
          />
        </label>
        <div className="row">
          <button type="submit" value="login" data-testid="login-submit" disabled={busy || !password}>
            {t.logIn}
          </button>
          <button type="submit" value="register" data-testid="login-register" disabled={busy || !password}>
            {t.register}
          </button>
        </div>
        <a href="/forgot" className="hint" data-testid="forgot-link">
          {t.forgotPassword}
        </a>
        {error && (
          <p className="error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <LanguageSwitch />
      </form>
    </main>
  );
}
