/** Prints a titled plain-text table: the first column left-aligned, the others right-aligned. */
export function printTable(title: string, header: string[], rows: (string | number)[][], notes: string[] = []): void {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  const out = ['', `## ${title}`, '', line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)];
  for (const note of notes) out.push(`  ${note}`);
  out.push('');
  console.log(out.join('\n'));
}

/** `n` with `digits` decimals. */
export const fixed = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : String(n));
