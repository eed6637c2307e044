/** Links of the admin and manager areas, filtered by what the user may open. */
import { hasPermission } from '../server/auth/permissions';
import type { Role } from '../server/auth/types';

export function adminNavItems(): { href: string; text: string }[] {
  return [
    { href: '/yllapito', text: 'Yleiskatsaus' },
    { href: '/yllapito/kayttajat', text: 'Käyttäjät' },
    { href: '/yllapito/kutsu', text: 'Kutsu ja tuo' },
    { href: '/yllapito/organisaatio', text: 'Organisaatio' },
    { href: '/hallinta/vahvistettavat', text: 'Vahvistettavat' },
    { href: '/yllapito/todistukset', text: 'Todistukset' },
    { href: '/yllapito/loki', text: 'Tapahtumaloki' },
    { href: '/yllapito/asetukset', text: 'Asetukset' },
  ];
}

export function managerNavItems(roles: readonly Role[]): { href: string; text: string }[] {
  const items = [
    { href: '/hallinta', text: 'Yleiskatsaus' },
    { href: '/hallinta/jasenet', text: 'Kutsu oppijoita' },
    { href: '/hallinta/vahvistettavat', text: 'Vahvistettavat' },
  ];
  return hasPermission(roles, 'manager.members') ? items : items.slice(0, 1);
}
