/**
 * The tuning slide: per grouping the recipe its search chose on validation, that trial's
 * validation AP against the grouping's own trial 0 (the config's recipe), and the trainings the
 * search spent; under it, what the search was (budget, rungs, rule).
 */
import type { ExperimentResults } from '../../core/results/results-types';
import { TUNING_CHOSEN_HEADER, tuningChosenRows, tuningIntro } from '../../core/results/reports/tuning-table';
import { SlideTable } from './SlideTables';
import { note } from './styles';

export function TuningSlide({ results }: { results: ExperimentResults }) {
  const { tuning } = results;
  if (!tuning) return <p style={note}>These results carry no tuning section.</p>;
  const rows = tuningChosenRows(tuning);
  return (
    <>
      {/* Recipes are long lines: the table is set smaller than the others. */}
      <SlideTable head={TUNING_CHOSEN_HEADER} rows={rows.length} scale={0.7}>
        {rows.map((r) => (
          <tr key={r[0]} data-grouping={r[0]}>
            {r.map((cell, i) => (
              <td key={TUNING_CHOSEN_HEADER[i]} className={i >= 1 && i <= 4 ? 'num' : undefined}>
                {i === 0 ? <code>{cell}</code> : cell}
              </td>
            ))}
          </tr>
        ))}
      </SlideTable>
      <p style={note}>{tuningIntro(tuning)}</p>
    </>
  );
}
