import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  problemCells,
  problemsShownText,
  progressFraction,
  progressText,
  reportText,
} from './load-view';

describe('load texts', () => {
  it('formats sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(150 * 1024 * 1024)).toBe('150.0 MiB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GiB');
  });

  it('says what is being read, and has no fraction when the total is unknown', () => {
    expect(progressText(null)).toBe('Starting…');
    const read = { phase: 'read' as const, bytesRead: 1024 ** 2, bytesTotal: 4 * 1024 ** 2, rows: 12345 };
    expect(progressText(read)).toBe('Reading: 1.0 MiB of 4.0 MiB, 12,345 rows');
    expect(progressFraction(read)).toBe(0.25);
    const download = { phase: 'download' as const, bytesRead: 2048, bytesTotal: 0, rows: 0 };
    expect(progressText(download)).toBe('Downloading: 2.0 KiB');
    expect(progressFraction(download)).toBeNull();
  });

  it('reports a load with its skipped rows, and problem cells say when a value is empty', () => {
    const report = {
      name: 'mine.parquet',
      url: null,
      encoding: 'parquet',
      bytes: 2048,
      rows: 8000,
      skippedCount: 2,
      skippedProblemCount: 2,
      skipped: [],
      ignoredColumns: [],
      ms: 420,
    };
    expect(reportText(report)).toBe(
      'Loaded mine.parquet (Parquet, 2.0 KiB): 8,000 rows in 420 ms. 2 invalid rows were skipped.',
    );
    expect(reportText({ ...report, skippedCount: 1 })).toContain('1 invalid row was skipped.');
    expect(reportText({ ...report, skippedCount: 0 })).not.toContain('skipped');
    expect(problemCells({ row: 1234, column: '', value: '', reason: 'r' })).toEqual([
      '1,234',
      '—',
      '(empty)',
      'r',
    ]);
    expect(problemsShownText(20, 20)).toBe('');
    expect(problemsShownText(20, 1500)).toBe('Showing the first 20 of 1,500 problems.');
  });
});
