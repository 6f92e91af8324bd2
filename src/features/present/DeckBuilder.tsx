/**
 * The review deck: History's runs, each to present on its own, export as one HTML report, or add
 * to the deck; the deck's runs in the chosen order (moved up and down, removed), presented as one
 * deck of slides or exported as one standalone HTML file.
 */
import { useMemo } from 'react';
import { STUDY_LABEL } from '../../core/results/study-results';
import { useAppStore } from '../../store';
import { recordsOf } from '../../store/deck-slice';
import type { RunRecord } from '../../store/history-record';
import { deckRunOfRecord } from './deck';
import { ExportHtmlButton } from './ExportHtmlButton';
import { requestFullscreen } from './hooks';
import { primaryButton } from './styles';

const list = { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 6 } as const;
const row = {
  display: 'flex',
  flexWrap: 'wrap',
  alignItems: 'baseline',
  gap: '4px 12px',
  padding: '6px 10px',
  border: '1px solid #d6dae2',
  borderRadius: 6,
} as const;
const grow = { flex: '1 1 240px', minWidth: 0 } as const;

function RunText({ run }: { run: RunRecord }) {
  return (
    <span style={grow}>
      <strong data-testid="deck-run-name">{run.name}</strong>{' '}
      <span className="muted small">
        {STUDY_LABEL[run.kind]} · {new Date(run.createdAt).toLocaleString()}
      </span>
    </span>
  );
}

/** History's runs, newest first, each with its own Present, Export and Add to deck. */
function HistoryChoices({ runs }: { runs: readonly RunRecord[] }) {
  const deckIds = useAppStore((s) => s.deckIds);
  const addToDeck = useAppStore((s) => s.addToDeck);
  const presentRun = useAppStore((s) => s.presentRun);
  return (
    <ol style={list} data-testid="deck-history" aria-label="Saved runs to present">
      {runs.map((run) => (
        <li key={run.id} style={row} data-testid="deck-history-run" data-run-id={run.id}>
          <RunText run={run} />
          <span className="actions">
            <button
              type="button"
              data-testid="deck-present-run"
              onClick={() => {
                requestFullscreen();
                presentRun(run.id);
              }}
            >
              Present
            </button>
            <ExportHtmlButton runs={[deckRunOfRecord(run)]} label="Export HTML" testId="deck-export-run" />
            <button
              type="button"
              data-testid="deck-add"
              disabled={deckIds.includes(run.id)}
              onClick={() => addToDeck(run.id)}
            >
              {deckIds.includes(run.id) ? 'In the deck' : 'Add to deck'}
            </button>
          </span>
        </li>
      ))}
    </ol>
  );
}

/** The deck's runs in order, with up, down and remove. */
function DeckOrder({ runs }: { runs: readonly RunRecord[] }) {
  const moveInDeck = useAppStore((s) => s.moveInDeck);
  const removeFromDeck = useAppStore((s) => s.removeFromDeck);
  return (
    <ol style={list} data-testid="deck-list" aria-label="The deck, in order">
      {runs.map((run, i) => (
        <li key={run.id} style={row} data-testid="deck-item" data-run-id={run.id}>
          <span style={{ fontWeight: 700 }}>{i + 1}.</span>
          <RunText run={run} />
          <span className="actions">
            <button
              type="button"
              data-testid="deck-up"
              aria-label={`Move ${run.name} up`}
              disabled={i === 0}
              onClick={() => moveInDeck(run.id, -1)}
            >
              ↑
            </button>
            <button
              type="button"
              data-testid="deck-down"
              aria-label={`Move ${run.name} down`}
              disabled={i === runs.length - 1}
              onClick={() => moveInDeck(run.id, 1)}
            >
              ↓
            </button>
            <button type="button" data-testid="deck-remove" onClick={() => removeFromDeck(run.id)}>
              Remove
            </button>
          </span>
        </li>
      ))}
    </ol>
  );
}

export function DeckBuilder() {
  const history = useAppStore((s) => s.historyRuns);
  const deckIds = useAppStore((s) => s.deckIds);
  const presentDeck = useAppStore((s) => s.presentDeck);
  const deck = useMemo(() => recordsOf(history, deckIds), [history, deckIds]);
  const deckRuns = useMemo(() => deck.map(deckRunOfRecord), [deck]);
  return (
    <section
      aria-label="Review deck"
      className="panel"
      data-testid="deck-builder"
      style={{ display: 'grid', gap: 10 }}
    >
      <h3>Review deck</h3>
      <p className="help">
        Present any saved run as full-screen slides, or several as one deck in the order you choose. Export a
        run or the deck as one HTML file to attach to a review: slides, tables, charts as SVG and the share
        links, with no scripts and nothing loaded from the network.
      </p>
      {history.length === 0 ? (
        <p className="muted">No saved runs yet: finished runs appear here once History has them.</p>
      ) : (
        <HistoryChoices runs={history} />
      )}
      <h4>The deck{deck.length > 0 ? `: ${deck.length} run${deck.length === 1 ? '' : 's'}` : ''}</h4>
      {deck.length === 0 ? (
        <p className="muted" data-testid="deck-empty">
          Empty: add runs above; they are presented in this order.
        </p>
      ) : (
        <DeckOrder runs={deck} />
      )}
      <div className="actions">
        <button
          type="button"
          style={primaryButton}
          data-testid="deck-present"
          disabled={deck.length === 0}
          onClick={() => {
            requestFullscreen();
            presentDeck();
          }}
        >
          Present deck
        </button>
        <ExportHtmlButton runs={deckRuns} label="Export deck as HTML" testId="deck-export" />
      </div>
    </section>
  );
}
