/**
 * The results as a Markdown report to paste into a review document (pure): configuration, share
 * link, dataset, Table 1, the tier uplift, the creator segments, on simulated data the headroom
 * (the simulator truth's AP ceiling and each grouping's captured share), backend and run times.
 * Numbers use the dashboard's own formatters (formatAp, formatRel), so the report says what the
 * screen says.
 */
import { TUNING_HEADER, tuningIntro, tuningRows } from './tuning-table';
import { shareUrl } from '../../config/share-link';
import { SOURCE_LABEL, SOURCES, type Source, TIERS } from '../../data/schema';
import { formatDuration } from '../../format/duration';
import { pipeTable } from './markdown';
import { ablationArmsSection } from './markdown-report-ablation';
import { headroomSection, table1CeilingLine } from './markdown-report-headroom';
import { datasetSection } from './report-dataset';
import type { AnalysisInfo, ExperimentResults } from '../results-types';
import { nonDefaultFields, runConfigOf } from '../run-config';
import { tierSegment } from '../../metrics/segments';
import {
  segmentSummaryRows,
  table1Rows,
  tierLabel,
  tierUpliftSeries,
  UNDEFINED_REASON_TEXT,
  type UndefinedReason,
} from './series';
import { type PlainTable, replayTables, table1RigorTable, verdictSentences } from './rigor-tables';
import { formatAp, formatRel } from './tables';
import { undefinedNotes } from './undefined-notes';

const SEGMENT_NAME = { 'less-streamed': 'Less-streamed', 'high-stream': 'High-stream (tiers 0-2)' } as const;

export interface ReportOptions {
  /** The dashboard's address without a query (origin + path), for the share link. */
  readonly pageBase: string;
  /** When the report was written (ISO 8601); omitted from the report when absent. */
  readonly generatedAt?: string;
}

/** 'promo-mtl (baseline)': the row name in every table, so the baseline is always marked. */
export const rowName = (id: string, baseline: string): string => (id === baseline ? `${id} (baseline)` : id);

/** '2026-03-01 12:30 UTC' from an ISO 8601 UTC time. */
export const utc = (iso: string): string => iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');

/** Where the data came from, in words, from the run's config. */
export function dataText(results: ExperimentResults): string {
  if (results.analysis) return `predictions file ${results.analysis.file} (analysed without training)`;
  const { config } = runConfigOf(results.config);
  if (config.data.kind === 'file') return `file ${config.data.name}`;
  if (config.data.kind === 'url') return config.data.url;
  return `simulated data (seed ${config.seed})`;
}

/** The settings that differ from the defaults, then the whole stored config as JSON. */
export function configSection(stored: unknown): string {
  const { config } = runConfigOf(stored);
  const changed = nonDefaultFields(config);
  const table =
    changed.length === 0
      ? 'Every setting is at its default.'
      : `Settings that differ from the defaults:\n\n${pipeTable(
          ['Setting', 'Key', 'Value', 'Default'],
          changed.map((f) => [f.label, f.key, f.value, f.defaultValue]),
          ['l', 'l', 'r', 'r'],
        )}`;
  const json = JSON.stringify(stored, null, 2);
  return `${table}\n\n<details><summary>Full configuration (JSON)</summary>\n\n\`\`\`json\n${json}\n\`\`\`\n\n</details>`;
}

function shareSection(results: ExperimentResults, pageBase: string): string {
  const { config, dataNote } = runConfigOf(results.config);
  const link = shareUrl(pageBase, config);
  return [`<${link}>`, '', 'Opening it restores this configuration in the dashboard.', dataNote ?? '']
    .join('\n')
    .trimEnd();
}

function reasonNote(what: string, reason: UndefinedReason | null): string[] {
  return reason === null ? [] : [`- ${what}: n/a (${UNDEFINED_REASON_TEXT[reason]})`];
}

