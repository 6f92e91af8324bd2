import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { sampleColdStart } from './cold-start-fixture';
import { sampleGrid } from './grid-fixture';
import { resultsToCsv } from './results-io';
import { sampleResults } from './results-sample';
import { ABLATION_CSV_COLUMNS, COLD_START_CSV_COLUMNS, studyToCsv } from './study-csv';

const parse = (text: string) =>
  Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });

describe('study CSV', () => {
  it("is a comparison's metrics CSV", () => {
    expect(studyToCsv({ kind: 'comparison', results: sampleResults() })).toBe(resultsToCsv(sampleResults()));
  });

  it('has one row per arm and channel with the change vs full, its intervals and p', () => {
    const csv = parse(studyToCsv({ kind: 'ablation', results: sampleGrid() }));
    expect(csv.meta.fields).toEqual([...ABLATION_CSV_COLUMNS]);
    expect(csv.data).toHaveLength(6);
    const row = (arm: string, channel: string) =>
      csv.data.find((r) => r.arm === arm && r.channel === channel);
    expect(row('full', 'promo')).toMatchObject({
      target: 'joint-5task',
      change: 'as configured',
      reference: '1',
      ap: '0.4',
      ap_lo: '0.38',
      ap_hi: '0.42',
      rel: '',
      bootstrap_rel: '',
      seeds: '3',
    });
    expect(row('no-anc', 'ad')).toMatchObject({
      reference: '0',
      ap: '0.15',
      rel: '0.5',
      rel_lo: '0.4',
      rel_hi: '0.6',
      bootstrap_rel: '0.5',
      bootstrap_rel_lo: '0.3',
      bootstrap_rel_hi: '0.7',
      p: '0.0002',
    });
    // One defined seed: the mean without an interval, empty (never 0) bounds.
    expect(row('drop-user', 'ad')).toMatchObject({
      ap: '0.12',
      ap_lo: '',
      ap_hi: '',
      rel: '0.2',
      rel_lo: '',
      seeds: '1',
    });
  });

  it('has one row per method, segment and budget of a cold start, undefined AP empty', () => {
    const csv = parse(studyToCsv({ kind: 'cold-start', results: sampleColdStart() }));
    expect(csv.meta.fields).toEqual([...COLD_START_CSV_COLUMNS]);
    expect(csv.data).toHaveLength(3 * 2 * 3);
    const at = (method: string, segment: string, budget: string) =>
      csv.data.find((r) => r.method === method && r.segment === segment && r.budget === budget);
    expect(at('finetune', 'all', '20')).toEqual({
      task: 'ad_stream',
      method: 'finetune',
      segment: 'all',
      budget: '20',
      labels: '1200',
      ap: '0.25',
      ap_lo: '0.23',
      ap_hi: '0.27',
      seeds: '3',
      ceiling_ap: '0.4',
    });
    expect(at('finetune', 'less-streamed', '1')).toMatchObject({
      ap: '',
      ap_lo: '',
      seeds: '0',
      ceiling_ap: '',
    });
    expect(at('direct', 'all', '5')).toMatchObject({ labels: '0', ap: '0.15' });
  });
});
