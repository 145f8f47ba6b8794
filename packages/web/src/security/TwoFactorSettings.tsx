import type { TotpSetup, TwoFactorStatus } from "@natter/protocol";
import { useEffect, useState } from "react";
import { useChat } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";
import { CodeField } from "./CodeField";
import { RecoveryCodesView } from "./RecoveryCodesView";
import { TotpSetupView } from "./TotpSetupView";
import { useErrorText } from "../i18n/errorText";

type Mode = { kind: "idle" } | { kind: "setting-up"; setup: TotpSetup } | { kind: "codes"; codes: string[] } | { kind: "turning-off" };

/** Two-factor authentication in one's own profile: turn on (QR, key, a first code), see the codes once, turn off with a code. */
export function TwoFactorSettings() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { store } = useChat();
  const [status, setStatus] = useState<TwoFactorStatus | null>(null);
  const [mode, setMode] = useState<Mode>({ kind: "idle" });
  const [code, setCode] = useState("");
  const [error, setError] = useState("");
  const fail = (failure: unknown) => setError(errorText(failure));
  const refresh = () => store.server.twoFactor().then(setStatus, fail);

  useEffect(() => void refresh(), [store]);

  const run = (action: () => Promise<void>) => {
    setError("");
    action().catch(fail);
  };
  const done = () => {
    setCode("");
    setMode({ kind: "idle" });
    void refresh();
  };

  if (!status) return error ? <p className="error">{error}</p> : null;
  return (
    <div className="two-factor" data-testid="two-factor">
      <p data-testid="two-factor-state">
        {status.enabled ? t.twoFactorOn(status.recoveryCodesLeft) : t.twoFactorOff} {status.required && <span className="meta">{t.twoFactorRequired}</span>}
      </p>
      {mode.kind === "idle" && !status.enabled && (
        <button
          type="button"
          className="small"
          data-testid="two-factor-on"
          onClick={() => run(async () => setMode({ kind: "setting-up", setup: await store.server.startTwoFactor() }))}
        >
          {t.turnOn}
        </button>
      )}
      {mode.kind === "idle" && status.enabled && !status.required && (
        <button type="button" className="small" data-testid="two-factor-off" onClick={() => setMode({ kind: "turning-off" })}>
          {t.turnOff}
        </button>
      )}
      {(mode.kind === "setting-up" || mode.kind === "turning-off") && (
        <form
          aria-label={mode.kind === "setting-up" ? t.turnOn : t.turnOff}
          onSubmit={(event) => {
            event.preventDefault();
            run(async () => {
              if (mode.kind === "setting-up") {
                setMode({ kind: "codes", codes: await store.server.confirmTwoFactor(code.trim()) });
                setCode("");
              } else {
                await store.server.disableTwoFactor(code.trim());
                done();
              }
            });
          }}
        >
          {mode.kind === "setting-up" && <TotpSetupView setup={mode.setup} hint={t.setupHintTotp} />}
          <CodeField value={code} onChange={setCode} testId="two-factor-code" />
          <div className="row">
            <button type="submit" className="small" data-testid="two-factor-confirm">
              {t.verify}
            </button>
            <button type="button" className="small" onClick={done}>
              {t.cancel}
            </button>
          </div>
        </form>
      )}
      {mode.kind === "codes" && <RecoveryCodesView codes={mode.codes} onDone={done} />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
