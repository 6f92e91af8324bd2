/**
 * The tuning slide: per grouping the recipe its search chose on validation (under its name, as
 * Table 1 puts a grouping's description), that trial's validation AP against the grouping's own
 * trial 0 (the config's recipe), and the trainings the search spent; under it, what the search
 * was (budget, rungs, rule).
 */
import type { ExperimentResults } from '../../core/results/results-types';
import { TUNING_CHOSEN_HEADER, tuningChosenRows, tuningIntro } from '../../core/results/reports/tuning-table';
import { SlideTable } from './SlideTables';
import { note, small } from './styles';

/** The columns but the recipe, which goes under the grouping's name. */
const HEAD = TUNING_CHOSEN_HEADER.slice(0, -1);

export function TuningSlide({ results }: { results: ExperimentResults }) {
  const { tuning } = results;
  if (!tuning) return <p style={note}>These results carry no tuning section.</p>;
  const rows = tuningChosenRows(tuning);
  return (
    <>
      <SlideTable head={HEAD} rows={rows.length}>
        {rows.map((r) => (
          <tr key={r[0]} data-grouping={r[0]}>
            <td>
              <code style={{ fontSize: '0.95em' }}>{r[0]}</code>
              <div style={small} data-testid="tuning-slide-recipe">
                {r[r.length - 1]}
              </div>
            </td>
            {r.slice(1, -1).map((cell, i) => (
              <td key={HEAD[i + 1]} className="num">
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </SlideTable>
      <p style={note}>{tuningIntro(tuning, false)}</p>
    </>
  );
}
