/**
 * The predictions CSV (docs/results-format.md "Predictions CSV") as Parquet, same columns and
 * order: row, day, tier, less_streamed INT32; source STRING; stream, click, like, follow INT32
 * nullable (missing = null); every score column FLOAT (the float32 the CSV's shortest decimal
 * stands for, so values and ties are kept exactly).
 */
import { type ColumnSource, parquetWriteBuffer } from 'hyparquet-writer';
import { LABELS } from '../src/core/data/schema';

const INT_COLUMNS = new Set(['row', 'day', 'tier', 'less_streamed']);
const LABEL_COLUMNS = new Set<string>(LABELS);

export function predictionsCsvToParquet(csv: string): ArrayBuffer {
  const lines = csv.split('\n').filter((l) => l !== '');
  if (lines.length === 0) throw new Error('predictions CSV: empty');
  const header = lines[0].split(',');
  const cells = lines.slice(1).map((l) => l.split(','));
  for (const [k, c] of cells.entries())
    if (c.length !== header.length)
      throw new Error(`predictions CSV: line ${k + 2} has ${c.length} cells, the header ${header.length}`);
  const column = (j: number) => cells.map((c) => c[j]);
  const columnData: ColumnSource[] = header.map((name, j): ColumnSource => {
    if (name === 'source') return { name, type: 'STRING', nullable: false, data: column(j) };
    if (INT_COLUMNS.has(name))
      return { name, type: 'INT32', nullable: false, data: Int32Array.from(column(j), Number) };
    if (LABEL_COLUMNS.has(name))
      return { name, type: 'INT32', data: column(j).map((v) => (v === '' ? null : Number(v))) };
    return { name, type: 'FLOAT', nullable: false, data: Float32Array.from(column(j), Number) };
  });
  return parquetWriteBuffer({ columnData });
}
