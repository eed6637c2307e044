import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECORD_STATUSES } from '../../src/lib/reporting/record-status';
import { certificateStatusTone, mailStatusTone, recordStatusTone, TONE_MARKS } from '../../src/lib/web/status-tone';

function astroFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? astroFiles(p) : p.endsWith('.astro') ? [p] : [];
  });
}

const files = [...astroFiles('src/pages'), ...astroFiles('src/components')];

describe('one status badge everywhere', () => {
  it('draws every status pill with StatusBadge, nowhere by hand', () => {
    const byHand = files.filter((f) => f !== path.join('src/components/StatusBadge.astro') && /class(:list)?=\{?\[?['"](status|badge)\b/.test(fs.readFileSync(f, 'utf8')));
    expect(byHand).toEqual([]);
  });

  it('shows a status label only through the badge on every page that lists one', () => {
    const showing = files.filter((f) => /\{(RECORD_)?STATUS_LABELS\[[^\]]+\]\}/.test(fs.readFileSync(f, 'utf8')) && !/<option/.test(fs.readFileSync(f, 'utf8').match(/.*\{(RECORD_)?STATUS_LABELS\[[^\]]+\]\}.*/)![0]));
    for (const f of showing) {
      for (const line of fs.readFileSync(f, 'utf8').split('\n').filter((l) => /\{(RECORD_)?STATUS_LABELS\[/.test(l) && !l.includes('<option'))) {
        expect(line, f).toMatch(/label=\{(RECORD_)?STATUS_LABELS\[/);
      }
    }
  });

  it('gives every tone but neutral a shape cue, so colour is never alone', () => {
    expect(TONE_MARKS).toEqual({ ok: '✓', alert: '!', warn: '…', neutral: '' });
  });

  it('maps each status onto a tone', () => {
    expect(RECORD_STATUSES.map(recordStatusTone)).toEqual(['ok', 'alert', 'alert', 'alert', 'warn', 'neutral']);
    expect(certificateStatusTone('voimassa')).toBe('ok');
    expect(certificateStatusTone('peruttu')).toBe('alert');
    expect(mailStatusTone('failed')).toBe('alert');
    expect(mailStatusTone('queued')).toBe('warn');
  });
});
