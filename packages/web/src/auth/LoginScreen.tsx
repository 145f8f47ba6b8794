import type { SecondFactorStep, SignInMethods } from "@natter/protocol";
import { useState, type FormEvent } from "react";
import { useI18n } from "../i18n/I18n";
import { refusedField, useErrorText } from "../i18n/errorText";
import { LanguageSwitch } from "../i18n/LanguageSwitch";
import { SecondFactorForm } from "../security/SecondFactorForm";
import type { SecondFactorCalls, SignIn } from "../session/useSession";
import { useAccessText } from "./accessText";
import { ssoErrorText } from "./ssoError";

type Action = "guest" | "login" | "register";

interface LoginProps {
  onSignIn(request: SignIn): Promise<SecondFactorStep | undefined>;
  secondFactor: SecondFactorCalls;
  notice?: string | undefined;
  /** From an invite link (`/invite/<code>`). */
  inviteCode?: string | undefined;
  /** Which ways in the server offers; until known (or when it cannot say), everything is offered. */
  methods?: SignInMethods | undefined;
  /** Where "Sign in with …" goes: the server's start of single sign-on. */
  ssoUrl?: string;
  /** The code a failed single sign-on came back with. */
  ssoError?: string | undefined;
}

export function LoginScreen({ onSignIn, secondFactor, notice, inviteCode, methods, ssoUrl, ssoError }: LoginProps) {
  const { t } = useI18n();
  const text = useAccessText();
  const errorText = useErrorText();
  const [field, setField] = useState<string | undefined>();
  const [invite, setInvite] = useState(inviteCode ?? "");
  const registration = methods?.registration ?? "open";
  const guests = methods?.guests ?? true;
  const passwords = methods?.password !== false;
  const [step, setStep] = useState<SecondFactorStep | null>(null);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function run(action: Action) {
    setBusy(true);
    setError("");
    setField(undefined);
    try {
      const name = username.trim();
      const next =
        action === "guest"
          ? await onSignIn({ how: "guest", username: name })
          : action === "register"
            ? await onSignIn({ how: "register", username: name, password, invite: invite.trim() || undefined })
            : await onSignIn({ how: "login", username: name, password });
      if (next) setStep(next);
    } catch (failure) {
      // The two name refusals name the name; any other refusal is worded from its code.
      const code = failure instanceof Error && "code" in failure ? failure.code : undefined;
      if (code === "USERNAME_TAKEN") setError(t.nameTaken(username.trim()));
      else if (code === "USERNAME_RESERVED") setError(t.nameReserved(username.trim()));
      else setError(errorText(failure));
      setField(refusedField(failure));
      setBusy(false);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Enter in a field submits through the first button (guest); with a password typed it means "log in".
    const pressedEnter = document.activeElement instanceof HTMLInputElement;
    const action = (event.nativeEvent as SubmitEvent).submitter?.getAttribute("value");
    if (pressedEnter) return void run(password || !guests ? "login" : "guest");
    void run(action === "login" || action === "register" ? action : "guest");
  }

  // A refused name or password is said under its field (and the field is marked); any other refusal at the end.
  const fieldError = error && (
    <p className="error" role="alert" id="login-error" data-testid="login-error">
      {error}
    </p>
  );

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

  const heading = (
    <>
      <h1 id="login-title">{t.loginTitle}</h1>
      {notice && (
        <p className="notice" role="status" data-testid="session-ended">
          {notice}
        </p>
      )}
      {methods?.sso && ssoUrl && (
        // A link, not a fetch: the browser itself goes to the provider and comes back signed in.
        <a className="sso-button" href={ssoUrl} data-testid="login-sso">
          {t.signInWith(methods.sso.name)}
        </a>
      )}
      {ssoError && (
        <p className="error" role="alert" data-testid="sso-error">
          {ssoErrorText(ssoError, t)}
        </p>
      )}
    </>
  );

  if (!passwords)
    return (
      <main className="login">
        <section className="login-card" aria-labelledby="login-title" data-testid="login-form">
          {heading}
          <p className="hint">{t.passwordsOff}</p>
          <LanguageSwitch />
        </section>
      </main>
    );

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title" data-testid="login-form">
        {heading}
        {methods?.sso && <p className="hint">{t.orPassword}</p>}
        <label>
          {t.username}
          <input
            data-testid="login-username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            autoComplete="username"
            aria-invalid={field === "username" || undefined}
            aria-describedby={field === "username" ? "login-error" : undefined}
            required
            minLength={2}
            maxLength={32}
            autoFocus
          />
        </label>
        {field === "username" && fieldError}
        {guests && (
          <>
            <button type="submit" value="guest" data-testid="login-guest" disabled={busy}>
              {t.joinAsGuest}
            </button>
            <p className="hint">{t.guestHint}</p>
            <p className="hint">{t.orAccount}</p>
          </>
        )}
        <label>
          {t.password}
          <input
            data-testid="login-password"
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="current-password"
            aria-invalid={field === "password" || undefined}
            aria-describedby={field === "password" ? "login-error" : undefined}
          />
        </label>
        {field === "password" && fieldError}
        {registration === "invite" && (
          <label>
            {text.invite}
            <input
              data-testid="login-invite"
              value={invite}
              onChange={(event) => setInvite(event.target.value)}
              autoComplete="off"
              aria-describedby="invite-hint"
            />
            <span className="hint" id="invite-hint">
              {text.inviteHint}
            </span>
          </label>
        )}
        <div className="row">
          <button type="submit" value="login" data-testid="login-submit" disabled={busy || !password}>
            {t.logIn}
          </button>
          {registration !== "closed" && (
            <button type="submit" value="register" data-testid="login-register" disabled={busy || !password}>
              {t.register}
            </button>
          )}
        </div>
        {registration === "closed" && (
          <p className="hint" data-testid="registration-closed">
            {text.registrationClosed}
          </p>
        )}
        <a href="/forgot" className="hint" data-testid="forgot-link">
          {t.forgotPassword}
        </a>
        {field !== "username" && field !== "password" && fieldError}
        <LanguageSwitch />
      </form>
    </main>
  );
}