function table1Section(results: ExperimentResults): string {
  const rows = table1Rows(results);
  const table = pipeTable(
    ['Grouping', 'Promotions AP', 'vs baseline', 'Ads AP', 'vs baseline'],
    rows.map((r) => [
      rowName(r.id, results.baseline),
      formatAp(r.promoAp),
      formatRel(r.promoRel),
      formatAp(r.adAp),
      formatRel(r.adRel),
    ]),
  );
  const notes = rows.flatMap((r) => [
    ...reasonNote(`${r.id}, Promotions AP`, r.promoApReason),
    ...reasonNote(`${r.id}, Ads AP`, r.adApReason),
  ]);
  const lead = `AP on all test rows of each channel; "vs baseline" = (AP - baseline AP) / baseline AP on the same rows, baseline \`${results.baseline}\`.`;
  const ceiling = table1CeilingLine(results);
  return [lead, '', table, ...(ceiling ? ['', ceiling] : []), ...(notes.length ? ['', ...notes] : [])].join(
    '\n',
  );
}

function tierSection(results: ExperimentResults, channel: Source): string {
  const series = tierUpliftSeries(results, channel);
  const base = results.groupings.find((g) => g.id === results.baseline);
  const rows = series.groupings.map((g) => [
    g.id,
    ...TIERS.map((t) =>
      formatRel(results.groupings.find((x) => x.id === g.id)!.segments[channel][tierSegment(t)].rel),
    ),
  ]);
  if (base) {
    rows.push([
      `${results.baseline} AP`,
      ...TIERS.map((t) => formatAp(base.segments[channel][tierSegment(t)].ap)),
    ]);
    rows.push([
      'test rows (positives)',
      ...TIERS.map((t) => {
        const s = base.segments[channel][tierSegment(t)];
        return `${s.rows} (${s.positives})`;
      }),
    ]);
  }
  const notes = undefinedNotes(series).map((line) => `- n/a for ${line}`);
  const table = pipeTable(['Grouping', ...TIERS.map(tierLabel)], rows);
  return [`### ${SOURCE_LABEL[channel]}`, '', table, ...(notes.length ? ['', ...notes] : [])].join('\n');
}

function segmentSection(results: ExperimentResults, channel: Source): string {
  const [less, high] = segmentSummaryRows(results, channel);
  const rows = less.rows.map((r, i) => [
    rowName(r.id, results.baseline),
    formatAp(r.ap),
    formatRel(r.rel),
    formatAp(high.rows[i].ap),
    formatRel(high.rows[i].rel),
  ]);
  const size = (s: typeof less) => {
    const [rows, pos] = [s.rows[0]?.rows ?? 0, s.rows[0]?.positives ?? 0];
    return `${SEGMENT_NAME[s.segment]}: ${rows} test rows, ${pos} positive${pos === 1 ? '' : 's'}.`;
  };
  const header = ['Grouping', 'Less-streamed AP', 'vs baseline', 'High-stream AP', 'vs baseline'];
  return [
    `### ${SOURCE_LABEL[channel]}`,
    '',
    pipeTable(header, rows),
    '',
    `${size(less)} ${size(high)}`,
  ].join('\n');
}

function timesSection(results: ExperimentResults): string {
  const rows = results.groupings.map((g) => [
    rowName(g.id, results.baseline),
    String(g.history.length),
    g.bestEpoch === null ? 'n/a' : String(g.bestEpoch),
    formatDuration(g.trainMs),
  ]);
  const total = results.groupings.reduce((s, g) => s + g.trainMs, 0);
  const table = pipeTable(['Grouping', 'Epochs', 'Best epoch', 'Training time'], rows);
  return `Backend: \`${results.backend}\`. Test rows scored: ${results.testRows.toLocaleString('en-US')}.\n\n${table}\n\nTotal training time: ${formatDuration(total)}.`;
}

