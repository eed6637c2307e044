/**
 * Every page, action and endpoint × every kind of visitor, against the
 * production server. The test fails when a route exists that the matrix does
 * not list, so a new route cannot ship without an authorisation decision.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './helpers/server';
import { createCast, ROLE_NAMES, type Cast, type RoleName } from './helpers/people';

/** ok = 200; signin = redirect to the sign-in page or its failure explanation (no return path); login = redirect to sign-in; home = redirect to "/"; forbidden = 403; notfound = 404; unauthorized = 401; invalid = 400. */
type Outcome = 'ok' | 'signin' | 'login' | 'home' | 'kurssit' | 'forbidden' | 'notfound' | 'unauthorized' | 'invalid' | 'nocontent';
type Expect = Partial<Record<RoleName, Outcome>> & { default?: Outcome };

interface RouteCase {
  /** Route as the file system names it, e.g. `/yllapito/kayttajat/[id]`. */
  route: string;
  method?: 'GET' | 'POST';
  /** The URL to request; params filled in. */
  url: (cast: Cast) => string;
  body?: (cast: Cast) => Record<string, string | string[]>;
  /** Send this as a JSON body instead of a form. */
  json?: unknown;
  expect: Expect;
}

const everyone: Expect = { default: 'ok' };
const signedIn: Expect = { anonymous: 'login', default: 'ok' };
const managers: Expect = { anonymous: 'login', learnerA: 'forbidden', learnerB: 'forbidden', trainer: 'forbidden', default: 'ok' };
const admins: Expect = { anonymous: 'login', admin: 'ok', default: 'forbidden' };
const anonymousOnly = (signedInOutcome: Outcome): Expect => ({ anonymous: 'ok', default: signedInOutcome });

