import { describe, expect, it } from 'vitest';
import { PRESETS } from './presets';
import {
  draftMessage,
  fieldAt,
  fieldValue,
  formatNumber,
  rangeText,
  readListDraft,
  readNumberDraft,
  stepOf,
  valueText,
} from './field-lookup';

describe('field lookup', () => {
  it('finds a field by its dotted path and reads its value from a config', () => {
    const users = fieldAt('data.sim.users');
    expect(users.key).toBe('users');
    expect(fieldValue(PRESETS.quick, users)).toBe(800);
    expect(fieldValue(PRESETS.quick, fieldAt('model.encoderUnits'))).toEqual([32, 16]);
  });

  it('throws on a path the table does not have', () => {
    // @ts-expect-error: a path that is not in ExperimentConfig does not compile
    expect(() => fieldAt('data.sim.nope')).toThrow(/no field/);
    expect(() => fieldAt('data.kind')).toThrow(/no field/);
  });

  it('describes ranges with separators and the alternative word', () => {
    expect(rangeText(fieldAt('data.sim.users').kind)).toBe('10 – 1,000,000');
    expect(rangeText(fieldAt('train.learningRate').kind)).toBe('0.00001 – 0.1');
    expect(rangeText(fieldAt('train.promoShare').kind)).toBe('0 – 1 or natural');
    expect(rangeText(fieldAt('model.towerUnits').kind)).toBe('0–3 comma-separated values, each 1 – 512');
    expect(formatNumber(1e-10)).toBe('1e-10');
  });

  it('steps integers by 1 and floats by about a hundredth of their range', () => {
    expect(stepOf(fieldAt('train.batchSize').kind)).toBe(1);
    expect(stepOf(fieldAt('data.sim.affinityStrength').kind)).toBe(0.01);
    expect(stepOf(fieldAt('data.sim.adShare').kind)).toBeCloseTo(0.001);
  });
});

describe('reading typed numbers', () => {
  const days = fieldAt('data.sim.days');

  it('accepts an in-range number as is', () => {
    expect(readNumberDraft(days, ' 14 ')).toEqual({ state: 'ok', value: 14 });
    expect(readNumberDraft(fieldAt('train.learningRate'), '1e-3')).toEqual({ state: 'ok', value: 0.001 });
  });

  it('clamps an out-of-range number and says so with the range', () => {
    const d = readNumberDraft(days, '1000');
    expect(d).toMatchObject({ state: 'clamped', value: 365 });
    expect(draftMessage(d)).toBe('Out of range (3 – 365); 365 will be used');
    expect(readNumberDraft(days, '-2')).toMatchObject({ state: 'clamped', value: 3 });
  });

  it('rounds a fraction typed into an integer field and says it rounded', () => {
    const d = readNumberDraft(days, '7.6');
    expect(d).toMatchObject({ state: 'clamped', value: 8 });
    expect(draftMessage(d)).toMatch(/^Rounded/);
  });

  it('never yields a value for empty, non-numeric or non-finite text', () => {
    for (const text of ['', '  ', 'abc', 'NaN', 'Infinity', '1,2']) {
      const d = readNumberDraft(days, text);
      expect(d.state).toBe('invalid');
      expect(draftMessage(d)).toBe('Needs a whole number: 3 – 365');
    }
  });

  it('treats the word of a float-or field as not a number', () => {
    expect(readNumberDraft(fieldAt('train.promoShare'), 'natural').state).toBe('invalid');
    expect(readNumberDraft(fieldAt('train.promoShare'), '0.3')).toEqual({ state: 'ok', value: 0.3 });
  });
});

describe('reading typed lists', () => {
  const encoder = fieldAt('model.encoderUnits');
  const tower = fieldAt('model.towerUnits');

  it('reads comma-separated widths with spaces', () => {
    expect(readListDraft(encoder, '128, 64 ,32')).toEqual({ state: 'ok', value: [128, 64, 32] });
  });

  it('accepts the empty list only where the field allows no layers', () => {
    expect(readListDraft(tower, '')).toEqual({ state: 'ok', value: [] });
    expect(readListDraft(encoder, '').state).toBe('invalid');
  });

  it('rejects too many values, blanks and words', () => {
    expect(readListDraft(encoder, '1,2,3,4,5').state).toBe('invalid');
    expect(readListDraft(encoder, '64,').state).toBe('invalid');
    expect(readListDraft(encoder, '64, wide').state).toBe('invalid');
  });

  it('clamps each width into range', () => {
    expect(readListDraft(encoder, '5000, 0')).toMatchObject({ state: 'clamped', value: [1024, 1] });
  });

  it('shows stored lists as comma-separated text', () => {
    expect(valueText([128, 64])).toBe('128, 64');
    expect(valueText([])).toBe('');
    expect(valueText(0.5)).toBe('0.5');
  });
});
