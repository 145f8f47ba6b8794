import { useI18n } from "../i18n/I18n";
import "./integrations.css";

/** A secret URL or token the server will never show again: selectable, labelled, announced. */
export function ShownOnce({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useI18n();
  return (
    <div className="shown-once" role="status">
      <label>
        {label}
        <input readOnly value={value} data-testid={testId} onFocus={(event) => event.target.select()} />
      </label>
      <p className="meta">{t.secretOnce}</p>
    </div>
  );
}
