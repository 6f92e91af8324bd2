/**
 * Reproducibility you can see: the shown run's prediction fingerprint and what computed it, and,
 * when a sender's run is known (the link's `fp=`, or results imported before running), whether
 * this run reproduced it, and if not, why and by how much.
 */
import {
  compareReproduction,
  describeBackend,
  largestApDifference,
  type ReproduceTarget,
} from '../../core/results/prediction-fingerprint';
import type { ExperimentResults } from '../../core/results/results';
import { useAppStore } from '../../store';

const line = { fontSize: 13, color: '#555', margin: '4px 0 0' } as const;

function Verdict({ results, target }: { results: ExperimentResults; target: ReproduceTarget }) {
  const mine = results.reproduction!;
  const v = compareReproduction(mine, target);
  const sender = target.from === 'link' ? 'the link’s run' : 'the imported run';
  if (v.kind === 'same')
    return (
      <p style={{ ...line, color: '#1b5e20' }} data-testid="reproduction-verdict" data-verdict="same">
        Reproduced {sender}: the same fingerprint, so the same test scores bit for bit.
      </p>
    );
  const diff = largestApDifference(target, results.groupings);
  const by =
    diff === null
      ? 'the AP differences are not known (the link carries only the fingerprint; import the sender’s results to see them)'
      : `largest AP difference ${diff.toFixed(4)}`;
  return (
    <p style={{ ...line, color: '#8a4b00' }} data-testid="reproduction-verdict" data-verdict="differs">
      Differs from {sender} (fingerprint {target.predictions}): {v.why}; {by}.
    </p>
  );
}

export function ReproductionLine({ results }: { results: ExperimentResults }) {
  const target = useAppStore((s) => s.reproduceTarget);
  const mine = results.reproduction;
  if (!mine)
    return (
      <p style={line} data-testid="results-fingerprint-missing">
        No prediction fingerprint (results written before fingerprints).
      </p>
    );
  // Imported results are the target themselves: no check against themselves.
  const check = target && target.createdAt !== results.createdAt;
  return (
    <div>
      <p style={line}>
        Prediction fingerprint{' '}
        <code
          data-testid="results-fingerprint"
          title="Same data, config, seeds, backend and adapter give the same fingerprint"
        >
          {mine.predictions}
        </code>{' '}
        ({describeBackend(mine)})
      </p>
      {check && <Verdict results={results} target={target} />}
    </div>
  );
}
