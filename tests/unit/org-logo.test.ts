import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { orgLogo } from '../../src/integrations/org-logo';

type Hooks = Record<string, (arg: unknown) => unknown>;

describe('the organisation logo in the build', () => {
  it('is copied beside the built pages at the address the brand bar links', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'org-logo-'));
    const logo = path.join(dir, 'alue.svg');
    fs.writeFileSync(logo, '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const client = path.join(dir, 'client');
    fs.mkdirSync(client);
    const hooks = orgLogo({ orgLogoPath: logo, orgLogoUrl: '/org-logo.svg' }).hooks as unknown as Hooks;
    hooks['astro:config:done']!({ config: { build: { client: pathToFileURL(`${client}/`) } } });
    await hooks['astro:build:done']!({ logger: { info: () => {} } });
    expect(fs.readFileSync(path.join(client, 'org-logo.svg'), 'utf8')).toContain('<svg');
  });

  it('adds nothing without a logo', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'org-logo-'));
    const hooks = orgLogo({ orgLogoPath: undefined, orgLogoUrl: undefined }).hooks as unknown as Hooks;
    hooks['astro:config:done']!({ config: { build: { client: pathToFileURL(`${dir}/`) } } });
    await hooks['astro:build:done']!({ logger: { info: () => {} } });
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
