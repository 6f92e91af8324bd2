/**
 * The cold-start curve as a plain-text table (CLI): per budget and method, the seed-mean AP with
 * its 95% t interval over seeds, overall and on less-streamed shows; n/a = undefined, not 0.
 */
import { COLD_START_METHODS, COLD_START_SEGMENTS, type ColdStartResults } from '../cold-start-types';
import type { Metric } from '../results-types';
import type { Interval } from '../rigor-types';

const f = (x: Metric) => (x === null ? 'n/a' : x.toFixed(4));
const cell = (i: Interval) => (i.lo === null ? f(i.mean) : `${f(i.mean)} [${f(i.lo)}, ${f(i.hi)}]`);

export function formatColdStart(r: ColdStartResults): string {
  const lines = [
    `New-objective cold start: ${r.task} (nearest head ${r.nearestHead}, encoder ${r.encoder}), ` +
      `${r.seeds.length} seed(s); test rows ${r.testRows} (${r.testPositives} positive); AP mean [95% t interval over seeds]`,
  ];
  for (const seg of COLD_START_SEGMENTS) {
    const ceiling = r.ceiling ? `; ceiling (simulator truth) ${f(r.ceiling[seg])}` : '';
    lines.push(`${seg === 'all' ? 'all test rows' : 'less-streamed shows'}${ceiling}`);
    lines.push(['budget', 'labels', ...COLD_START_METHODS].join('\t'));
    r.budgets.forEach((b, k) => {
      const row = COLD_START_METHODS.map((m) => cell(r.methods[m][k].ap[seg]));
      lines.push([`${b}%`, String(r.methods.scratch[k].labels), ...row].join('\t'));
    });
  }
  return lines.join('\n');
}
