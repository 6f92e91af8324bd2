import type { ReactNode } from 'react';
import { BackendBadge } from '../features/backend/BackendBadge';
import { AblationPanel } from '../features/ablation/AblationPanel';
import { ColdStartPanel } from '../features/cold-start/ColdStartPanel';
import { DatasetPanel } from '../features/dataset/DatasetPanel';
import { ExperimentPanel } from '../features/experiment/ExperimentPanel';
import { ComparePanel } from '../features/history/ComparePanel';
import { HistoryPanel } from '../features/history/HistoryPanel';
import { DeckBuilder } from '../features/present/DeckBuilder';
import { PresentMode } from '../features/present/PresentMode';
import { ResultsPanel } from '../features/results/ResultsPanel';
import { RunPanel } from '../features/training/RunPanel';
import { Notices } from '../features/share/Notices';
import { ShareButton } from '../features/share/ShareButton';
import './layout.css';
import './panels.css';
import '../ui/tables.css';
import './load.css';
import './history.css';

/** One numbered step of the page: a card with a heading and a one-line reason to be there. */
function Step({
  id,
  title,
  lead,
  children,
}: {
  id: string;
  title: string;
  lead: string;
  children: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid={`step-${id}`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="lead">{lead}</p>
      {children}
    </section>
  );
}

/**
 * The page is the workflow, top to bottom: choose data, choose what to train, run it, read the
 * results, then ablate one grouping. Dataset and experiment sit side by side on wide screens.
 */
export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <div>
          <h1>Cold-Start Lab</h1>
          <p>
            Does training on podcast promotions help ads reach listeners at cold start? Train multi-task
            models on simulated impressions in your browser and compare them (after Verma et al., WSDM 2026).
          </p>
        </div>
        <div className="header-actions">
          <ShareButton />
          <BackendBadge />
        </div>
      </header>
      <main>
        <Notices />
        <div className="setup">
          <Step
            id="dataset"
            title="1. Dataset"
            lead="Simulate impressions, or load your own sampled log, to train and test on."
          >
            <DatasetPanel />
          </Step>
          <Step
            id="experiment"
            title="2. Experiment"
            lead="Pick the models to compare and how to train them."
          >
            <ExperimentPanel />
          </Step>
        </div>
        <Step id="run" title="3. Run" lead="Train every ticked grouping on this machine, one after another.">
          <RunPanel />
        </Step>
        <Step
          id="results"
          title="4. Results"
          lead="Average precision per channel and tier, relative to the baseline."
        >
          <PresentMode />
          <ResultsPanel />
        </Step>
        <Step
          id="ablation"
          title="5. Ablations"
          lead="Which part of a model earns its AP: retrain one grouping with one change at a time and compare each to the unchanged one."
        >
          <AblationPanel />
        </Step>
        <Step
          id="cold-start"
          title="6. New objective at cold start"
          lead="A task with few labels: train it from scratch, apply the joint model without it, or fine-tune that model, at each label budget."
        >
          <ColdStartPanel />
        </Step>
        <Step
          id="history"
          title="7. History"
          lead="Every finished run, kept in this browser: rename, pin a baseline, compare."
        >
          <HistoryPanel />
          <ComparePanel />
          <DeckBuilder />
        </Step>
      </main>
    </div>
  );
}
