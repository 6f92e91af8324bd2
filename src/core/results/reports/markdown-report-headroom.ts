/**
 * The headroom part of the Markdown report (pure; simulated data only): the simulator truth's
 * AP ceiling and the prevalence per channel and segment, and each grouping's captured share
 * (docs/experiments.md, "Headroom"). Nothing when the results carry no headroom.
 */
import { SOURCE_LABEL, SOURCES, TIERS } from '../../data/schema';
import { formatShare, HEADROOM_NOTE } from '../../metrics/headroom';
import { segmentHeadroom } from './headroom-series';
import { pipeTable } from './markdown';
import type { ExperimentResults } from '../results-types';
import { SEGMENT_IDS, type SegmentId, tierSegment } from '../../metrics/segments';
import { tierLabel } from './series';
import { formatAp } from './tables';

const SHARE_SEGMENTS = ['all', 'less-streamed', 'high-stream'] as const;

function segmentName(s: SegmentId): string {
  if (s === 'less-streamed') return 'Less-streamed';
  if (s === 'high-stream') return 'High-stream (tiers 0-2)';
  return s === 'all' ? 'All' : `Tier ${s.slice(4)}`;
}

const name = (id: string, baseline: string): string => (id === baseline ? `${id} (baseline)` : id);

/** One line under Table 1 naming the ceilings of its cells, or null without headroom. */
export function table1CeilingLine(results: ExperimentResults): string | null {
  const h = results.headroom;
  if (!h) return null;
  return (
    `Simulator truth (ceiling): Promotions AP ${formatAp(h.promo.all.ap)}, Ads AP ${formatAp(h.ad.all.ap)} ` +
    '(AP of the true p(stream) on the same rows); each grouping\'s share of the headroom is under "Headroom".'
  );
}

/** The "Headroom" section's body (ceilings, shares on Table 1's and the creator segments, shares by tier), or null. */
export function headroomSection(results: ExperimentResults): string | null {
  const h = results.headroom;
  if (!h) return null;
  const ceilings = pipeTable(
    ['Segment', 'Promotions ceiling AP', 'Promotions prevalence', 'Ads ceiling AP', 'Ads prevalence'],
    SEGMENT_IDS.map((s) => [
      segmentName(s),
      formatAp(h.promo[s].ap),
      formatAp(h.promo[s].prevalence),
      formatAp(h.ad[s].ap),
      formatAp(h.ad[s].prevalence),
    ]),
  );
  const views = SHARE_SEGMENTS.map((s) => segmentHeadroom(results, s)!);
  const shares = pipeTable(
    [
      'Grouping',
      ...views.flatMap((v) => SOURCES.map((c) => `${SOURCE_LABEL[c]}, ${segmentName(v.segment)}`)),
    ],
    results.groupings.map((g, i) => [
      name(g.id, results.baseline),
      ...views.flatMap((v) => SOURCES.map((c) => formatShare(v.rows[i].share[c]))),
    ]),
  );
  const tiers = SOURCES.map((c) => {
    const byTier = TIERS.map((t) => segmentHeadroom(results, tierSegment(t))!);
    const table = pipeTable(
      ['Grouping', ...TIERS.map(tierLabel)],
      results.groupings.map((g, i) => [
        name(g.id, results.baseline),
        ...byTier.map((v) => formatShare(v.rows[i].share[c])),
      ]),
    );
    return `### Share of headroom captured by stream tier: ${SOURCE_LABEL[c]}\n\n${table}`;
  });
  const seeds = results.rigor?.seeds.length ?? 1;
  const lead = [
    HEADROOM_NOTE,
    'Prevalence (positives / rows) is the floor: a random ranking scores about that AP in expectation, so only the AP above it is learned signal.',
    ...(seeds > 1
      ? [`Shares use the first seed's APs (of ${seeds}); the ceiling is the same in every seed.`]
      : []),
  ].join(' ');
  return [lead, `### Ceilings\n\n${ceilings}`, `### Share of headroom captured\n\n${shares}`, ...tiers].join(
    '\n\n',
  );
}
