/**
 * Rounds half away from zero at `digits` decimals, as a reader redoing the figure by hand would. Plain
 * Math.round(x * 100) / 100 gets 1.005 or 48.75 * 10 wrong because the product lands a hair below .5 in binary;
 * shifting the decimal point in the number's text avoids that. The text may be in exponent form (1e+20, 1e-7), so
 * the shift adds to the exponent rather than appending one.
 */
export function roundTo(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  // A whole number needs no rounding (the common 0 and 100 skip the text round trip); from 2^52 up every double is
  // one, and shifting it could overflow to Infinity.
  if (Number.isInteger(x) || Math.abs(x) >= 2 ** 52) return x === 0 ? 0 : x;
  // Past 2^52 once shifted, a double has no digit left at that place: x is already as rounded as it can be, and
  // rounding the shifted value would move it by the spacing of doubles instead (13661205613212.564 at 6 places).
  if (Math.abs(x) * 10 ** digits >= 2 ** 52) return x;
  // Fast path, same result: below 2^40 the product is within 2^-12 of the exact shifted value, so unless it lies
  // near a tie, Math.round rounds it as the text would, and k / 10^digits is the double nearest to k x 10^-digits,
  // as Number("ke-digits") is. The risk simulation rounds millions of cents; the text round trip costs ~50x more.
  const scale = 10 ** digits;
  const y = Math.abs(x) * scale;
  if (digits <= 15 && y < 2 ** 40 && Math.abs(y - Math.floor(y) - 0.5) > 1e-3) {
    const fast = ((x < 0 ? -1 : 1) * Math.round(y)) / scale;
    return fast === 0 ? 0 : fast;
  }
  const sign = x < 0 ? -1 : 1;
  const rounded = sign * shift(Math.round(shift(Math.abs(x), digits)), -digits);
  return rounded === 0 ? 0 : rounded;
}

function shift(x: number, places: number): number {
  const [mantissa, exponent = "0"] = String(x).split("e");
  return Number(`${mantissa}e${Number(exponent) + places}`);
}
