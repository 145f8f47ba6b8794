import type { SecondFactorStep, TotpSetup } from "@natter/protocol";
import { useEffect, useState, type FormEvent } from "react";
import { useErrorText } from "../i18n/errorText";
import { useI18n } from "../i18n/I18n";
import "./security.css";
import type { SecondFactorCalls } from "../session/useSession";
import { CodeField } from "./CodeField";
import { RecoveryCodesView } from "./RecoveryCodesView";
import { TotpSetupView } from "./TotpSetupView";

/** The log-in's second step: the code (after setting 2FA up, when the server requires it), then the app. */
export function SecondFactorForm({ step, calls, onExpired }: { step: SecondFactorStep; calls: SecondFactorCalls; onExpired(message: string): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<{ codes: string[]; enter(): void } | null>(null);

  useEffect(() => {
    if (!step.enroll) return;
    // Each call makes a new secret: only the last one asked for is the one the server keeps, so only it is shown.
    let live = true;
    calls.enroll(step.ticket).then(
      (made) => live && setSetup(made),
      (failure: unknown) => live && setError(errorText(failure)),
    );
    return () => void (live = false);
  }, [calls, step, errorText]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError("");
    try {
      const { user, recoveryCodes } = await calls.finish(step.ticket, code);
      if (recoveryCodes) setShown({ codes: recoveryCodes, enter: () => calls.enter(user) });
      else calls.enter(user);
    } catch (failure) {
      const message = errorText(failure);
      if (failure instanceof Error && "code" in failure && failure.code === "BAD_TICKET") return onExpired(message);
      setError(message);
      setBusy(false);
    }
  }

  if (shown)
    return (
      <div className="login-card">
        <RecoveryCodesView codes={shown.codes} onDone={shown.enter} />
      </div>
    );
  return (
    <form className="login-card" onSubmit={(event) => void submit(event)} aria-labelledby="code-title" data-testid="code-form">
      <h1 id="code-title">{t.codeTitle}</h1>
      {step.enroll ? setup && <TotpSetupView setup={setup} hint={t.enrollHint} /> : <p className="hint">{t.codeHint}</p>}
      <CodeField value={code} onChange={setCode} testId="login-code" />
      <button type="submit" data-testid="code-submit" disabled={busy || code.trim() === ""}>
        {t.verify}
      </button>
      {error && (
        <p className="error" role="alert" data-testid="code-error">
          {error}
        </p>
      )}
    </form>
  );
}
