/** A grouping's id (what tests and URLs use), its label, and a baseline mark. */
export function GroupingName({ id, label, isBaseline }: { id: string; label: string; isBaseline: boolean }) {
  return (
    <>
      <code>{id}</code>
      {isBaseline && (
        <strong style={{ marginLeft: 6, fontSize: 11, color: '#2a4d8f', textTransform: 'uppercase' }}>
          baseline
        </strong>
      )}
      {label !== id && <div style={{ fontSize: 12, color: '#666', whiteSpace: 'normal' }}>{label}</div>}
    </>
  );
}
