/**
 * The Markdown report of any study (pure): a comparison's or a grid's is markdownReport's; a cold
 * start's is written here: what was run, then per segment one table of AP against label budget
 * for each method (mean [95% t interval over seeds]), the ceiling when known, and the config
 * when the file knows it. Numbers use the dashboard's formatters; n/a = undefined, never 0.
 */
import { COLD_START_METHODS, COLD_START_SEGMENTS, type ColdStartResults } from '../cold-start-types';
import { pipeTable } from './markdown';
import { configSection, markdownReport, type ReportOptions, utc } from './markdown-report';
import { formatApInterval } from './rigor-tables';
import type { StudyFile, StudyMeta } from '../study-io';
import { formatAp } from './tables';

const SEGMENT_TITLE = { all: 'All test rows', 'less-streamed': 'Less-streamed shows' } as const;

const METHODS_NOTE =
  'scratch = a one-head model trained on the kept labels only; direct = the joint model trained without the task, its nearest head applied as it is (no labels used: the same at every budget); finetune = that joint model with a head for the task, started from the nearest head, trained further on the kept labels.';

function segmentTable(r: ColdStartResults, seg: (typeof COLD_START_SEGMENTS)[number]): string {
  const rows = r.budgets.map((b) => {
    const at = (m: (typeof COLD_START_METHODS)[number]) => r.methods[m].find((p) => p.budget === b);
    const labels = at('scratch')?.labels ?? at('finetune')?.labels;
    return [
      `${b}%`,
      labels === undefined ? 'n/a' : labels.toLocaleString('en-US'),
      ...COLD_START_METHODS.map((m) => {
        const ap = at(m)?.ap[seg];
        return ap ? formatApInterval(ap) : 'n/a';
      }),
    ];
  });
  const table = pipeTable(['Budget', 'Labels kept', ...COLD_START_METHODS], rows);
  const ceiling = r.ceiling
    ? `\n\nCeiling (the simulator's true probabilities): ${formatAp(r.ceiling[seg])}.`
    : '';
  return `## ${SEGMENT_TITLE[seg]}\n\n${table}${ceiling}`;
}

/** A cold start's report; `meta` adds when and where it ran and its configuration. */
export function coldStartMarkdown(
  r: ColdStartResults,
  meta: StudyMeta | null,
  options: ReportOptions,
): string {
  const written = options.generatedAt ? `Report written ${utc(options.generatedAt)}.` : '';
  const ran = meta ? `Run of ${utc(meta.createdAt)}, backend \`${meta.backend}\`. ` : '';
  const seeds = r.seeds.length;
  const sections = [
    `# Cold-Start Lab cold start: ${r.task}`,
    `${ran}${written}`.trim(),
    `New task \`${r.task}\` scored on ${r.testRows.toLocaleString('en-US')} test rows (${r.testPositives.toLocaleString('en-US')} positive) from ${r.sources.join(' and ')}; joint model encoder ${r.encoder}, nearest head \`${r.nearestHead}\`; ${seeds} training seed${seeds === 1 ? '' : 's'} (${r.seeds.join(', ')}). Cells: AP, mean${seeds > 1 ? ' [95% t interval over seeds]' : ''}; budget = percent of the task's training labels kept; labels kept = training rows whose label the budget kept (first seed).`,
    METHODS_NOTE,
    ...COLD_START_SEGMENTS.map((seg) => segmentTable(r, seg)),
    ...(meta ? [`## Configuration\n\n${configSection(meta.config)}`] : []),
    'AP = average precision (scikit-learn semantics). n/a = undefined (no positive test row), never zero. Made with Cold-Start Lab.',
  ];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}

/** The study's report, by its kind. */
export function studyMarkdown(file: StudyFile, options: ReportOptions): string {
  if (file.kind === 'cold-start') return coldStartMarkdown(file.results, file.meta ?? null, options);
  return markdownReport(file.results, options);
}
