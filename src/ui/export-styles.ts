/** Styles of the export and import controls (results, grid and cold-start panels are not `.panel`s). */
import type { CSSProperties } from 'react';

export const toolbar: CSSProperties = { display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' };
export const button: CSSProperties = {
  font: 'inherit',
  fontSize: 13,
  padding: '4px 12px',
  border: '1px solid #2457c5',
  borderRadius: 6,
  background: '#fff',
  color: '#2457c5',
  cursor: 'pointer',
};
export const smallButton: CSSProperties = { ...button, fontSize: 12, padding: '1px 8px' };
export const status: CSSProperties = { fontSize: 13, color: '#555' };
export const errorBox: CSSProperties = {
  fontSize: 13,
  color: '#b42318',
  border: '1px solid #f1b7b1',
  background: '#fff5f4',
  borderRadius: 6,
  padding: '6px 12px',
  margin: 0,
};
