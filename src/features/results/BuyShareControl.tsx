/**
 * The budget replay's buy share beside its table: a new value replays this session's last run at
 * once in the worker (its scores are still there; nothing is retrained). Imported or older results
 * have no scores here, so the control says to run again instead.
 */
import { fieldAt } from '../../core/config/field-lookup';
import { useAppStore } from '../../store';
import { NumberField } from '../../ui/FieldInput';

const BUY_SHARE = fieldAt('rigor.buyShare');

export function BuyShareControl({ shown }: { shown: number }) {
  const live = useAppStore((s) => s.resultsRunId !== null);
  const busy = useAppStore((s) => s.replayBusy);
  const rescore = useAppStore((s) => s.rescoreReplay);
  return (
    <div
      data-testid="replay-buy-share"
      style={{ display: 'flex', gap: 12, alignItems: 'end', flexWrap: 'wrap' }}
    >
      <div style={{ maxWidth: 260 }}>
        <NumberField
          field={BUY_SHARE}
          label="Buy share q (0.01 to 1)"
          value={shown}
          onCommit={rescore}
          disabled={!live}
        />
      </div>
      <span style={{ fontSize: 13, color: '#555' }} data-testid="replay-buy-share-note">
        {busy
          ? 'Replaying at the new buy share…'
          : live
            ? 'A new value replays these models at once (their test scores are kept; nothing is retrained).'
            : 'These results were not trained in this session: set the buy share in the settings and run again.'}
      </span>
    </div>
  );
}
