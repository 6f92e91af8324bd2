import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration';

describe('formatDuration', () => {
  it('writes milliseconds below a second, tenths of seconds below a minute, then minutes', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(2_345)).toBe('2.3 s');
    expect(formatDuration(42_400)).toBe('42.4 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(3_725_000)).toBe('62 min 05 s');
  });

  it('picks the unit after rounding, so no "1000 ms" or "60.0 s"', () => {
    expect(formatDuration(999.4)).toBe('999 ms');
    expect(formatDuration(999.7)).toBe('1.0 s');
    expect(formatDuration(59_940)).toBe('59.9 s');
    expect(formatDuration(59_960)).toBe('1 min 00 s');
    expect(formatDuration(119_600)).toBe('2 min 00 s');
  });

  it('says n/a for what is not a duration', () => {
    expect(formatDuration(Number.NaN)).toBe('n/a');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('n/a');
    expect(formatDuration(-1)).toBe('n/a');
  });
});
