import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_SITE_URL, loadConfig } from '../../src/lib/server/config';

describe('loadConfig', () => {
  it('has safe defaults for a fresh checkout', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c.databasePath).toBe('/srv/app/data/app.db');
    expect(c.dataDir).toBe('/srv/app/data');
    expect(c.backupDir).toBe('/srv/app/data/backups');
    expect(c.port).toBe(4321);
    expect(c.host).toBe('localhost');
    expect(c.siteUrl).toBe(DEFAULT_SITE_URL);
    expect(c.appEnv).toBe('development');
    expect(c.isProduction).toBe(false);
    expect(c.secure).toBe(false);
    expect(c.trustProxy).toBe(false);
    expect(c.smtpUrl).toBeUndefined();
    expect(c.backupKeep).toBe(14);
  });

  it('reads every variable', () => {
    const c = loadConfig(
      {
        DATABASE_PATH: '/var/lib/tka/db.sqlite',
        HOST: '0.0.0.0',
        PORT: '8080',
        SITE_URL: 'https://oppiminen.example.fi/',
        APP_ENV: 'production',
        TRUST_PROXY: '1',
        SMTP_URL: 'smtp://mail.example.fi:587',
        ORG_NAME: 'Pohjanmaan hyvinvointialue',
        ORG_CONTACT_EMAIL: 'koulutus@example.fi',
        ASTRO_KEY: 'abc',
        BACKUP_KEEP: '30',
      },
      '/srv',
    );
    expect(c.databasePath).toBe('/var/lib/tka/db.sqlite');
    expect(c.port).toBe(8080);
    expect(c.siteUrl).toBe('https://oppiminen.example.fi');
    expect(c.secure).toBe(true);
    expect(c.isProduction).toBe(true);
    expect(c.trustProxy).toBe(true);
    expect(c.smtpUrl).toBe('smtp://mail.example.fi:587');
    expect(c.orgName).toBe('Pohjanmaan hyvinvointialue');
    expect(c.mailFrom).toBe('Pohjanmaan hyvinvointialue <koulutus@example.fi>');
    expect(c.astroKey).toBe('abc');
    expect(c.backupKeep).toBe(30);
  });

  it('takes an organisation logo and serves it under a fixed address', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logo-'));
    fs.writeFileSync(path.join(dir, 'Alue.SVG'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const c = loadConfig({ ORG_LOGO_PATH: 'Alue.SVG' }, dir);
    expect(c.orgLogoPath).toBe(path.join(dir, 'Alue.SVG'));
    expect(c.orgLogoUrl).toBe('/org-logo.svg');
    expect(loadConfig({}, dir).orgLogoUrl).toBeUndefined();
  });

  it.each([
    ['missing.svg', 'must name an existing file'],
    ['logo.gif', 'must be an .svg, .png or .webp file'],
    ['big.png', 'must be at most 200 kB'],
  ])('refuses ORG_LOGO_PATH=%s, naming the variable', (file, message) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logo-'));
    fs.writeFileSync(path.join(dir, 'logo.gif'), 'GIF89a');
    fs.writeFileSync(path.join(dir, 'big.png'), Buffer.alloc(200_001));
    expect(() => loadConfig({ ORG_LOGO_PATH: file }, dir)).toThrow(`ORG_LOGO_PATH ${message}`);
  });

  it('treats empty values as unset', () => {
    const c = loadConfig({ SMTP_URL: '', PORT: ' ', SITE_URL: '' });
    expect(c.smtpUrl).toBeUndefined();
    expect(c.port).toBe(4321);
    expect(c.siteUrl).toBe(DEFAULT_SITE_URL);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['SITE_URL', 'ftp://example.fi'],
    ['SITE_URL', 'https://example.fi/oppiminen'],
    ['APP_ENV', 'staging'],
    ['TRUST_PROXY', 'yes'],
    ['SMTP_URL', 'http://mail'],
    ['ORG_CONTACT_EMAIL', 'not-an-email'],
    ['BACKUP_KEEP', '0'],
  ])('names %s when its value %j is invalid', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(name);
    expect((error as ConfigError).problems).toHaveLength(1);
  });

  it('reads ORG_BUSINESS_ID (Y-tunnus) only with a correct check digit', () => {
    expect(loadConfig({}).orgBusinessId).toBeUndefined();
    expect(loadConfig({ ORG_BUSINESS_ID: ' 1234567-1 ' }).orgBusinessId).toBe('1234567-1');
    expect(loadConfig({ ORG_BUSINESS_ID: '0737546-2' }).orgBusinessId).toBe('0737546-2');
    for (const bad of ['1234567-2', '12345671', '123456-7', 'FI12345671', '1234567-']) {
      expect(() => loadConfig({ ORG_BUSINESS_ID: bad }), bad).toThrow(/ORG_BUSINESS_ID must be a Finnish business ID/);
    }
  });

  it('does not echo secrets in the message', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://user:secret@mail' })).toThrow(/SMTP_URL/);
    try {
      loadConfig({ SMTP_URL: 'http://user:secret@mail' });
    } catch (e) {
      expect((e as Error).message).not.toContain('secret');
    }
  });
});