/** Repeats, bootstrap and budget replay (absent from results without a rigor section). */
function rigorSections(results: ExperimentResults): string[] {
  const md = (t: PlainTable) =>
    `### ${t.title}\n\n${pipeTable(t.header, t.rows)}${t.notes.length ? `\n\n${t.notes.join('\n\n')}` : ''}`;
  const t1 = table1RigorTable(results);
  if (!t1) return [];
  const grid = results.ablationGrid ? table1RigorTable(results.ablationGrid) : null;
  const verdicts = verdictSentences(results);
  return [
    `## Over seeds, with the paired bootstrap\n\n${md(t1)}`,
    `## Verdicts\n\n${verdicts.map((v) => `- ${v}`).join('\n')}`,
    `## Budget replay (Table 2 analogue) and per-tier i2s / CPS\n\n${replayTables(results).map(md).join('\n\n')}`,
    ...(grid ? [`## Ablation grid\n\n${md(grid)}`] : []),
  ];
}

/** What an analysis of predictions read, in place of a trained run's config, link and run times. */
function analysisSection(a: AnalysisInfo): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const skipped = a.skippedRows > 0 ? ` (${n(a.skippedRows)} invalid rows skipped)` : '';
  return [
    `No training: the scores come from \`${a.file}\`, ${n(a.rows)} rows${skipped}; score columns ${a.scoreColumns.map((c) => `\`${c}\``).join(', ')}.`,
    `Tiers: ${n(a.tiersFrom.given)} rows from stream_tier, ${n(a.tiersFrom.show_streams_30d)} from show_streams_30d by the fixed thresholds. ` +
      `Less-streamed flag: ${n(a.lessStreamedFrom.given)} rows from less_streamed, ${n(a.lessStreamedFrom.show_streams_30d)} from show_streams_30d, ${n(a.lessStreamedFrom.tier)} from the tier (3-5).`,
    `Budget replay: ${a.shows > 0 ? `${n(a.shows)} shows (podcast_id)` : 'no podcast_id column, so all rows are one show'}; ${a.cost ? 'cost from the file' : 'no cost column, 1 per impression'}.`,
  ].join('\n\n');
}

/** The whole report, Markdown with pipe tables (cells escaped). */
export function markdownReport(results: ExperimentResults, options: ReportOptions): string {
  const written = options.generatedAt ? `; report written ${utc(options.generatedAt)}` : '';
  const channels = (f: (r: ExperimentResults, c: Source) => string) =>
    SOURCES.map((c) => f(results, c)).join('\n\n');
  const headroom = headroomSection(results);
  const arms = ablationArmsSection(results);
  const what = results.ablation ? `ablation grid of ${results.ablation.target}` : 'results';
  const sections = [
    `# Cold-Start Lab ${what}: ${dataText(results)}`,
    `Run of ${utc(results.createdAt)}${written}. Backend \`${results.backend}\`, baseline \`${results.baseline}\`, ${results.groupings.length} ${results.ablation ? 'arms' : 'groupings'}.`,
    ...(arms ? [`## Arms: change against the unchanged ${results.ablation?.target}\n\n${arms}`] : []),
    ...(results.analysis
      ? [`## Analysis of predictions\n\n${analysisSection(results.analysis)}`]
      : [
          `## Configuration\n\n${configSection(results.config)}`,
          `## Share link\n\n${shareSection(results, options.pageBase)}`,
        ]),
    `## Dataset\n\n${datasetSection(results.dataset)}`,
    `## Table 1: AP by channel\n\n${table1Section(results)}`,
    `## AP change by stream tier (vs baseline)\n\nTier 0 = most streamed shows, tier 7 = least.\n\n${channels(tierSection)}`,
    `## Less-streamed and high-stream creators\n\n${channels(segmentSection)}`,
    ...(headroom ? [`## Headroom: the simulator's ceiling\n\n${headroom}`] : []),
    ...rigorSections(results),
    ...(results.tuning
      ? [
          `## Tuning\n\n${tuningIntro(results.tuning)}\n\n${pipeTable(TUNING_HEADER, tuningRows(results.tuning))}`,
        ]
      : []),
    ...(results.analysis ? [] : [`## Backend and run times\n\n${timesSection(results)}`]),
    'AP = average precision (scikit-learn semantics). n/a = undefined, never zero. Made with Cold-Start Lab (results format version 1).',
  ];
  return `${sections.join('\n\n')}\n`;
}
