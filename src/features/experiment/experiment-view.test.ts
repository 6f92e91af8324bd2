import { describe, expect, it } from 'vitest';
import { GROUPINGS } from '../../core/config/groupings';
import { PRESETS } from '../../core/config/presets';
import { validConfig } from '../../store/config-slice';
import {
  activePreset, BALANCING_TEXT, baselineOptions, ENCODER_TEXT, encodersInUse, expertFieldsShown, maskMatrix,
  selectionProblem, trainsOnText, withEncoder, withPresetData,
} from './experiment-view'; // prettier-ignore
import { BALANCING_KINDS, ENCODER_KINDS } from '../../core/config/experiment';

const MARK = { trains: '✓', masked: '✗', 'not-head': '-', unseen: '.' } as const;
const marks = (rows: ReturnType<typeof maskMatrix>) =>
  rows.map((r) => r.cells.map((c) => MARK[c.state]).join(''));

describe('mask matrix', () => {
  it('shows directional transfer in the joint model: ad rows never train promo_stream', () => {
    const rows = maskMatrix(GROUPINGS['joint-5task']);
    expect(rows.map((r) => r.source)).toEqual(['promo', 'ad']);
    expect(marks(rows)).toEqual(['✓✓✓✓✓', '✗✓✓✓✓']);
    expect(rows[1].cells[0].title).toBe('ad rows never train promo_stream');
  });

  it('greys out tasks that are not heads of the grouping', () => {
    const rows = maskMatrix(GROUPINGS['ads-stream']);
    expect(marks(rows)).toEqual(['-.---', '-✓---']);
    expect(rows[0].cells[2].title).toBe('click is not a head of this grouping');
  });

  it('tells rows of a source the grouping never sees apart from masked rows', () => {
    const rows = maskMatrix(GROUPINGS['promo-mtl']);
    expect(marks(rows)).toEqual(['✓-✓✓✓', '.-...']);
    expect(rows.map((r) => r.seen)).toEqual([true, false]);
    expect(rows[1].cells[2].title).toBe('this grouping does not train on ad rows');
    expect(marks(maskMatrix(GROUPINGS['ads-stream-pooled']))).toEqual(['-✓---', '-✓---']);
  });

  it('says which rows a grouping trains on', () => {
    expect(trainsOnText(GROUPINGS['joint-5task'])).toBe('promo + ad rows');
  });
});

describe('grouping selection', () => {
  it('accepts a selection that includes the baseline', () => {
    expect(selectionProblem(['promo-mtl', 'ads-anc'], 'promo-mtl')).toBeNull();
  });

  it('explains an empty selection and a missing baseline', () => {
    expect(selectionProblem([], 'promo-mtl')).toMatch(/at least one/);
    expect(selectionProblem(['ads-anc'], 'promo-mtl')).toMatch(/baseline \(promo-mtl\) is not ticked/);
  });

  it('lists every grouping as a baseline option, noting unticked ones', () => {
    const opts = baselineOptions(['promo-mtl']);
    expect(opts).toHaveLength(6);
    expect(opts[0].text).not.toMatch(/not ticked/);
    expect(opts[1].text).toMatch(/not ticked/);
  });
});

describe('active preset', () => {
  it('recognises each preset, also after it went through the store validation', () => {
    expect(activePreset(PRESETS.quick)).toBe('quick');
    expect(activePreset(validConfig(PRESETS.paper, PRESETS.quick))).toBe('paper');
  });

  it('is null once a field is edited', () => {
    expect(activePreset({ ...PRESETS.quick, seed: 99 })).toBeNull();
  });

  it('keeps a loaded file when a preset is applied, and still recognises the preset', () => {
    const loaded = { ...PRESETS.paper, data: { kind: 'file' as const, name: 'mine.csv' } };
    const applied = withPresetData(PRESETS.quick, loaded);
    expect(applied.data).toEqual({ kind: 'file', name: 'mine.csv' });
    expect(applied.model).toEqual(PRESETS.quick.model);
    expect(activePreset(applied)).toBe('quick');
    expect(withPresetData(PRESETS.quick, PRESETS.paper)).toBe(PRESETS.quick); // simulated: all of it
  });
});

describe('encoders and balancing', () => {
  const quick = PRESETS.quick;

  it('sets one grouping’s encoder, and the store keeps it', () => {
    const c = withEncoder(quick, 'joint-5task', 'ple');
    expect(c.encoders['joint-5task']).toBe('ple');
    expect(c.encoders['ads-anc']).toBe('shared-bottom');
    expect(validConfig(c, quick).encoders['joint-5task']).toBe('ple');
    expect(activePreset(c)).toBeNull();
  });

  it('shows the expert sizes only when a chosen grouping uses MMoE or PLE', () => {
    expect(expertFieldsShown(quick)).toEqual({ experts: false, taskExperts: false });
    const mmoe = withEncoder(quick, 'ads-anc', 'mmoe');
    expect(expertFieldsShown(mmoe)).toEqual({ experts: true, taskExperts: false });
    expect(expertFieldsShown(withEncoder(mmoe, 'joint-5task', 'ple'))).toEqual({
      experts: true,
      taskExperts: true,
    });
    // An unticked grouping's encoder does not count.
    const unticked = { ...withEncoder(quick, 'ads-anc', 'ple'), groupings: ['promo-mtl' as const] };
    expect([...encodersInUse(unticked)]).toEqual(['shared-bottom']);
    expect(expertFieldsShown(unticked).experts).toBe(false);
  });

  it('has a name and a one-line explanation for every encoder and balancing method', () => {
    for (const k of ENCODER_KINDS) expect(ENCODER_TEXT[k].what).not.toMatch(/\n/);
    for (const b of BALANCING_KINDS) expect(BALANCING_TEXT[b].name.length).toBeGreaterThan(0);
    expect(Object.keys(ENCODER_TEXT)).toEqual([...ENCODER_KINDS]);
    expect(Object.keys(BALANCING_TEXT)).toEqual([...BALANCING_KINDS]);
  });
});
