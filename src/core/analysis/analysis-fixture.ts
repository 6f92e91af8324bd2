/**
 * A small predictions file and its analysis, for tests of what shows an analysis (store, slides,
 * History): 200 seeded rows, a plain baseline `base` and a two-head model `mtl` at seeds 1 and 2.
 */
import { CsvFeeder } from '../data/csv-reader';
import { createRng } from '../data/rng';
import { runSteps } from '../data/steps';
import type { ExperimentResults } from '../results/results-types';
import { analyseSteps } from './analyse';
import { PredictionsBuilder } from './predictions-builder';

/** The fixture's CSV text: a score that knows the label a little (mtl more than base). */
export function analysisFixtureCsv(rows = 200): string {
  const rng = createRng(42);
  const lines = [
    'source,stream,tier,podcast_id,base,mtl:promo_stream@1,mtl:ad_stream@1,mtl:promo_stream@2,mtl:ad_stream@2',
  ];
  const score = (y: number, signal: number) => (rng.nextFloat() + signal * y).toFixed(6);
  for (let i = 0; i < rows; i++) {
    const y = rng.nextFloat() < 0.2 ? 1 : 0;
    const cells = [i % 3 === 0 ? 'ad' : 'promo', y, i % 8, `p${i % 11}`, score(y, 0.2)];
    for (let k = 0; k < 4; k++) cells.push(score(y, 0.6));
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** The fixture's analysis against `base` (bootstrap 20 resamples, buy share 0.3). */
export function analysisFixture(): ExperimentResults {
  const feeder = new CsvFeeder('fixture.csv', {}, PredictionsBuilder.start);
  feeder.push(analysisFixtureCsv());
  const read = feeder.end();
  if (!read.ok) throw new Error(read.message);
  const opts = { file: 'fixture.csv', baseline: 'base', buyShare: 0.3, bootstrap: 20, seed: 1 };
  return runSteps(analyseSteps(read.predictions, { ...opts, createdAt: '2026-12-07T12:00:00.000Z' }));
}
