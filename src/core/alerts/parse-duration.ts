const UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A duration as rules and commands write it (`30s`, `15m`, `24h`, `7d`, or `0`) in milliseconds;
 * an Error naming the text for anything else.
 *
 * @example
 * parseDuration('15m'); // 900000
 */
export function parseDuration(text: string): number {
  if (text.trim() === '0') return 0;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$/.exec(text);
  if (!match) throw new Error(`'${text}' is not a duration such as 30s, 15m, 24h or 7d`);
  return Math.round(Number(match[1]) * UNITS[match[2]!]!);
}
