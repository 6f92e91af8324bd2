import { GROUPING_IDS } from '../../core/config/experiment';
import { GROUPINGS } from '../../core/config/groupings';
import { useAppStore } from '../../store';
import { selectGroupings } from '../../store/selectors';
import { EncoderHelp, EncoderSelect } from './EncoderPicker';
import { baselineOptions, selectionProblem, trainsOnText } from './experiment-view';
import { MaskMatrix } from './MaskMatrix';

/**
 * The six grouping presets as checkboxes, each with its heads, loss mask and (when ticked) its
 * encoder; the baseline picker.
 */
export function GroupingPicker() {
  const groupings = useAppStore(selectGroupings);
  const baseline = useAppStore((s) => s.config.baseline);
  const toggleGrouping = useAppStore((s) => s.toggleGrouping);
  const setBaseline = useAppStore((s) => s.setBaseline);
  const problem = selectionProblem(groupings, baseline);
  return (
    <>
      <p className="help">
        A <strong>grouping</strong> is one model: the rows it trains on and its heads (tasks). Its{' '}
        <strong>loss mask</strong> says which rows add loss to which head: ✓ they do; ✗ the mask keeps them
        out; grey: no such head, or rows the grouping never sees. Ad rows never train promo_stream, while
        promotions do train the ad head: transfer goes one way (directional transfer). Each ticked grouping
        has its own <strong>encoder</strong>, what turns the inputs into each head&apos;s representation:
      </p>
      <EncoderHelp />
      <div className="grouping-list">
        {GROUPING_IDS.map((id) => {
          const g = GROUPINGS[id];
          return (
            <div key={id} className="grouping">
              <label className="grouping-name">
                <input
                  type="checkbox"
                  data-testid={`grouping-${id}`}
                  checked={groupings.includes(id)}
                  onChange={(e) => toggleGrouping(id, e.target.checked)}
                />
                <span>
                  <code>{id}</code> {g.label}
                  <small className="muted">
                    {' '}
                    · trains on {trainsOnText(g)} · heads: {g.heads.join(', ')}
                  </small>
                </span>
              </label>
              {groupings.includes(id) && <EncoderSelect id={id} />}
              <div className="table-scroll">
                <MaskMatrix grouping={g} />
              </div>
            </div>
          );
        })}
      </div>
      <div className="field">
        <label htmlFor="baseline">Baseline (relative changes compare to it)</label>
        <select
          id="baseline"
          data-testid="baseline"
          value={baseline}
          onChange={(e) => setBaseline(e.target.value as (typeof GROUPING_IDS)[number])}
        >
          {baselineOptions(groupings).map((o) => (
            <option key={o.id} value={o.id}>
              {o.text}
            </option>
          ))}
        </select>
      </div>
      {problem && (
        <p className="warn" role="alert" data-testid="grouping-problem">
          {problem}
        </p>
      )}
    </>
  );
}
