/**
 * Markdown building blocks for the report (pure): pipe tables whose cells cannot break the
 * table, and a parser of such tables so tests (and readers' tools) can read the numbers back.
 */

/** A cell's text: `|` escaped and line breaks flattened, so one cell stays one cell. */
export function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A GitHub-flavoured pipe table; `align` per column ('l' or 'r', default: first left, rest right). */
export function pipeTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly ('l' | 'r')[],
): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  const rule = header.map((_, i) => ((align?.[i] ?? (i === 0 ? 'l' : 'r')) === 'r' ? '---:' : '---'));
  return [line(header), `| ${rule.join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** Splits one table line into unescaped cells (the inverse of pipeTable's line). */
export function splitTableLine(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  const body = line.trim().replace(/^\|/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\' && i + 1 < body.length) cur += body[++i];
    else if (ch === '|') {
      cells.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '') cells.push(cur.trim());
  return cells;
}

/** Every pipe table in a Markdown text, each as header + rows of unescaped cells. */
export function parsePipeTables(markdown: string): { header: string[]; rows: string[][] }[] {
  const lines = markdown.split('\n');
  const tables: { header: string[]; rows: string[][] }[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i].startsWith('|') || !/^\|(\s*:?-+:?\s*\|)+\s*$/.test(lines[i + 1])) continue;
    const table = { header: splitTableLine(lines[i]), rows: [] as string[][] };
    for (i += 2; i < lines.length && lines[i].startsWith('|'); i++) table.rows.push(splitTableLine(lines[i]));
    tables.push(table);
  }
  return tables;
}
