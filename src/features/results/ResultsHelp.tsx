/** Short reading guide for the results: what AP, relative change and tiers mean. */
export function ResultsHelp({ baseline }: { baseline: string }) {
  return (
    <details style={{ fontSize: 13, color: '#333' }} open>
      <summary style={{ cursor: 'pointer', fontWeight: 600 }}>How to read these results</summary>
      <ul style={{ margin: '4px 0', paddingLeft: 20, lineHeight: 1.5 }}>
        <li>
          <strong>AP</strong> (average precision) is the area under the precision-recall curve of the stream
          predictions: higher is better; a model that ranks at random scores about the positive rate.
        </li>
        <li>
          <strong>Relative change</strong> = (model − baseline) / baseline, on exactly the same test rows; the
          baseline is <code>{baseline}</code>.
        </li>
        <li>
          <strong>Stream tiers</strong> rank shows by how much they are streamed: tier 0 = most streamed, tier
          7 = least. Tiers 0-2 are high-stream, 3-5 low-stream, 6-7 new or near-zero shows.
        </li>
        <li>
          <strong>n/a</strong> means undefined, never zero: no positive among the rows, no head that scores
          the channel, or an undefined baseline.
        </li>
      </ul>
    </details>
  );
}
