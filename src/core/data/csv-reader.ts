/**
 * Reads the impression file format from CSV text (UTF-8, comma separated, one header row,
 * RFC 4180 quoting, empty cell = missing). Parsing is papaparse's; validation and typed columns
 * are the format-neutral TableBuilder's.
 */
import Papa from 'papaparse';
import { type LoadOptions, type LoadResult, loadFailure, TableBuilder } from './table-builder';

export type { LoadOptions, LoadResult, RowProblem } from './table-builder';

/**
 * Parses `text` (the whole file; a UTF-8 BOM and CRLF line ends are fine) named `fileName` for
 * messages. Header order is free; unknown columns are ignored and listed in `ignoredColumns`.
 * Fails (ok: false) on an empty file, a header without rows, a missing required or duplicated
 * column, or any bad value unless `opts.skipInvalidRows`, which drops those rows and reports them.
 * Row numbers in problems are 1-based data rows (the header is row 0); blank lines are skipped
 * and not counted.
 */
export function readImpressionCsv(text: string, fileName: string, opts: LoadOptions = {}): LoadResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return loadFailure(fileName, `${fileName}: the file is empty`);

  let builder: TableBuilder | undefined;
  let failure: LoadResult | undefined;
  let width = 0;
  let row = 0;
  // header: false so we see every header cell (papaparse renames duplicates in header mode).
  Papa.parse<string[]>(body, {
    header: false,
    delimiter: ',',
    skipEmptyLines: true,
    step: (res, parser) => {
      const cells = res.data;
      if (builder === undefined) {
        const started = TableBuilder.start(fileName, cells, opts);
        if (started instanceof TableBuilder) {
          builder = started;
          width = cells.length;
        } else {
          failure = started;
          parser.abort();
        }
        return;
      }
      row++;
      if (res.errors.length > 0) {
        builder.rowProblem(row, '', cells.join(','), `malformed CSV row: ${res.errors[0].message}`);
      } else if (cells.length !== width) {
        builder.rowProblem(
          row,
          '',
          `${cells.length} fields`,
          `expected ${width} fields as in the header, found ${cells.length}`,
        );
      } else {
        builder.addRow(cells, row);
      }
    },
  });
  if (failure !== undefined) return failure;
  if (builder === undefined) return loadFailure(fileName, `${fileName}: the file is empty`);
  return builder.finish();
}
