import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELDS } from './fields';
import { PARAMS_END, PARAMS_START, paramsMarkdown, withParamsTable } from './params-doc';

const README = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');

describe('share-link parameters in the README', () => {
  it('lists every field of the field table, as generated (run `npx tsx scripts/params-doc.ts` after a change)', () => {
    expect(withParamsTable(README)).toBe(README);
    const block = README.slice(README.indexOf(PARAMS_START), README.indexOf(PARAMS_END));
    for (const f of FIELDS) expect(block).toContain(`| \`${f.key}\` | ${f.path.join('.')} |`);
  });

  it('names the non-field keys in the Sharing section', () => {
    for (const key of ['v', 'data', 'file', 'autorun', 'backend'])
      expect(README).toMatch(new RegExp(`\`${key}[\`=]`));
  });

  it('writes one row per field', () => {
    expect(paramsMarkdown().split('\n')).toHaveLength(FIELDS.length + 2);
  });
});
