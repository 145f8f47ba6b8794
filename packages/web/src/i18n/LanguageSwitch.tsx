import { LOCALES, type Locale } from "./dictionary";
import { useI18n } from "./I18n";

const LABELS: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };

export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <label className="language">
      <span className="visually-hidden">{t.language}</span>
      <select
        aria-label={t.language}
        data-testid="language"
        value={locale}
        onChange={(event) => setLocale(LOCALES.find((l) => l === event.target.value) ?? "en")}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {LABELS[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
