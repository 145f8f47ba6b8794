import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { dictionaries, localeFor, LOCALES, type Dictionary, type Locale } from "./dictionary";

const STORAGE_KEY = "natter.locale";

interface I18nValue {
  t: Dictionary;
  locale: Locale;
  setLocale(locale: Locale): void;
}

const I18nContext = createContext<I18nValue | null>(null);

function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  return LOCALES.find((locale) => locale === saved) ?? localeFor(navigator.language);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    setState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo(() => ({ t: dictionaries[locale], locale, setLocale }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}

/** The reader's language; English where no provider is above (content drawn on its own, as in its tests). */
export function useLocale(): Locale {
  return useContext(I18nContext)?.locale ?? "en";
}
