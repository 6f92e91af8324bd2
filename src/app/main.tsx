import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startWorkerBridge } from '../store';
import { App } from './App';

// The training worker chooses its backend and builds the first dataset while React renders.
startWorkerBridge();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
