/**
 * Slide styles. Sizes are in em of the overlay's font, which follows the viewport (slideFontPx:
 * 30px at 1920x1080), so one layout reads from the back of a room at any screen size. The slide
 * tables are styled by class like every table (table.slide in ui/tables.css).
 */
import type { CSSProperties } from 'react';

export const overlay: CSSProperties = {
  position: 'fixed',
  inset: 0,
  zIndex: 1000,
  background: '#ffffff',
  color: '#1d2330',
  display: 'flex',
  flexDirection: 'column',
  padding: '2.5vh 3.5vw 1.5vh',
  boxSizing: 'border-box',
  overflow: 'hidden',
  lineHeight: 1.3,
  overflowWrap: 'normal',
};
export const slideTitle: CSSProperties = { fontSize: '1.55em', margin: '0 0 0.5em', fontWeight: 700 };
export const body: CSSProperties = {
  flex: '1 1 auto',
  minHeight: 0,
  display: 'flex',
  flexDirection: 'column',
  justifyContent: 'center',
};
export const footer: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  gap: '0.8em',
  fontSize: '0.6em',
  color: '#5b6475',
  paddingTop: '0.6em',
};
export const navButton: CSSProperties = {
  font: 'inherit',
  padding: '0.2em 0.8em',
  border: '1px solid #c5cbd6',
  borderRadius: 6,
  background: '#fff',
  color: '#1d2330',
  cursor: 'pointer',
};
export const small: CSSProperties = { fontSize: '0.7em', color: '#5b6475', fontWeight: 400 };
export const note: CSSProperties = { fontSize: '0.7em', color: '#5b6475', margin: '0.4em 0 0' };
/** Gains green, losses red: the sign reads from far away before the digits do. */
export const relColor = (rel: number | null): string | undefined =>
  rel === null || Math.abs(rel) < 0.0005 ? undefined : rel > 0 ? '#1a7f37' : '#b42318';
/** The page's buttons that open a presentation (outside the overlay, so in px). */
export const primaryButton: CSSProperties = {
  font: 'inherit',
  padding: '6px 16px',
  border: '1px solid #2457c5',
  borderRadius: 6,
  background: '#2457c5',
  color: '#fff',
  cursor: 'pointer',
};