const PAGES: RouteCase[] = [
  { route: '/', url: () => '/', expect: everyone },
  { route: '/aloitus', url: () => '/aloitus', expect: { default: 'notfound' } },
  { route: '/healthz', url: () => '/healthz', expect: everyone },
  { route: '/kirjaudu', url: () => '/kirjaudu', expect: anonymousOnly('home') },
  { route: '/kirjaudu/vahvistus', url: () => '/kirjaudu/vahvistus', expect: { anonymous: 'login', default: 'home' } },
  { route: '/kirjaudu/ulos', url: () => '/kirjaudu/ulos', expect: everyone },
  // Organisation sign-in: nobody can get past a missing provider, flow cookie or known failure code.
  { route: '/kirjaudu/organisaatio', url: () => '/kirjaudu/organisaatio?vaihe=paluu&virhe=state', expect: { default: 'invalid' } },
  { route: '/kirjaudu/organisaatio/aloita', method: 'POST', url: () => '/kirjaudu/organisaatio/aloita', body: () => ({ palvelu: 'eiole' }), expect: { default: 'signin' } },
  { route: '/kirjaudu/organisaatio/paluu', url: () => '/kirjaudu/organisaatio/paluu?code=x&state=y', expect: { default: 'signin' } },
  { route: '/kirjaudu/organisaatio/ulos', url: () => '/kirjaudu/organisaatio/ulos?palvelu=eiole', expect: { default: 'signin' } },
  // SCIM answers to a provider's bearer token only; browsers' cookies count for nothing.
  { route: '/scim/v2/Users', url: () => '/scim/v2/Users', expect: { default: 'unauthorized' } },
  { route: '/scim/v2/Users/[id]', url: () => '/scim/v2/Users/00000000-0000-4000-8000-000000000000', expect: { default: 'unauthorized' } },
  { route: '/rekisteroidy', url: () => '/rekisteroidy', expect: everyone },
  { route: '/rekisteroidy/vahvista/[token]', url: () => '/rekisteroidy/vahvista/eioletunniste', expect: { default: 'notfound' } },
  { route: '/kutsu/[token]', url: () => '/kutsu/eioletunniste', expect: { default: 'notfound' } },
  { route: '/salasana/unohtunut', url: () => '/salasana/unohtunut', expect: everyone },
  { route: '/salasana/uusi/[token]', url: () => '/salasana/uusi/eioletunniste', expect: { default: 'notfound' } },
  { route: '/sahkoposti/vahvista/[token]', url: () => '/sahkoposti/vahvista/eioletunniste', expect: { default: 'notfound' } },
  { route: '/profiili', url: () => '/profiili', expect: signedIn },
  { route: '/profiili/kaksivaiheinen', url: () => '/profiili/kaksivaiheinen', expect: signedIn },
  { route: '/istunto/jatka', method: 'POST', url: () => '/istunto/jatka', body: () => ({}), expect: { anonymous: 'unauthorized', default: 'ok' } },
  { route: '/ei-oikeutta', url: () => '/ei-oikeutta', expect: { default: 'forbidden' } },
  { route: '/omat-kurssit', url: () => '/omat-kurssit', expect: signedIn },
  { route: '/hallinta', url: () => '/hallinta', expect: managers },
  { route: '/hallinta/jasenet', url: () => '/hallinta/jasenet', expect: managers },
  { route: '/hallinta/vahvistettavat', url: () => '/hallinta/vahvistettavat', expect: managers },
  { route: '/hallinta/raportit', url: () => '/hallinta/raportit', expect: managers },
  { route: '/hallinta/raportit/suoritukset.csv', url: () => '/hallinta/raportit/suoritukset.csv', expect: managers },
  { route: '/hallinta/raportit/suoritukset.xlsx', url: () => '/hallinta/raportit/suoritukset.xlsx', expect: managers },
  { route: '/hallinta/maaraykset', url: () => '/hallinta/maaraykset', expect: managers },
  { route: '/hallinta/rahoittajat', url: () => '/hallinta/rahoittajat', expect: managers },
  { route: '/hallinta/rahoittajat.xlsx', url: () => '/hallinta/rahoittajat.xlsx', expect: managers },
  { route: '/hallinta/vaikuttavuus', url: () => '/hallinta/vaikuttavuus', expect: managers },
  { route: '/hallinta/tilaisuudet', url: () => '/hallinta/tilaisuudet', expect: managers },
  { route: '/hallinta/tilaisuudet/[id]', url: () => '/hallinta/tilaisuudet/999999', expect: { ...managers, default: 'notfound' } },
  { route: '/hallinta/oppijat/[id]', url: (c) => `/hallinta/oppijat/${c.users.learnerA.id}`, expect: { ...managers, managerB: 'notfound' } },
  { route: '/yllapito', url: () => '/yllapito', expect: admins },
  { route: '/yllapito/kayttajat', url: () => '/yllapito/kayttajat', expect: admins },
  { route: '/yllapito/kayttajat/[id]', url: (c) => `/yllapito/kayttajat/${c.users.learnerA.id}`, expect: admins },
  { route: '/yllapito/kutsu', url: () => '/yllapito/kutsu', expect: admins },
  { route: '/yllapito/organisaatio', url: () => '/yllapito/organisaatio', expect: admins },
  { route: '/yllapito/loki', url: () => '/yllapito/loki', expect: admins },
  { route: '/yllapito/asetukset', url: () => '/yllapito/asetukset', expect: admins },
  { route: '/yllapito/todistukset', url: () => '/yllapito/todistukset', expect: admins },
  { route: '/yllapito/viestit', url: () => '/yllapito/viestit', expect: admins },
  { route: '/yllapito/tunnistus', url: () => '/yllapito/tunnistus', expect: admins },
  { route: '/yllapito/tunnistus/[id]', url: () => '/yllapito/tunnistus/999999', expect: { anonymous: 'login', admin: 'notfound', default: 'forbidden' } },
  { route: '/profiili/omat-tiedot.json', url: () => '/profiili/omat-tiedot.json', expect: signedIn },
  { route: '/profiili/poista-tili', url: () => '/profiili/poista-tili', expect: signedIn },
  { route: '/todistukset', url: () => '/todistukset', expect: signedIn },
  { route: '/todistus/[code]', url: () => '/todistus/AAAA-BBBB-CCCC', expect: { default: 'notfound' } },
  { route: '/todistus/[code].json', url: () => '/todistus/AAAA-BBBB-CCCC.json', expect: { default: 'notfound' } },
  { route: '/todistus/[code]/pdf', url: () => '/todistus/AAAA-BBBB-CCCC/pdf', expect: { anonymous: 'login', default: 'notfound' } },
  { route: '/todistus/[code]/tunniste.jwt', url: () => '/todistus/AAAA-BBBB-CCCC/tunniste.jwt', expect: { anonymous: 'login', default: 'notfound' } },
  { route: '/todistus/[code]/merkki.png', url: () => '/todistus/AAAA-BBBB-CCCC/merkki.png', expect: { anonymous: 'login', default: 'notfound' } },
  { route: '/tarkista', url: () => '/tarkista', expect: everyone },
  { route: '/merkit/[course].png', url: () => '/merkit/testikurssi.png', expect: everyone },
  { route: '/myontaja', url: () => '/myontaja', expect: everyone },
  { route: '/avaimet', url: () => '/avaimet', expect: everyone },
  { route: '/avaimet/[kid]', url: () => '/avaimet/eiole', expect: { default: 'notfound' } },
  { route: '/peruutuslista', url: () => '/peruutuslista', expect: everyone },
  { route: '/kurssit', url: () => '/kurssit', expect: everyone },
  { route: '/kurssit/[course]', url: () => '/kurssit/testikurssi', expect: everyone },
  { route: '/kurssit/[course]/palaute', url: () => '/kurssit/testikurssi/palaute', expect: signedIn },
  { route: '/seuranta/[token]', url: () => '/seuranta/eioletunniste', expect: { default: 'notfound' } },
  { route: '/seuranta/kiitos', url: () => '/seuranta/kiitos', expect: everyone },
  { route: '/kurssit/[course]/loppukoe', url: () => '/kurssit/testikurssi/loppukoe', expect: signedIn },
  { route: '/tehtava/vastaus', url: () => '/tehtava/vastaus', expect: { default: 'kurssit' } },
  { route: '/tehtava/tapaus', url: () => '/tehtava/tapaus', expect: { default: 'kurssit' } },
  // Without a lesson it has nothing to show; with one (the no-JavaScript way to mark a lesson read) it needs an account.
  { route: '/tehtava/luettu', url: () => '/tehtava/luettu?kurssi=testikurssi&oppitunti=perusteet', expect: signedIn },
  { route: '/tehtava/pohdinta', url: () => '/tehtava/pohdinta?id=tk-pohdinta', expect: signedIn },
  { route: '/tehtava/katsottu', method: 'POST', url: () => '/tehtava/katsottu', json: { lesson: 'testikurssi/perusteet' }, expect: { default: 'nocontent' } },
  { route: '/kouluttajan-opas', url: () => '/kouluttajan-opas', expect: { anonymous: 'login', trainer: 'ok', admin: 'ok', default: 'forbidden' } },
  { route: '/ohjaajan-opas', url: () => '/ohjaajan-opas', expect: { anonymous: 'login', trainer: 'ok', admin: 'ok', default: 'forbidden' } },
  { route: '/kouluttajat', url: () => '/kouluttajat', expect: { anonymous: 'login', trainer: 'ok', admin: 'ok', default: 'forbidden' } },
  // The cast's trainer is assigned to no course, so testikurssi answers as if it did not exist.
  { route: '/kouluttajat/[course]/palaute', url: () => '/kouluttajat/testikurssi/palaute', expect: { anonymous: 'login', trainer: 'notfound', admin: 'ok', default: 'forbidden' } },
  { route: '/kouluttajat/[course]', url: () => '/kouluttajat/testikurssi', expect: { anonymous: 'login', trainer: 'notfound', admin: 'ok', default: 'forbidden' } },
  { route: '/tilaisuudet', url: () => '/tilaisuudet', expect: signedIn },
  { route: '/tilaisuudet/[id]', url: () => '/tilaisuudet/999999', expect: { anonymous: 'login', default: 'notfound' } },
  { route: '/kouluttajat/tilaisuudet', url: () => '/kouluttajat/tilaisuudet', expect: { anonymous: 'login', trainer: 'ok', admin: 'ok', default: 'forbidden' } },
  { route: '/kouluttajat/tilaisuudet/uusi', url: () => '/kouluttajat/tilaisuudet/uusi', expect: { anonymous: 'login', trainer: 'ok', admin: 'ok', default: 'forbidden' } },
  { route: '/kouluttajat/tilaisuudet/[id]/lasnaolo', url: () => '/kouluttajat/tilaisuudet/999999/lasnaolo', expect: { anonymous: 'login', trainer: 'notfound', admin: 'notfound', default: 'forbidden' } },
  { route: '/kouluttajat/tilaisuudet/[id]/osallistujat.csv', url: () => '/kouluttajat/tilaisuudet/999999/osallistujat.csv', expect: { anonymous: 'login', trainer: 'notfound', admin: 'notfound', default: 'forbidden' } },
  { route: '/kouluttajat/tilaisuudet/[id]', url: () => '/kouluttajat/tilaisuudet/999999', expect: { anonymous: 'login', trainer: 'notfound', admin: 'notfound', default: 'forbidden' } },
  // Prerendered pages: the same bytes for everyone.
  { route: '/kurssit/[course]/[lesson]', url: () => '/kurssit/testikurssi/perusteet', expect: everyone },
  { route: '/sanasto', url: () => '/sanasto', expect: everyone },
  { route: '/tyokalut', url: () => '/tyokalut', expect: everyone },
  { route: '/tyokalut/[tool]', url: () => '/tyokalut/verkostotapaamisen-asialista', expect: everyone },
  { route: '/tyokalut/[tool].pdf', url: () => '/tyokalut/verkostotapaamisen-asialista.pdf', expect: everyone },
  { route: '/haku', url: () => '/haku?q=ty%C3%B6kyky', expect: everyone },
  { route: '/saavutettavuusseloste', url: () => '/saavutettavuusseloste', expect: everyone },
  { route: '/tietosuojaseloste', url: () => '/tietosuojaseloste', expect: everyone },
  { route: '/404', url: () => '/404', expect: everyone },
  { route: '/500', url: () => '/500', expect: everyone },
];

