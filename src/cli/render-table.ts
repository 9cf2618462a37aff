/**
 * Lays rows out as a plain-text table: a header, then one line per row, columns padded to their
 * widest cell and separated by two spaces (trailing spaces trimmed), for terminals and `grep`.
 *
 * @example
 * renderTable(['VERSION', 'STAGE'], [['3', 'Production'], ['2', 'Archived']]);
 * // 'VERSION  STAGE\n3        Production\n2        Archived'
 */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, c) =>
    Math.max(header.length, ...rows.map((row) => (row[c] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}
