/** The catalog's audience filter: content values and their Finnish names. */
import type { Audience } from '../content/schema';

export const AUDIENCE_LABELS: Record<Audience, string> = {
  sote: 'Sote-palvelut',
  tyollisyyspalvelut: 'Työllisyyspalvelut',
  kela: 'Kela',
  jarjestot: 'Järjestöt',
  oppilaitokset: 'Oppilaitokset',
};
