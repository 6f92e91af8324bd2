import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startWorkerBridge } from '../store';
import { App } from './App';

// `npm run bench` drives the app through window.__cslBench, which exists only on `?bench=1`
// pages (a separate chunk, so normal use neither loads nor exposes it). Read before the bridge
// starts: from then on the address follows the config and drops keys that are not in it.
if (new URLSearchParams(location.search).get('bench') === '1')
  void import('./bench-hook').then((m) => m.installBenchHook());
// The end-to-end tests hold a study in a phase through window.__cslTest (`?testhooks=1` only).
if (new URLSearchParams(location.search).get('testhooks') === '1')
  void import('./test-hook').then((m) => m.installTestHook());

// The training worker chooses its backend and builds the first dataset while React renders.
startWorkerBridge();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
