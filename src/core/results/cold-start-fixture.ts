/**
 * Test fixture (not app code): a cold start's results, valid against the schema, over three seeds
 * at budgets 1, 5 and 20%; fine-tuning's less-streamed AP is undefined at 1% (null, never 0) and
 * has no interval at 5% (one defined seed).
 */
import type { ColdStartPoint, ColdStartResults } from './cold-start-types';
import { iv } from './rigor-fixture';
import type { Interval } from './rigor-types';

const pt = (budget: number, labels: number, all: Interval, less: Interval): ColdStartPoint => ({
  budget,
  labels,
  ap: { all, 'less-streamed': less },
});

export function sampleColdStart(over: Partial<ColdStartResults> = {}): ColdStartResults {
  return {
    task: 'ad_stream',
    nearestHead: 'promo_stream',
    sources: ['ad'],
    encoder: 'shared-bottom',
    budgets: [1, 5, 20],
    seeds: [7, 8, 9],
    testRows: 2000,
    testPositives: 40,
    methods: {
      scratch: [
        pt(1, 12, iv(0.05, 0.03, 0.07), iv(0.04, 0.02, 0.06)),
        pt(5, 60, iv(0.1, 0.08, 0.12), iv(0.09, 0.07, 0.11)),
        pt(20, 1200, iv(0.2, 0.18, 0.22), iv(0.19, 0.17, 0.21)),
      ],
      direct: [1, 5, 20].map((b) => pt(b, 0, iv(0.15, 0.14, 0.16), iv(0.12, 0.1, 0.14))),
      finetune: [
        pt(1, 12, iv(0.16, 0.15, 0.17), iv(null)),
        pt(5, 60, iv(0.18, 0.16, 0.2), iv(0.15, null, null, 1)),
        pt(20, 1200, iv(0.25, 0.23, 0.27), iv(0.22, 0.2, 0.24)),
      ],
    },
    ceiling: { all: 0.4, 'less-streamed': null },
    ...over,
  };
}
