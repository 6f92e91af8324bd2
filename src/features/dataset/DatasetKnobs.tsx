import { fieldAt } from '../../core/config/field-lookup';
import type { SimConfig } from '../../core/data/simulator-config';
import { useAppStore } from '../../store';
import { NumberField } from '../../ui/FieldInput';

type SizeKey =
  'users' | 'shows' | 'days' | 'impressionsPerDay' | 'adShare' | 'longTailAdShare' | 'affinityStrength';
type RateKey = keyof SimConfig['baseRates'];

const SIZES = (
  [
    ['users', 'Users', false],
    ['shows', 'Shows', false],
    ['days', 'Days', false],
    ['impressionsPerDay', 'Impressions per day', false],
    ['adShare', 'Ad share', true],
    ['longTailAdShare', 'Long-tail share of ads', true],
    ['affinityStrength', 'Affinity strength', true],
  ] as const satisfies readonly (readonly [SizeKey, string, boolean])[]
).map(([key, label, slider]) => ({ key, label, slider, field: fieldAt(`data.sim.${key}`) }));

const RATES = (
  [
    ['promoStream', 'Promo stream'],
    ['adStream', 'Ad stream'],
    ['click', 'Click'],
    ['like', 'Like'],
    ['follow', 'Follow'],
  ] as const satisfies readonly (readonly [RateKey, string])[]
).map(([key, label]) => ({ key, label, field: fieldAt(`data.sim.baseRates.${key}`) }));

const SEED = fieldAt('seed');

/** The simulator's knobs and the seed, each bounded by its field's range. */
export function DatasetKnobs() {
  const data = useAppStore((s) => s.config.data);
  const seed = useAppStore((s) => s.config.seed);
  const setSim = useAppStore((s) => s.setSim);
  const setSeed = useAppStore((s) => s.setSeed);
  if (data.kind !== 'sim') return <p className="muted">This experiment uses a loaded file ({data.kind}).</p>;
  const sim = data.sim;
  return (
    <>
      <fieldset className="field-grid">
        <legend>Simulator</legend>
        {SIZES.map(({ key, label, slider, field }) => (
          <NumberField
            key={key}
            field={field}
            label={label}
            value={sim[key]}
            slider={slider}
            onCommit={(v) => setSim({ [key]: v })}
          />
        ))}
        <NumberField field={SEED} label="Seed" value={seed} onCommit={setSeed} />
      </fieldset>
      <fieldset className="field-grid">
        <legend>Base rates (probability per impression)</legend>
        {RATES.map(({ key, label, field }) => (
          <NumberField
            key={key}
            field={field}
            label={label}
            value={sim.baseRates[key]}
            onCommit={(v) => setSim({ baseRates: { ...sim.baseRates, [key]: v } })}
          />
        ))}
      </fieldset>
    </>
  );
}
