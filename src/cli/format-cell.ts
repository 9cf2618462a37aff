/**
 * Cell text for a table: times as `YYYY-MM-DD HH:MM:SS` UTC, numbers with up to 6 significant digits,
 * absent values as `-`.
 *
 * @example
 * formatCell.time(1764255600000); // '2025-11-27 15:00:00'
 * formatCell.number(0.912345678); // '0.912346'
 */
export const formatCell = {
  time(ms: number | null | undefined): string {
    if (ms === null || ms === undefined || !Number.isFinite(ms)) return '-';
    return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
  },
  number(value: number | null | undefined): string {
    if (value === null || value === undefined) return '-';
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  },
  text(value: string | null | undefined): string {
    return value === null || value === undefined || value === '' ? '-' : value;
  },
} as const;
