/**
 * Rounds half away from zero at `digits` decimals, as a reader redoing the figure by hand would. Plain
 * Math.round(x * 100) / 100 gets 1.005 or 48.75 * 10 wrong because the product lands a hair below .5 in binary;
 * shifting the decimal point in the number's text avoids that.
 */
export function roundTo(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const sign = x < 0 ? -1 : 1;
  const shifted = Math.round(Number(`${Math.abs(x)}e${digits}`));
  return sign * Number(`${shifted}e-${digits}`);
}
