/** Shared inline styles of the chart wrappers. */
import type { CSSProperties } from 'react';

/** Charts fill their container's width; `minWidth: 0` lets them shrink inside flex and grid cells. */
export const chartFrame: CSSProperties = { width: '100%', minWidth: 0 };

export const emptyChart: CSSProperties = {
  ...chartFrame,
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  color: '#777',
  fontSize: 13,
  border: '1px dashed #ccc',
  borderRadius: 6,
  boxSizing: 'border-box',
};

export const captionText: CSSProperties = { fontSize: 12, color: '#555', margin: '4px 0 0' };
