import { useI18n } from "../i18n/I18n";

/** The ten recovery codes, shown once, right after 2FA is turned on. */
export function RecoveryCodesView({ codes, onDone }: { codes: string[]; onDone(): void }) {
  const { t } = useI18n();
  return (
    <section className="recovery-codes" aria-labelledby="recovery-title" data-testid="recovery-codes">
      <h3 id="recovery-title">{t.recoveryTitle}</h3>
      <p className="hint">{t.recoveryHint}</p>
      <ul>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onDone} data-testid="recovery-done" autoFocus>
        {t.continueOn}
      </button>
    </section>
  );
}
