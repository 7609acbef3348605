// One small i18n module: every UI string goes through `t(key, values)`. English and Italian;
// the choice is remembered in this browser and defaults to the browser's language.
import { useMemo } from 'react';
import { create } from 'zustand';
import { en, type MessageKey } from './en';
import { it } from './it';

export type Language = 'en' | 'it';
export type { MessageKey };

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en, it };
const STORAGE_KEY = 'percorso.language';

export function detectLanguage(stored: string | null, browserLanguages: readonly string[]): Language {
  if (stored === 'en' || stored === 'it') return stored;
  for (const language of browserLanguages) {
    const base = language.toLowerCase().split('-')[0];
    if (base === 'it' || base === 'en') return base;
  }
  return 'en';
}

export function translate(language: Language, key: MessageKey, values?: Record<string, string | number>): string {
  const template = DICTIONARIES[language][key] ?? en[key];
  return values
    ? template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match))
    : template;
}

function storedLanguage(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null; // storage disabled: fall back to the browser's language
  }
}

interface LanguageState {
  language: Language;
  setLanguage: (language: Language) => void;
}

export const useLanguage = create<LanguageState>((set) => ({
  language: detectLanguage(storedLanguage(), globalThis.navigator?.languages ?? []),
  setLanguage: (language) => {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, language);
    } catch {
      // not remembered, but still switched
    }
    document.documentElement.lang = language;
    set({ language });
  },
}));

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The translate function of the current language; components re-render when it changes. */
export function useT(): Translate {
  const language = useLanguage((state) => state.language);
  return useMemo<Translate>(() => (key, values) => translate(language, key, values), [language]);
}

/** For code outside React (actions, stores): the current language's strings. */
export const t: Translate = (key, values) => translate(useLanguage.getState().language, key, values);
