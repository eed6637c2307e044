/**
 * `npm run user:create -- --email maija@example.fi --name "Maija M" --role admin`
 * Creates a user from the shell (for example the first administrator), with
 * the password typed at a prompt or piped on standard input. Creates the root
 * organisation node from ORG_NAME when none exists.
 */
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { fail, loadConfigOrExit } from '../src/lib/server/process-config';
import { closeDatabase, openDatabase } from '../src/lib/server/db/client';
import { findRootNode, insertNode } from '../src/lib/server/db/org';
import { findUserByEmail, insertUser } from '../src/lib/server/db/users';
import { startActiveMembership } from '../src/lib/server/db/memberships';
import { appendAuditEvent } from '../src/lib/server/db/audit';
import { checkPasswordPolicy, hashPassword } from '../src/lib/server/auth/password';
import { isRole } from '../src/lib/server/accounts/admin-users';
import { findNodeByNames, listTree } from '../src/lib/server/accounts/org-tree';
import type { Role } from '../src/lib/server/auth/types';

const MESSAGES = {
  too_short: 'Salasanan on oltava vähintään 10 merkkiä pitkä.',
  too_long: 'Salasana saa olla enintään 256 merkkiä pitkä.',
  common: 'Salasana on yleisesti käytetty; valitse toinen.',
} as const;


/** Reads the password: silently at a terminal prompt, or the first line of piped input. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const muted = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      process.stdout.write(q);
      muted._writeToOutput = () => {};
      rl.question('', (answer) => {
        process.stdout.write('\n');
        resolve(answer);
      });
    });
  const first = await ask('Salasana: ');
  const second = await ask('Salasana uudelleen: ');
  rl.close();
  if (first !== second) fail('Salasanat eivät täsmää.');
  return first;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true, default: [] },
      node: { type: 'string' },
    },
  });
  if (!values.email || !values.name) fail('Käyttö: npm run user:create -- --email osoite@example.fi --name "Etunimi Sukunimi" [--role admin] [--node "Juuri / Yksikkö"]');
  const roles = values.role.map((r) => r.trim().toLowerCase());
  const bad = roles.filter((r) => !isRole(r));
  if (bad.length) fail(`Tuntematon rooli: ${bad.join(', ')} (sallitut: learner, trainer, manager, admin)`);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) fail('Sähköpostiosoite ei ole kelvollinen.');

  const config = loadConfigOrExit();
  const password = await readPassword();
  const problem = checkPasswordPolicy(password);
  if (problem) fail(MESSAGES[problem]);
  const passwordHash = await hashPassword(password);

  const handle = openDatabase(config.databasePath);
  try {
    const now = new Date();
    const id = handle.db.transaction((tx) => {
      if (findUserByEmail(tx, values.email!)) fail(`Osoitteella ${values.email} on jo tili.`);
      const root = findRootNode(tx) ?? insertNode(tx, { name: config.orgName, type: 'muu', parentId: null }, now);
      let nodeId = root.id;
      if (values.node) {
        const node = findNodeByNames(listTree(tx), values.node.split(/\s*[/›>]\s*/));
        if (!node) fail(`Organisaatiota "${values.node}" ei löydy.`);
        nodeId = node.id;
      }
      const userId = insertUser(tx, { email: values.email!, name: values.name!, passwordHash, roles: roles as Role[] }, now);
      startActiveMembership(tx, userId, nodeId, null, now);
      appendAuditEvent(tx, { actorId: null, action: 'user.created_from_shell', targetType: 'user', targetId: userId, details: { roles } }, now);
      return userId;
    });
    process.stdout.write(`Käyttäjä luotu (tunniste ${id}): ${values.email} ${roles.length ? `roolit ${roles.join(', ')}` : ''}\n`);
    if (roles.includes('admin') || roles.includes('manager')) process.stdout.write('Rooli edellyttää kaksivaiheista tunnistautumista: se otetaan käyttöön ensimmäisellä kirjautumisella.\n');
  } finally {
    closeDatabase(handle);
  }
}

await main();
