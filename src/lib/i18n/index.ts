/**
 * UI strings. Every string a page shows comes from a dictionary here, so a
 * Swedish or English dictionary can be added without touching pages: a
 * missing key falls back to Finnish.
 */
import { fi, type MessageKey } from './fi';

export type { MessageKey };
export type Locale = 'fi';
export const DEFAULT_LOCALE: Locale = 'fi';

const dictionaries: Record<Locale, Partial<Record<MessageKey, string>>> = { fi };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * Returns a translator for a locale. `{name}` placeholders are replaced from `vars`.
 * @example t('footer.updated', { date: '23.11.2026' })
 */
export function useTranslations(locale: Locale = DEFAULT_LOCALE): Translate {
  const dict = dictionaries[locale];
  return (key, vars) => {
    const template = dict[key] ?? fi[key];
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
  };
}

/** The default (Finnish) translator. */
export const t: Translate = useTranslations();
