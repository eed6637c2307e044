import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContentFiles } from '../../src/lib/content/load-files';
import { glossaryRecords } from '../../src/lib/content/glossary-search';

describe('glossary search records', () => {
  const { glossary } = loadContentFiles(path.resolve('src/content'));
  const records = glossaryRecords(glossary);

  it('gives every term its own record that links to the term and shows its definition', () => {
    expect(records).toHaveLength(glossary.size);
    const icf = records.find((r) => r.url === '/sanasto#icf')!;
    expect(icf.meta.title).toBe(glossary.get('icf')!.fi);
    expect(icf.meta.definition).toBe(glossary.get('icf')!.definition);
    // The definition leads the content; the forms only help matching, after it.
    expect(icf.content.startsWith(`${glossary.get('icf')!.fi}. ${glossary.get('icf')!.definition}`)).toBe(true);
    expect(icf.content).toContain('ICF-viitekehyksessä');
  });
});
