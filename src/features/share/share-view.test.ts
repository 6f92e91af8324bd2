import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../core/config/presets';
import { dataNote } from './share-view';

describe('share data note', () => {
  it('says how the link carries the data, and warns for a local file', () => {
    expect(dataNote(PRESETS.quick)).toMatchObject({
      warn: false,
      text: expect.stringMatching(/seed are in the link/),
    });
    const url = { ...PRESETS.quick, data: { kind: 'url' as const, url: 'https://x.example/a.csv' } };
    expect(dataNote(url)).toMatchObject({ warn: false, text: expect.stringMatching(/URL is in the link/) });
    const file = { ...PRESETS.quick, data: { kind: 'file' as const, name: 'log.csv' } };
    expect(dataNote(file)).toMatchObject({
      warn: true,
      text: expect.stringMatching(/local file log.csv, which a link cannot carry/),
    });
  });
});
