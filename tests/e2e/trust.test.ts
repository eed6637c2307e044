/**
 * Mail, second factor and sessions against the production server: requests
 * answer truthfully while mail waits in the outbox, the queue page shows no
 * links, an admin without a second factor gets nothing that needs one,
 * personal pages are not kept in the browser's cache, and a return path with
 * any character redirects safely.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './helpers/server';
import { createCast, type Cast } from './helpers/people';
import { createUser, PASSWORD } from '../helpers/accounts';
import { createSession } from '../../src/lib/server/auth/session';
import { DEFAULT_SESSION_TIMEOUTS } from '../../src/lib/server/auth/session-policy';
import { loadFixtureCourse } from '../helpers/fixture-course';
import { completeLessons, passFinal } from '../helpers/complete-course';
import { issuerFromConfig } from '../../src/lib/server/certificates/issue';
import { loadConfig } from '../../src/lib/server/config';

let server: RunningServer;
let cast: Cast;

beforeAll(async () => {
  server = await startServer();
  cast = await createCast(`${server.dataDir}/app.db`);
});
afterAll(async () => {
  cast?.close();
  await server?.stop();
});

const count = (sql: string, ...args: unknown[]) => (cast.handle.sqlite.prepare(sql).get(...args) as { n: number }).n;

function post(path: string, form: Record<string, string>, cookie?: string) {
  const headers: Record<string, string> = { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
  if (cookie) headers.cookie = `session=${cookie}`;
  return fetch(`${server.url}${path}`, { method: 'POST', headers, body: new URLSearchParams(form).toString(), redirect: 'manual' });
}

function get(path: string, cookie?: string) {
  return fetch(`${server.url}${path}`, { headers: cookie ? { cookie: `session=${cookie}` } : {}, redirect: 'manual' });
}

describe('mail through the outbox', () => {
  it('tells the truth after a reset request, for a known and an unknown address alike, and offers to ask again', async () => {
    for (const email of ['oppija.a@example.fi', 'ei-tilia@example.fi']) {
      const res = await post('/salasana/unohtunut?_action=auth.requestReset', { email });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('Viesti lähetetään hetken kuluttua');
      expect(html).toContain('Lähetä uusi linkki');
    }
    expect(count("SELECT COUNT(*) AS n FROM mail_outbox WHERE recipient IN ('oppija.a@example.fi', 'ei-tilia@example.fi')")).toBe(2);
  });

  it('shows administrators the queue without bodies or links, and /healthz says how mail is doing', async () => {
    const res = await get('/yllapito/viestit', cast.cookie('admin'));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('oppija.a@example.fi');
    expect(html).toContain('Salasanan vaihtolinkki');
    expect(html).not.toContain('/salasana/uusi/');
    const health = (await (await get('/healthz')).json()) as { status: string; mail: string };
    expect(health).toMatchObject({ status: 'ok', mail: 'ok' });
  });
});

describe('an admin without a second factor', () => {
  it("gets neither another person's certificate PDF nor the trainer analytics", async () => {
    const fixture = loadFixtureCourse();
    const config = loadConfig({ SITE_URL: 'http://localhost:4321', DATABASE_PATH: `${server.dataDir}/app.db` });
    const learner = { userId: cast.users.learnerB.id, issuer: issuerFromConfig(config) };
    completeLessons(cast.handle.db, fixture, learner, new Date());
    passFinal(cast.handle.db, fixture, learner, 'n1', new Date());
    const code = (cast.handle.sqlite.prepare('SELECT code FROM certificate WHERE user_id = ?').get(learner.userId) as { code: string } | undefined)?.code;
    expect(code).toBeTruthy();

    const bare = await createUser(cast.handle.db, { email: 'uusi.admin@example.fi', roles: ['admin'], nodeId: cast.org.root });
    const token = createSession(cast.handle.db, bare, { twoFactorVerified: true }, DEFAULT_SESSION_TIMEOUTS, new Date()).token;
    expect((await get(`/todistus/${code}/pdf`, token)).status).toBe(404);
    const analytics = await get('/kouluttajat', token);
    expect(analytics.status).toBe(303);
    expect(analytics.headers.get('location')).toBe('/profiili/kaksivaiheinen?vaaditaan=1');
    // With the second factor the same admin's role works as before.
    expect((await get(`/todistus/${code}/pdf`, cast.cookie('admin'))).status).toBe(200);
  });
});

describe('personal pages', () => {
  it('are never kept in the browser cache', async () => {
    for (const [path, role] of [
      ['/profiili', 'learnerA'],
      ['/omat-kurssit', 'learnerA'],
      ['/todistukset', 'learnerA'],
      [`/hallinta/oppijat/${cast.users.learnerA.id}`, 'managerA'],
      ['/yllapito/kayttajat', 'admin'],
    ] as const) {
      const res = await get(path, cast.cookie(role));
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('private, no-store');
    }
  });
});

describe('the return path after sign-in', () => {
  it('with a non-Latin-1 character redirects safely, no 500', async () => {
    for (const [palaa, location] of [
      ['/я', '/%D1%8F'],
      ['/€', '/%E2%82%AC'],
    ] as const) {
      const res = await post('/kirjaudu?_action=auth.login', { email: 'oppija.b@example.fi', password: PASSWORD, palaa });
      expect(res.status, palaa).toBe(303);
      expect(res.headers.get('location')).toBe(location);
    }
  });
});

describe('input at the edges', () => {
  it('refuses a report filter that does not parse with a Finnish 400, never the whole scope', async () => {
    const page = await get('/hallinta/raportit?yksikko=31&tila=xx', cast.cookie('managerA'));
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('Tuntematon tila');
    const csv = await get('/hallinta/raportit/suoritukset.csv?alkaen=2026-13-01', cast.cookie('managerA'));
    expect(csv.status).toBe(400);
    expect(await csv.text()).toContain('Alkupäivä "2026-13-01" ei ole kelvollinen päivämäärä');
  });

  it('reads ids as decimal integers only', async () => {
    const id = cast.users.learnerA.id;
    expect((await get(`/yllapito/kayttajat/${id}`, cast.cookie('admin'))).status).toBe(200);
    expect((await get(`/yllapito/kayttajat/0x${id.toString(16)}`, cast.cookie('admin'))).status).toBe(404);
  });
});