const liveSessionForm = { title: 'Matriisin webinaari', kind: 'webinar', meetingUrl: 'https://meet.example.fi/123', startsAt: '2099-01-15T09:00', endsAt: '2099-01-15T10:00', capacity: '10' };

/** Actions, called as form posts to `/_actions/<name>` with input that passes validation, so the handler's own check decides. */
const action = (name: string, body: (c: Cast) => Record<string, string | string[]>, expect: Expect): RouteCase => ({
  route: `action:${name}`,
  method: 'POST',
  url: () => `/_actions/${name}`,
  body,
  expect,
});
const ACTIONS: RouteCase[] = [
  action('auth.setup', () => ({ code: 'AAAA-BBBB-CCCC-DDDD', name: 'X', email: 'x@example.fi', password: 'pitkä salasana tässä', orgName: 'X', orgType: 'kunta' }), { default: 'notfound' }),
  action('auth.login', () => ({ email: 'ei-ole@example.fi', password: 'väärä salasana tässä' }), everyone),
  action('auth.secondFactor', () => ({ code: '123456' }), { default: 'unauthorized' }),
  action('auth.logout', () => ({}), everyone),
  action('auth.register', (c) => ({ name: 'Uusi', email: 'matriisi@example.fi', password: 'lyhyt', nodeId: String(c.org.a) }), everyone),
  action('auth.confirmRegistration', () => ({ token: 'eioletunniste' }), everyone),
  action('auth.acceptInvitation', () => ({ token: 'eioletunniste', password: 'pitkä salasana tässä' }), everyone),
  action('auth.requestReset', () => ({ email: 'ei-ole@example.fi' }), everyone),
  action('auth.resetPassword', () => ({ token: 'eioletunniste', password: 'pitkä salasana tässä' }), everyone),
  action('auth.confirmEmailChange', () => ({ token: 'eioletunniste' }), everyone),
  action('profile.changeName', () => ({ name: '' }), { default: 'invalid' }),
  action('profile.changePassword', () => ({ current: 'väärä salasana', password: 'uusi salasana tässä' }), { anonymous: 'unauthorized', default: 'ok' }),
  action('profile.changeEmail', () => ({ email: 'uusi@example.fi', password: 'väärä salasana' }), { anonymous: 'unauthorized', default: 'ok' }),
  action('profile.requestOrgChange', () => ({ nodeId: '999999' }), { anonymous: 'unauthorized', default: 'ok' }),
  action('profile.enableTotp', () => ({ key: 'AAAA AAAA AAAA AAAA AAAA AAAA AAAA AAAA', code: '000000' }), { anonymous: 'unauthorized', default: 'ok' }),
  action('profile.disableTotp', () => ({ password: 'väärä salasana', currentCode: '000000' }), { anonymous: 'unauthorized', default: 'ok' }),
  action('profile.regenerateRecoveryCodes', () => ({ password: 'väärä salasana', currentCode: '000000' }), { anonymous: 'unauthorized', default: 'ok' }),
  action('profile.endSession', () => ({ sessionId: 'eiole' }), { anonymous: 'unauthorized', default: 'ok' }),
  action('profile.endOtherSessions', () => ({}), { anonymous: 'unauthorized', default: 'ok' }),
  action('profile.deleteAccount', () => ({ password: 'väärä salasana', confirm: 'kylla' }), { anonymous: 'unauthorized', default: 'ok' }),
  action('members.invite', (c) => ({ name: 'Kutsuttu', email: 'x-kutsu@example.fi', nodeId: String(c.org.a1) }), { anonymous: 'unauthorized', learnerA: 'forbidden', learnerB: 'forbidden', trainer: 'forbidden', default: 'ok' }),
  action('members.importCsv', () => ({ csvText: 'nimi;sähköposti;organisaatio\nA;a-csv@example.fi;Testialue / Kunta A\n' }), { anonymous: 'unauthorized', learnerA: 'forbidden', learnerB: 'forbidden', trainer: 'forbidden', default: 'ok' }),
  action('members.decide', () => ({ membershipId: '999999', decision: 'confirm' }), { anonymous: 'unauthorized', learnerA: 'forbidden', learnerB: 'forbidden', trainer: 'forbidden', default: 'notfound' }),
  action('admin.createNode', (c) => ({ name: 'Matriisiyksikkö', type: 'yksikko', parentId: String(c.org.b) }), { anonymous: 'unauthorized', admin: 'ok', default: 'forbidden' }),
  action('admin.renameNode', (c) => ({ id: String(c.org.b), name: 'Kunta B', type: 'kunta' }), { anonymous: 'unauthorized', admin: 'ok', default: 'forbidden' }),
  action('admin.moveNode', (c) => ({ id: String(c.org.a1), parentId: String(c.org.a) }), { anonymous: 'unauthorized', admin: 'ok', default: 'forbidden' }),
  action('admin.archiveNode', (c) => ({ id: String(c.org.root) }), { anonymous: 'unauthorized', admin: 'ok', default: 'forbidden' }),
  action('admin.setRoles', (c) => ({ userId: String(c.target.id), roles: ['learner'] }), { anonymous: 'unauthorized', admin: 'ok', default: 'forbidden' }),
  action('admin.setScopes', (c) => ({ userId: String(c.target.id) }), { anonymous: 'unauthorized', admin: 'ok', default: 'forbidden' }),
  action('admin.setTrainerCourses', (c) => ({ userId: String(c.target.id) }), { anonymous: 'unauthorized', admin: 'ok', default: 'forbidden' }),
  action('admin.setUserNode', (c) => ({ userId: String(c.target.id), nodeId: String(c.org.a) }), { anonymous: 'unauthorized', admin: 'ok', default: 'forbidden' }),
  action('admin.setDisabled', (c) => ({ userId: String(c.target.id), disabled: '0' }), { anonymous: 'unauthorized', admin: 'ok', default: 'forbidden' }),
  action('admin.sendResetLink', (c) => ({ userId: String(c.target.id) }), { anonymous: 'unauthorized', admin: 'ok', default: 'forbidden' }),
  action('admin.resetSecondFactor', (c) => ({ userId: String(c.target.id) }), { anonymous: 'unauthorized', admin: 'ok', default: 'forbidden' }),
  action('admin.setRegistration', () => ({ open: '1' }), { anonymous: 'unauthorized', admin: 'ok', default: 'forbidden' }),
  action('admin.revokeCertificate', () => ({ code: 'AAAA-BBBB-CCCC', reason: 'Virheellisesti myönnetty' }), { anonymous: 'unauthorized', admin: 'ok', default: 'forbidden' }),
  action('admin.resendMail', () => ({ id: '999999' }), { anonymous: 'unauthorized', admin: 'ok', default: 'forbidden' }),
  action('identity.saveProvider', () => ({ name: '', slug: 'x' }), { anonymous: 'unauthorized', admin: 'ok', default: 'forbidden' }),
  action('identity.tryProvider', () => ({ id: '999999' }), { anonymous: 'unauthorized', admin: 'ok', default: 'forbidden' }),
  action('identity.issueScimToken', () => ({ id: '999999' }), { anonymous: 'unauthorized', admin: 'ok', default: 'forbidden' }),
  action('manager.assignCourse', (c) => ({ courseId: 'testikurssi', dueDate: '2099-12-31', nodeId: String(c.org.a) }), { anonymous: 'unauthorized', learnerA: 'forbidden', learnerB: 'forbidden', trainer: 'forbidden', managerB: 'notfound', default: 'ok' }),
  action('manager.changeDueDate', () => ({ assignmentId: '999999', dueDate: '2099-12-31' }), { anonymous: 'unauthorized', learnerA: 'forbidden', learnerB: 'forbidden', trainer: 'forbidden', default: 'notfound' }),
  action('manager.removeAssignment', () => ({ assignmentId: '999999' }), { anonymous: 'unauthorized', learnerA: 'forbidden', learnerB: 'forbidden', trainer: 'forbidden', default: 'notfound' }),
  action('manager.markLeft', () => ({ userId: '999999' }), { anonymous: 'unauthorized', learnerA: 'forbidden', learnerB: 'forbidden', trainer: 'forbidden', default: 'notfound' }),
  action('manager.moveLearner', (c) => ({ userId: '999999', nodeId: String(c.org.a) }), { anonymous: 'unauthorized', learnerA: 'forbidden', learnerB: 'forbidden', trainer: 'forbidden', default: 'notfound' }),
  action('learning.answer', () => ({ question: 'tk-l1-k1', option: 'a' }), { anonymous: 'unauthorized', default: 'ok' }),
  action('learning.chooseInCase', () => ({ case: 'tk-tapaus', point: 'p1', option: 'b' }), { anonymous: 'unauthorized', default: 'ok' }),
  action('learning.saveReflection', () => ({ reflection: 'tk-pohdinta', text: 'Ajatus' }), { anonymous: 'unauthorized', default: 'ok' }),
  action('learning.markRead', () => ({ course: 'testikurssi', lesson: 'perusteet' }), { anonymous: 'unauthorized', default: 'ok' }),
  action('learning.submitFinal', () => ({ course: 'testikurssi', nonce: 'vanha', 'vastaus:tk-loppu-1': 'a' }), { anonymous: 'unauthorized', default: 'invalid' }),
  action('impact.saveFeedback', () => ({ course: 'testikurssi', usefulness: '4' }), { anonymous: 'unauthorized', default: 'ok' }),
  action('impact.answerFollowUp', () => ({ token: 'eioletunniste', adoption: 'yes' }), everyone),
  action('live.register', () => ({ sessionId: '999999' }), { anonymous: 'unauthorized', default: 'notfound' }),
  action('live.cancel', () => ({ sessionId: '999999' }), { anonymous: 'unauthorized', default: 'notfound' }),
  action('live.createSession', () => liveSessionForm, { anonymous: 'unauthorized', trainer: 'ok', admin: 'ok', default: 'forbidden' }),
  action('live.updateSession', () => ({ ...liveSessionForm, sessionId: '999999' }), { anonymous: 'unauthorized', trainer: 'notfound', admin: 'notfound', default: 'forbidden' }),
  action('live.markAttendance', (c) => ({ sessionId: '999999', userId: String(c.users.learnerA.id), attended: '1' }), { anonymous: 'unauthorized', trainer: 'notfound', admin: 'notfound', default: 'forbidden' }),
  action('live.addWalkIn', () => ({ sessionId: '999999', email: 'paikalla@example.fi' }), { anonymous: 'unauthorized', trainer: 'notfound', admin: 'notfound', default: 'forbidden' }),
  action('live.checkIn', () => ({ sessionId: '999999', code: 'AAAAAA' }), { anonymous: 'unauthorized', default: 'notfound' }),
  action('live.cancelSession', () => ({ sessionId: '999999', confirm: 'on' }), { anonymous: 'unauthorized', trainer: 'notfound', admin: 'notfound', default: 'forbidden' }),
];

