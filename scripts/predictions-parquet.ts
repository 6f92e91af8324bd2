/**
 * The predictions CSV (docs/results-format.md "Predictions CSV") as Parquet, same columns and
 * order: row, day, tier, less_streamed INT32; source, podcast_id STRING; stream, click, like,
 * follow INT32 nullable (missing = null); cost DOUBLE nullable; every score column FLOAT (the
 * float32 the CSV's shortest decimal stands for, so values and ties are kept exactly).
 */
import { type ColumnSource, parquetWriteBuffer } from 'hyparquet-writer';
import Papa from 'papaparse';
import { LABELS } from '../src/core/data/schema';

const INT_COLUMNS = new Set(['row', 'day', 'tier', 'less_streamed']);
const TEXT_COLUMNS = new Set(['source', 'podcast_id']);
const LABEL_COLUMNS = new Set<string>(LABELS);

export function predictionsCsvToParquet(csv: string): ArrayBuffer {
  // podcast_id may be quoted (a comma or quote in an id): a real CSV parse, not a split.
  const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`predictions CSV: ${parsed.errors[0].message}`);
  const [header, ...cells] = parsed.data;
  if (!header) throw new Error('predictions CSV: empty');
  for (const [k, c] of cells.entries())
    if (c.length !== header.length)
      throw new Error(`predictions CSV: line ${k + 2} has ${c.length} cells, the header ${header.length}`);
  const column = (j: number) => cells.map((c) => c[j]);
  const columnData: ColumnSource[] = header.map((name, j): ColumnSource => {
    if (TEXT_COLUMNS.has(name))
      return { name, type: 'STRING', data: column(j).map((v) => (v === '' ? null : v)) };
    if (INT_COLUMNS.has(name))
      return { name, type: 'INT32', nullable: false, data: Int32Array.from(column(j), Number) };
    if (LABEL_COLUMNS.has(name))
      return { name, type: 'INT32', data: column(j).map((v) => (v === '' ? null : Number(v))) };
    if (name === 'cost')
      return { name, type: 'DOUBLE', data: column(j).map((v) => (v === '' ? null : Number(v))) };
    return { name, type: 'FLOAT', nullable: false, data: Float32Array.from(column(j), Number) };
  });
  return parquetWriteBuffer({ columnData });
}
