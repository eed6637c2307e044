import { describe, expect, it } from 'vitest';
import { t, useTranslations } from '../../src/lib/i18n';

describe('dictionary', () => {
  it('returns Finnish strings and fills placeholders', () => {
    expect(t('nav.courses')).toBe('Kurssit');
    expect(useTranslations('fi')('footer.contact', { email: 'a@b.fi' })).toBe('Yhteystiedot: a@b.fi');
  });
  it('leaves unknown placeholders visible', () => {
    expect(t('footer.contact')).toBe('Yhteystiedot: {email}');
  });
});
