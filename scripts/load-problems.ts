/**
 * How the command-line tools open a file and print a load's problems: one line per bad value (`row 2, source =
 * "x": reason`, `line 4` in JSON Lines), the count beyond those shown, and the skip hint.
 */
import { openAsBlob, statSync } from 'node:fs';
import { clip } from '../src/core/data/table-builder-cells';
import { type LoadFailure, MAX_PROBLEMS, type RowProblem } from '../src/core/data/table-builder';

export type RowUnit = 'row' | 'line';

/** One problem as a line: `row 2, source = "x": reason`. */
export function problemLine(p: RowProblem, unit: RowUnit): string {
  const where =
    p.column === ''
      ? `${unit} ${p.row}: "${clip(p.value, 120)}"`
      : `${unit} ${p.row}, ${p.column} = "${clip(p.value, 120)}"`;
  return `  ${where}: ${p.reason}`;
}

/** A refused load as the error text: its message, the problems shown, how many in all, the hint. */
export function failureText(result: LoadFailure, unit: RowUnit): string {
  const lines = result.problems.map((p) => problemLine(p, unit));
  const more = result.problemCount > lines.length ? `\n  ... ${result.problemCount} problems in all` : '';
  const hint =
    result.problemCount > 0 ? '\n(--skip-invalid-rows loads the valid rows and lists those skipped)' : '';
  return `${result.message}${lines.map((l) => `\n${l}`).join('')}${more}${hint}`;
}

/** The lines that report rows skipped by --skip-invalid-rows (none when none were). */
export function skippedLines(
  result: { skipped: readonly RowProblem[]; skippedCount: number },
  unit: RowUnit,
): string[] {
  if (result.skippedCount === 0) return [];
  const out = [`skipped ${result.skippedCount} invalid ${unit}${result.skippedCount > 1 ? 's' : ''}:`];
  for (const p of result.skipped) out.push(problemLine(p, unit));
  if (result.skipped.length >= MAX_PROBLEMS)
    out.push(
      `  ... (the first ${MAX_PROBLEMS} problems shown; ${result.skippedCount} ${unit}s skipped in all)`,
    );
  return out;
}

/** The file at `path` as a Blob, or the reason it cannot be read (a string, for the usage error). */
export async function openFile(path: string): Promise<Blob | string> {
  try {
    // statSync first: openAsBlob's own error does not say why (e.g. ENOENT).
    if (!statSync(path).isFile()) throw new Error('not a file');
    return await openAsBlob(path);
  } catch (e) {
    return `cannot read ${path}: ${(e as Error).message}`;
  }
}
