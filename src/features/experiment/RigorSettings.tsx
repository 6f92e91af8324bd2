import { fieldAt } from '../../core/config/field-lookup';
import { useAppStore } from '../../store';
import { NumberField } from '../../ui/FieldInput';
import { halvingRungs } from '../../core/config/tuning';
import { SelectField } from './SelectField';

const REPEATS = fieldAt('rigor.repeats');
const BUY_SHARE = fieldAt('rigor.buyShare');
const BOOTSTRAP = fieldAt('rigor.bootstrap');
const TUNE = fieldAt('rigor.tune');
const VARY = fieldAt('rigor.vary');
const VARY_TEXT = {
  training: 'Training only (same data)',
  data: 'Data and training (redraw the simulated data)',
} as const;

/**
 * How a comparison is repeated and scored beyond one AP per grouping: training seeds (for
 * intervals), the budget replay's buy share and the paired bootstrap's resamples.
 */
export function RigorSettings() {
  const rigor = useAppStore((s) => s.config.rigor);
  const seed = useAppStore((s) => s.config.seed);
  const simulated = useAppStore((s) => s.config.data.kind === 'sim');
  const setRigor = useAppStore((s) => s.setRigor);
  const { repeats, bootstrap } = rigor;
  return (
    <fieldset className="field-grid" data-testid="rigor-settings">
      <legend>Repeats and replay</legend>
      <div data-testid="rigor-repeats">
        <NumberField
          field={REPEATS}
          label="Repeats (training seeds)"
          value={repeats}
          onCommit={(v) => setRigor({ repeats: v })}
        />
      </div>
      <SelectField
        field={VARY}
        label="Repeats vary"
        value={rigor.vary}
        text={(v) => VARY_TEXT[v]}
        onChange={(v) => setRigor({ vary: v })}
        testId="rigor-vary"
        help={
          simulated
            ? 'Data and training: repeat r draws its own dataset from the simulator with seed + r, so the intervals include what a new sample of the same world varies.'
            : 'Loaded data cannot be redrawn: repeats vary training only.'
        }
      />
      <div data-testid="rigor-buy-share">
        <NumberField
          field={BUY_SHARE}
          label="Buy share (budget replay)"
          value={rigor.buyShare}
          onCommit={(v) => setRigor({ buyShare: v })}
          slider
        />
      </div>
      <div data-testid="rigor-bootstrap">
        <NumberField
          field={BOOTSTRAP}
          label="Bootstrap resamples"
          value={bootstrap}
          onCommit={(v) => setRigor({ bootstrap: v })}
        />
      </div>
      <div data-testid="rigor-tune">
        <NumberField
          field={TUNE}
          label="Tuning: recipes per grouping"
          value={rigor.tune}
          onCommit={(v) => setRigor({ tune: v })}
        />
      </div>
      <p className="help field-span" data-testid="rigor-note">
        {repeats >= 2
          ? `Each grouping trains ${repeats} times (seeds ${seed}–${seed + repeats - 1}, ${simulated && rigor.vary === 'data' ? 'each on its own draw of the simulated data' : 'same data'}), so the run takes about ${repeats}× as long; tables show the mean and a 95% interval over the seeds.`
          : 'One training seed: no interval over seeds (intervals need 2 or more repeats; N repeats take about N× as long).'}{' '}
        The budget replay lets each model buy that fraction of every show&apos;s ad test impressions (its
        highest-scored ones) and compares streams and cost per stream.{' '}
        {bootstrap > 0
          ? `The paired bootstrap redraws the test rows ${bootstrap.toLocaleString('en-US')} times for an interval and p-value of each AP change.`
          : 'Bootstrap off (0 resamples): no bootstrap interval or p-value.'}{' '}
        {rigor.tune > 0
          ? `Tuning: each grouping first compares the same ${rigor.tune} recipes (the current one first) by successive halving on validation AP (rungs of ${halvingRungs(rigor.tune).join(', ') || 'none'}, each rung on one more seed); that costs ${halvingRungs(rigor.tune).reduce((s, k) => s + k, 0)} more trainings per grouping.`
          : 'Tuning off: every grouping trains with the recipe above.'}
      </p>
    </fieldset>
  );
}
