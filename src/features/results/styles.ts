/** Table styles of the results panel: wide tables scroll sideways instead of overflowing. */
import type { CSSProperties } from 'react';

export const tableScroll: CSSProperties = { overflowX: 'auto', maxWidth: '100%' };
export const table: CSSProperties = {
  borderCollapse: 'collapse',
  fontSize: 14,
  minWidth: 560,
  width: '100%',
};
export const th: CSSProperties = {
  textAlign: 'right',
  padding: '4px 10px',
  borderBottom: '2px solid #ccc',
  whiteSpace: 'nowrap',
  fontWeight: 600,
};
export const thLeft: CSSProperties = { ...th, textAlign: 'left' };
export const td: CSSProperties = {
  textAlign: 'right',
  padding: '4px 10px',
  borderBottom: '1px solid #eee',
  whiteSpace: 'nowrap',
  fontVariantNumeric: 'tabular-nums',
};
export const tdLeft: CSSProperties = { ...td, textAlign: 'left' };
export const undefinedCell: CSSProperties = { color: '#8a5a00', fontStyle: 'italic' };
export const baselineRow: CSSProperties = { background: '#f4f6fa' };
export const note: CSSProperties = { fontSize: 12, color: '#555', margin: '4px 0 0' };
