/**
 * Vietnamese by default, English on request; the choice is remembered in localStorage.
 * The texts are labels/'s tables (shared with the API's timeline): the pages' messages by key, enumerations by name.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { enumLabel, type EnumName, LABELS, LANGUAGES, type Language, type MessageKey } from '../../labels';

export type { EnumName, MessageKey };
export type Lang = Language;
const LANG_KEY = 'diaban.lang';

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** The label of an enumeration value; the code itself when unknown. */
  e(name: EnumName, code: string | null | undefined): string;
}

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(LANG_KEY);
    if ((LANGUAGES as readonly (string | null)[]).includes(stored)) return stored as Lang;
  } catch {
    // Storage disabled: Vietnamese.
  }
  return 'vi';
}

export function interpolate(text: string, params: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(LANG_KEY, next);
    } catch {
      // Not remembered; still switched.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => interpolate(LABELS[lang].messages[key] ?? key, params),
      e: (name, code) => (code ? enumLabel(name, code, lang) : ''),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
