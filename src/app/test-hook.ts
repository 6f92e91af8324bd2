/**
 * The end-to-end tests' hook (`?testhooks=1` only; main.tsx loads it as its own chunk, so normal
 * use neither loads nor exposes it): `window.__cslTest.hold(phase)` makes the next study that
 * reaches `phase` wait there in the worker until a Cancel (or release()). A test can then press
 * Cancel while the study is certainly in that phase, instead of racing a fast run.
 */
import type { StudyPhase } from '../core/results/study-results';
import { testChannel } from '../store';

export interface CslTest {
  hold(phase: StudyPhase): void;
  release(): void;
}

declare global {
  interface Window {
    __cslTest?: CslTest;
  }
}

export function installTestHook(): void {
  window.__cslTest = {
    hold: (phase) => testChannel().send({ type: 'hold', phase }),
    release: () => testChannel().send({ type: 'release-hold' }),
  };
}
