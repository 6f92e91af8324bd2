/** The box a slide's chart fills: measured first, then the chart is drawn at that height. */
import { type ReactNode, useRef } from 'react';
import { useElementSize } from './hooks';

export function ChartBox({ children }: { children: (height: number) => ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const { height } = useElementSize(box);
  return (
    <div ref={box} style={{ flex: '1 1 auto', minHeight: 0, minWidth: 0 }}>
      {height > 0 && children(height)}
    </div>
  );
}
