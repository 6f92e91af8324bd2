import { describe, expect, it } from 'vitest';
import { tuningSample } from '../tuning-fixture';
import { recipeText, TUNING_CHOSEN_HEADER, tuningChosenRows, tuningIntro } from './tuning-table';

describe('tuningChosenRows: each grouping’s chosen recipe', () => {
  it('names the chosen trial, its validation AP against trial 0 and the trainings the search spent', () => {
    const t = tuningSample(['promo-mtl', 'joint-5task']);
    const rows = tuningChosenRows(t);
    expect(rows.map((r) => r.length)).toEqual([TUNING_CHOSEN_HEADER.length, TUNING_CHOSEN_HEADER.length]);
    // promo-mtl: chosen trial 2, 0.25 against trial 0's 0.20 = +25%; 2 + 1 + 2 seeds = 5 trainings.
    expect(rows[0]).toEqual([
      'promo-mtl',
      '2',
      '0.2500',
      '+25.0%',
      '5',
      recipeText(t.groupings['promo-mtl'].trials[2].recipe),
    ]);
    // joint-5task: 0.26 against 0.21.
    expect(rows[1][3]).toBe(`+${((0.26 / 0.21 - 1) * 100).toFixed(1)}%`);
  });

  it('ends the intro with the chosen mark only where a table marks it', () => {
    const t = tuningSample(['promo-mtl']);
    expect(tuningIntro(t)).toMatch(/after the choice\. \* = chosen\.$/);
    expect(tuningIntro(t, false)).toMatch(/after the choice\.$/);
  });

  it('says trial 0 when the config’s own recipe won, and n/a when a score is undefined', () => {
    const t = tuningSample(['promo-mtl']);
    const g = t.groupings['promo-mtl'];
    expect(tuningChosenRows({ ...t, groupings: { 'promo-mtl': { ...g, chosen: 0 } } })[0][3]).toBe(
      '(trial 0)',
    );
    const unscored = { ...g, trials: g.trials.map((x) => (x.index === 0 ? { ...x, valAp: null } : x)) };
    expect(tuningChosenRows({ ...t, groupings: { 'promo-mtl': unscored } })[0][3]).toBe('n/a');
  });
});
