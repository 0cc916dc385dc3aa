/**
 * Bands of whole numbers (archive ages in days, times in epoch seconds) cut where a comparison with one of a
 * policy's own numbers can change: below N, at N, above N. Within a band every Numeric or Date comparison
 * with those numbers has one answer, so one member stands for the band.
 */

/** Whole numbers from `from` to `to`, both inclusive; an open end is undefined. */
export interface Band {
  from?: number;
  to?: number;
}

/** The bands of [min, ∞) (or of all numbers when `min` is undefined) cut at each threshold. */
export function bandsAt(thresholds: readonly number[], min?: number): Band[] {
  const cuts = new Set<number>();
  for (const n of thresholds) if (Number.isFinite(n)) cuts.add(Math.ceil(n)).add(Math.floor(n) + 1);
  const starts = [...cuts].filter((s) => min === undefined || s > min).sort((a, b) => a - b);
  const bands: Band[] = [];
  let from = min;
  for (const start of starts) {
    bands.push({ ...(from !== undefined ? { from } : {}), to: start - 1 });
    from = start;
  }
  bands.push(from !== undefined ? { from } : {});
  return bands;
}

/** The member standing for a band: its first number, else its last, else `fallback` (the band of all numbers). */
export function memberOf(band: Band, fallback: number): number {
  return band.from ?? band.to ?? fallback;
}

/**
 * Neighbouring bands with equal `signature` joined into one; returns each joined band with the index of the
 * first band it was made of.
 */
export function joinBands(
  bands: readonly Band[],
  signature: (index: number) => string,
): { band: Band; first: number }[] {
  const joined: { band: Band; first: number; signature: string }[] = [];
  bands.forEach((band, index) => {
    const last = joined.at(-1);
    const sig = signature(index);
    if (last && last.signature === sig) {
      const { to: _, ...from } = last.band;
      last.band = { ...from, ...(band.to !== undefined ? { to: band.to } : {}) };
    } else joined.push({ band, first: index, signature: sig });
  });
  return joined.map(({ band, first }) => ({ band, first }));
}