/** Every page file and endpoint as a route pattern. */
function routesOnDisk(): string[] {
  const root = path.resolve('src/pages');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(astro|ts|mdx?)$/.test(entry.name)) {
        const rel = path.relative(root, full).replace(/\.(astro|ts|mdx?)$/, '');
        out.push(`/${rel}`.replace(/\/index$/, '') || '/');
      }
    }
  };
  walk(root);
  return out.map((r) => (r === '' ? '/' : r)).sort();
}

/** Every action as `namespace.name`, read from the action modules. */
function actionsOnDisk(): string[] {
  const dir = path.resolve('src/actions');
  const index = fs.readFileSync(path.join(dir, 'index.ts'), 'utf8');
  const namespaces = /export const server = \{([^}]*)\}/.exec(index)![1]!.split(',').map((s) => s.trim()).filter(Boolean);
  const out: string[] = [];
  for (const ns of namespaces) {
    const source = fs.readFileSync(path.join(dir, `${ns}.ts`), 'utf8');
    for (const m of source.matchAll(/^ {2}(\w+): defineAction\(/gm)) out.push(`action:${ns}.${m[1]}`);
  }
  return out.sort();
}

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

describe('route × role matrix', () => {
  it('lists every page, endpoint and action', () => {
    const listed = [...PAGES, ...ACTIONS].map((c) => c.route).sort();
    expect(listed).toEqual([...routesOnDisk(), ...actionsOnDisk()].sort());
  });

  const cases = [...PAGES, ...ACTIONS];
  for (const c of cases) {
    it(`${c.method ?? 'GET'} ${c.route}`, async () => {
      const results: string[] = [];
      const expected: string[] = [];
      for (const role of ROLE_NAMES) {
        const want = c.expect[role] ?? c.expect.default!;
        const token = cast.cookie(role);
        const headers: Record<string, string> = { origin: server.url, accept: 'text/html' };
        if (token) headers.cookie = `session=${token}`;
        let body: string | undefined;
        if (c.json !== undefined) {
          body = JSON.stringify(c.json);
          headers['content-type'] = 'application/json';
        } else if (c.method === 'POST') {
          const form = new URLSearchParams();
          for (const [k, v] of Object.entries(c.body?.(cast) ?? {})) for (const one of [v].flat()) form.append(k, one);
          body = form.toString();
          headers['content-type'] = 'application/x-www-form-urlencoded';
        }
        const res = await fetch(`${server.url}${c.url(cast)}`, { method: c.method ?? 'GET', headers, body, redirect: 'manual' });
        const location = res.headers.get('location') ?? '';
        const got: Outcome | string =
          res.status === 200 ? 'ok'
          : res.status === 303 && location.startsWith('/kirjaudu?palaa=') ? 'login'
          : res.status === 303 && (location === '/kirjaudu' || location.startsWith('/kirjaudu?ilmoitus=') || location.startsWith('/kirjaudu/organisaatio?')) ? 'signin'
          : res.status === 303 && location === '/' ? 'home'
          : res.status === 303 && location === '/kurssit' ? 'kurssit'
          : res.status === 204 ? 'nocontent'
          : res.status === 403 ? 'forbidden'
          : res.status === 404 ? 'notfound'
          : res.status === 401 ? 'unauthorized'
          : res.status === 400 ? 'invalid'
          : `${res.status} ${location}`;
        results.push(`${role}: ${got}`);
        expected.push(`${role}: ${want}`);
      }
      expect(results).toEqual(expected);
    });
  }
});

