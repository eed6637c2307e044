/**
 * The handlers behind the pages and endpoints, called with a request context
 * as middleware makes it and a real database: the holder check of the
 * certificate files and the manager's scope (with its audit entry) on the
 * learner page, without a build or a browser.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { createOrg, createUser, type Org } from '../helpers/accounts';
import { loadFixtureCourse } from '../helpers/fixture-course';
import { completeLessons, passFinal } from '../helpers/complete-course';
import { issuerFromConfig } from '../../src/lib/server/certificates/issue';
import { listCertificatesOfUser } from '../../src/lib/server/db/certificates';
import { listAuditEvents } from '../../src/lib/server/db/audit';
import { staticCatalog } from '../../src/lib/server/context';
import { downloadBakedBadge, downloadCertificateCredential, downloadCertificatePdf } from '../../src/lib/server/certificates/downloads';
import { loadLearnerPage } from '../../src/lib/server/reporting/learner-page';
import { extractFromPng } from '../../src/lib/server/certificates/badge-image';
import { ensureSigningKey } from '../../src/lib/server/certificates/keys';
import type { SessionUser } from '../../src/lib/server/auth/types';

const fixture = loadFixtureCourse();
const catalog = staticCatalog([{ id: 'testikurssi', title: 'Testikurssi – työkyvyn tuki', version: '1.0' }]);
let t: TestContext;
let org: Org;
let holder: SessionUser;
let other: SessionUser;
let admin: SessionUser;
let manager: SessionUser;
let code: string;

beforeEach(async () => {
  t = createTestContext({}, catalog);
  org = createOrg(t.db.db);
  holder = await createUser(t.db.db, { email: 'haltija@example.fi', name: 'Hilla Haltija', nodeId: org.a1 });
  other = await createUser(t.db.db, { email: 'toinen@example.fi', name: 'Toivo Toinen', nodeId: org.b });
  admin = await createUser(t.db.db, { email: 'yllapito@example.fi', roles: ['admin'], nodeId: org.root });
  manager = await createUser(t.db.db, { email: 'esihenkilo@example.fi', roles: ['manager'], nodeId: org.root, scopes: [org.a] });
  const learner = { userId: holder.id, issuer: issuerFromConfig(t.config) };
  completeLessons(t.db.db, fixture, learner, t.now());
  passFinal(t.db.db, fixture, learner, 'n1', t.now());
  code = listCertificatesOfUser(t.db.db, holder.id)[0]!.code;
  await ensureSigningKey(t.db.db, t.now());
});
afterEach(() => t.db.cleanup());

describe('certificate files: the holder check', () => {
  it('gives the holder the PDF, the credential and the baked badge, also for a code typed in lower case', async () => {
    const pdf = await downloadCertificatePdf(t.as(holder), code.toLowerCase());
    expect(pdf.ok && pdf.value.contentType).toBe('application/pdf');
    expect(pdf.ok && Buffer.from(pdf.value.body as Uint8Array).subarray(0, 5).toString()).toBe('%PDF-');
    const jwt = await downloadCertificateCredential(t.as(holder), code);
    expect(jwt.ok && jwt.value.filename).toBe(`todistus-${code}.jwt`);
    const badge = await downloadBakedBadge(t.as(holder), code);
    expect(badge.ok).toBe(true);
    if (badge.ok && jwt.ok) expect(extractFromPng(Buffer.from(badge.value.body as Uint8Array))).toBe(jwt.value.body);
  });

  it('answers not-found to another learner, a manager of the holder and nobody, as for an unknown code', async () => {
    for (const ctx of [t.as(other), t.as(manager), t.ctx()]) {
      expect(await downloadCertificatePdf(ctx, code)).toEqual({ ok: false, error: 'not-found' });
      expect(await downloadCertificateCredential(ctx, code)).toEqual({ ok: false, error: 'not-found' });
      expect(await downloadBakedBadge(ctx, code)).toEqual({ ok: false, error: 'not-found' });
    }
    expect(await downloadCertificatePdf(t.as(holder), 'TKA-0000-0000')).toEqual({ ok: false, error: 'not-found' });
  });

  it('lets an administrator print the PDF, but the signed credential and badge stay the holder’s', async () => {
    expect((await downloadCertificatePdf(t.as(admin), code)).ok).toBe(true);
    expect((await downloadCertificateCredential(t.as(admin), code)).ok).toBe(false);
    expect((await downloadBakedBadge(t.as(admin), code)).ok).toBe(false);
  });
});

describe('learner page: scope and audit', () => {
  it('shows a learner in the manager’s subtree and writes who looked', async () => {
    const page = await loadLearnerPage(t.as(manager, '203.0.113.9'), String(holder.id));
    expect(page.ok).toBe(true);
    if (!page.ok) return;
    expect(page.value.target.id).toBe(holder.id);
    expect(page.value.unit?.id).toBe(org.a1);
    expect(page.value.records.get('testikurssi')?.status).toBe('valmis');
    expect(page.value.certificates.map((c) => c.code)).toEqual([code]);
    expect(page.value.attempts.get('testikurssi')).toHaveLength(1);
    const [entry] = listAuditEvents(t.db.db, { action: 'manager.learner_viewed' });
    expect(entry).toMatchObject({ actorId: manager.id, targetType: 'user', targetId: String(holder.id), ip: '203.0.113.9' });
  });

  it('answers not-found outside the subtree, for unknown or malformed ids and for nobody, and writes nothing', async () => {
    expect(await loadLearnerPage(t.as(manager), String(other.id))).toEqual({ ok: false, error: 'not-found' });
    expect(await loadLearnerPage(t.as(manager), '999999')).toEqual({ ok: false, error: 'not-found' });
    expect(await loadLearnerPage(t.as(manager), '1e3')).toEqual({ ok: false, error: 'not-found' });
    expect(await loadLearnerPage(t.ctx(), String(holder.id))).toEqual({ ok: false, error: 'not-found' });
    expect(listAuditEvents(t.db.db, { action: 'manager.learner_viewed' })).toHaveLength(0);
  });

  it('lets an administrator see anyone', async () => {
    expect((await loadLearnerPage(t.as(admin), String(other.id))).ok).toBe(true);
  });
});
