/** Text styles of the results panel (its tables are styled by class: ui/tables.css). */
import type { CSSProperties } from 'react';

/** A note under a table or chart: what its cells mean, what n/a stands for. */
export const note: CSSProperties = { fontSize: 12, color: '#555', margin: '4px 0 0' };

/** A section heading inside the results panel. */
export const h3: CSSProperties = { fontSize: 15, margin: '0 0 4px' };
