/**
 * The demo's fictional organisation tree: one wellbeing services county
 * (Järvi-Pohja is not one of the 21 real ones) with its sote-keskus units,
 * four fictional municipalities with their employment services, a Kela
 * service point, three associations and a vocational college. Every place
 * and organisation name is made up; any likeness to a real one is chance.
 */
import type { DbClient } from '../db/client';
import { insertNode } from '../db/org';
import type { OrgType } from '../db/schema';

/** Nodes the rest of the demo refers to by name. */
export type DemoNodeKey = 'county' | 'employment' | 'association' | 'rehabilitation';

export interface DemoNodeSpec {
  name: string;
  type: OrgType;
  key?: DemoNodeKey;
  /** Learners whose unit this is. */
  learners?: number;
  children?: DemoNodeSpec[];
}

const team = (name: string, learners: number): DemoNodeSpec => ({ name, type: 'tiimi', learners });
const unit = (name: string, learners: number, children: DemoNodeSpec[] = []): DemoNodeSpec => ({ name, type: 'yksikko', learners, children });

function municipality(name: string, genitive: string, employment: DemoNodeSpec[], other: DemoNodeSpec[] = []): DemoNodeSpec {
  return {
    name,
    type: 'kunta',
    children: [{ name: `${genitive} työllisyyspalvelut`, type: 'tyollisyysalue', learners: 3, children: employment }, ...other],
  };
}

/** The whole tree; the root is the county. */
export const DEMO_ORGANISATION: DemoNodeSpec = {
  name: 'Järvi-Pohjan hyvinvointialue',
  type: 'hyvinvointialue',
  key: 'county',
  learners: 2,
  children: [
    unit('Sote-keskus Kaislaranta', 2, [team('Työikäisten vastaanotto', 14), team('Mielenterveys- ja päihdepalvelut', 10)]),
    unit('Sote-keskus Routasalmi', 2, [team('Työikäisten vastaanotto', 12), team('Aikuissosiaalityö', 9)]),
    unit('Sote-keskus Pihlajakoski', 2, [team('Vastaanottopalvelut', 11)]),
    { ...unit('Kuntoutuspalvelut', 2, [team('Työkykykoordinaattorit', 6), team('Fysio- ja toimintaterapia', 8)]), key: 'rehabilitation' },
    {
      name: 'Kaislarannan kaupunki',
      type: 'kunta',
      children: [
        {
          name: 'Kaislarannan työllisyyspalvelut',
          type: 'tyollisyysalue',
          key: 'employment',
          learners: 3,
          children: [team('Työkykytiimi', 10), team('Nuorten palvelut', 8), team('Yrityspalvelut', 5)],
        },
        unit('Hyvinvoinnin edistäminen', 4),
      ],
    },
    municipality('Routasalmen kunta', 'Routasalmen', [team('Kuntouttava työtoiminta', 7)]),
    municipality('Pihlajakosken kunta', 'Pihlajakosken', [team('Työkykyneuvonta', 6)], [unit('Hyvinvoinnin edistäminen', 3)]),
    municipality('Tervaniemen kunta', 'Tervaniemen', []),
    { name: 'Kela', type: 'kela', children: [unit('Kaislarannan palvelupiste', 7), team('Työkykyneuvonta, Järvi-Pohja', 5)] },
    { name: 'Järvi-Pohjan Mielenterveysseura ry', type: 'jarjesto', key: 'association', learners: 2, children: [unit('Klubitalo Kaislikko', 6), team('Työhönvalmennus', 5)] },
    { name: 'Routasalmen Työpaja ry', type: 'jarjesto', learners: 7 },
    { name: 'Kaislarannan Kuntoutujat ry', type: 'jarjesto', learners: 4 },
    { name: 'Järvi-Pohjan ammattiopisto', type: 'oppilaitos', children: [unit('Opiskeluhuolto', 6), team('Opinto-ohjaus', 5)] },
  ],
};

export interface DemoNode {
  id: number;
  /** Materialised path (`/1/5/`), for "is this unit inside that one". */
  path: string;
}

export interface DemoUnit extends DemoNode {
  /** Names from the county down, for messages. */
  label: string;
  learners: number;
}

export interface DemoOrganisation {
  countyId: number;
  nodes: Record<DemoNodeKey, DemoNode>;
  /** Every node that has learners, in tree order. */
  units: DemoUnit[];
  nodeCount: number;
}

/**
 * Inserts the tree under `parentId` (null makes the county the root) with
 * the real node insert, so paths are built as everywhere else.
 */
export function insertDemoOrganisation(db: DbClient, parentId: number | null, createdAt: Date, spec: DemoNodeSpec = DEMO_ORGANISATION): DemoOrganisation {
  const nodes: Partial<Record<DemoNodeKey, DemoNode>> = {};
  const units: DemoUnit[] = [];
  let nodeCount = 0;
  const visit = (s: DemoNodeSpec, parent: number | null, labels: string[]): number => {
    const { id, path } = insertNode(db, { name: s.name, type: s.type, parentId: parent }, createdAt);
    nodeCount += 1;
    const label = [...labels, s.name];
    if (s.key) nodes[s.key] = { id, path };
    if (s.learners) units.push({ id, path, label: label.join(' / '), learners: s.learners });
    for (const child of s.children ?? []) visit(child, id, label);
    return id;
  };
  const countyId = visit(spec, parentId, []);
  const missing = (['county', 'employment', 'association', 'rehabilitation'] as const).filter((k) => nodes[k] === undefined);
  if (missing.length) throw new Error(`demo organisation lacks ${missing.join(', ')}`);
  return { countyId, nodes: nodes as Record<DemoNodeKey, DemoNode>, units, nodeCount };
}
