/** A study's title slide: its question in large type, then one labelled line per fact. */
import type { TitleFacts } from './title-facts';
import { note } from './styles';

export function TitleBlock({ facts }: { facts: TitleFacts }) {
  return (
    <div style={{ display: 'grid', gap: '0.9em', maxWidth: '52em' }}>
      <div style={{ fontSize: '2.1em', fontWeight: 700, lineHeight: 1.15 }}>{facts.question}</div>
      {facts.lines.map((l) => (
        <div key={l.label} style={{ fontSize: '1.05em' }}>
          <strong>{l.label}:</strong> {l.text}
        </div>
      ))}
      <div style={note}>Cold-Start Lab · multi-task models after Verma et al., WSDM 2026</div>
    </div>
  );
}