describe('cross-site requests', () => {
  const variants = ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=----x', 'text/plain', 'text/plain; charset=utf-8', 'Application/X-WWW-Form-Urlencoded; Charset=UTF-8', 'MULTIPART/FORM-DATA; boundary=y', 'application/json'];
  for (const target of ['/profiili?_action=profile.changeName', '/_actions/profile.changeName', '/istunto/jatka']) {
    it(`refuses every cross-origin POST to ${target} with 403 and changes nothing`, async () => {
      const token = cast.cookie('learnerA')!;
      for (const type of variants) {
        const res = await fetch(`${server.url}${target}`, {
          method: 'POST',
          headers: { origin: 'https://evil.example', 'content-type': type, cookie: `session=${token}` },
          body: type.includes('json') ? '{"name":"Hakkeri"}' : 'name=Hakkeri',
          redirect: 'manual',
        });
        expect(res.status, type).toBe(403);
      }
      const name = cast.handle.sqlite.prepare('SELECT name FROM user WHERE id = ?').get(cast.users.learnerA.id) as { name: string };
      expect(name.name).toBe('Olli Oppija');
    });
  }

  it('refuses a POST the browser marks cross-site even without an Origin header', async () => {
    const res = await fetch(`${server.url}/_actions/profile.changeName`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded', cookie: `session=${cast.cookie('learnerA')}` },
      body: 'name=Hakkeri',
    });
    expect(res.status).toBe(403);
  });
});
