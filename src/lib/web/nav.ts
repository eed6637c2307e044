/** Links of the admin and manager areas, filtered by what the user may open. */
import { hasPermission } from '../server/auth/permissions';
import type { Role } from '../server/auth/types';

export function adminNavItems(): { href: string; text: string }[] {
  return [
    { href: '/yllapito', text: 'Yleiskatsaus' },
    { href: '/yllapito/kayttajat', text: 'Käyttäjät' },
    { href: '/yllapito/kutsu', text: 'Kutsu ja tuo' },
    { href: '/yllapito/organisaatio', text: 'Organisaatio' },
    { href: '/yllapito/tunnistus', text: 'Organisaation tunnukset' },
    { href: '/hallinta/vahvistettavat', text: 'Vahvistettavat' },
    { href: '/yllapito/todistukset', text: 'Todistukset' },
    { href: '/yllapito/viestit', text: 'Sähköpostijono' },
    { href: '/yllapito/loki', text: 'Tapahtumaloki' },
    { href: '/yllapito/asetukset', text: 'Asetukset' },
  ];
}

export function managerNavItems(roles: readonly Role[]): { href: string; text: string }[] {
  const items = [
    { href: '/hallinta', text: 'Yleiskatsaus', permission: 'manager.view' as const },
    { href: '/hallinta/raportit', text: 'Raportit', permission: 'manager.view' as const },
    { href: '/hallinta/maaraykset', text: 'Pakolliset kurssit', permission: 'manager.assign' as const },
    { href: '/hallinta/rahoittajat', text: 'Rahoittajaraportti', permission: 'manager.view' as const },
    { href: '/hallinta/tilaisuudet', text: 'Koulutustilaisuudet', permission: 'manager.view' as const },
    { href: '/hallinta/vaikuttavuus', text: 'Vaikuttavuus', permission: 'manager.view' as const },
    { href: '/hallinta/jasenet', text: 'Kutsu oppijoita', permission: 'manager.members' as const },
    { href: '/hallinta/vahvistettavat', text: 'Vahvistettavat', permission: 'manager.members' as const },
  ];
  return items.filter((i) => hasPermission(roles, i.permission)).map(({ href, text }) => ({ href, text }));
}

/** Links of the trainer area (the authoring and facilitator guides and course analytics). */
export function trainerNavItems(): { href: string; text: string }[] {
  return [
    { href: '/kouluttajan-opas', text: 'Kouluttajan opas' },
    { href: '/ohjaajan-opas', text: 'Ohjaajan opas' },
    { href: '/kouluttajat', text: 'Kurssien analytiikka' },
    { href: '/kouluttajat/tilaisuudet', text: 'Koulutustilaisuudet' },
  ];
}
