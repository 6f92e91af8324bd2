/** The blank box a chart shows while it waits for its turn to mount (chart-turn.ts). */
import { chartFrame } from './styles';

export function ChartWait({ height }: { height: number }) {
  // No test id: tests and exports find the chart only once it is drawn.
  return <div aria-hidden="true" style={{ ...chartFrame, height }} />;
}
