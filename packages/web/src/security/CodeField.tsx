import { useI18n } from "../i18n/I18n";

/** One field for a 6-digit code or a recovery code, as password managers and phones fill one-time codes. */
export function CodeField({ value, onChange, testId }: { value: string; onChange(code: string): void; testId: string }) {
  const { t } = useI18n();
  return (
    <label>
      {t.code}
      <input
        data-testid={testId}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete="one-time-code"
        inputMode="text"
        spellCheck={false}
        required
        maxLength={32}
        autoFocus
      />
    </label>
  );
}
