import { createHash } from "node:crypto";

/**
 * xoshiro128** 1.1 (Blackman and Vigna, https://prng.di.unimi.it/): 128 bits of state, period 2^128 - 1, 32-bit
 * operations only, so it runs at full speed in JavaScript's int32 arithmetic. Not cryptographic, and need not be:
 * it draws Monte Carlo years. Seeded from SHA-256 of a text (the run's seed and the stream's name), so every vendor
 * and workload has its own stream, and the same inputs draw the same numbers on every machine.
 */
export class Xoshiro128 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** The second normal deviate of a Box-Muller pair, kept for the next call (NaN: none kept). */
  private spare = Number.NaN;

  constructor(seedText: string) {
    const h = createHash("sha256").update(seedText).digest();
    this.a = h.readUInt32LE(0);
    this.b = h.readUInt32LE(4);
    this.c = h.readUInt32LE(8);
    this.d = h.readUInt32LE(12);
    // An all-zero state would stay zero forever; SHA-256 makes it a 2^-128 chance, but the guard is free.
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /**
   * Restarts the generator at a state derived from a key and a counter (SplitMix32 over them), without hashing:
   * each simulated year draws each of its streams from its own start, so a change in one year's draws (one more
   * outage) never shifts the numbers of another year or of another stream. That keeps comparisons pathwise: an
   * amended contract, or a higher rate, sees the same outages plus any new ones.
   */
  reseed(key: Uint32Array, counter: number, stream: number): void {
    let x = (key[0]! ^ Math.imul(counter, 0x9e3779b9) ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
    x = splitmix32(x);
    this.a = (x ^ key[1]!) >>> 0;
    x = splitmix32(x);
    this.b = (x ^ key[2]!) >>> 0;
    x = splitmix32(x);
    this.c = (x ^ key[3]!) >>> 0;
    x = splitmix32(x);
    this.d = x >>> 0;
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
    this.spare = Number.NaN;
  }

  /** The next 32 random bits, as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform on [0, 1) with 32 bits of resolution (enough: no figure resolves finer than one in 10^6 years). */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform on (0, 1): for logarithms. */
  open(): number {
    return (this.nextUint32() + 0.5) / 4294967296;
  }

  /** Standard normal by Box-Muller, the pair's second value kept for the next call. */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = Number.NaN;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(this.open()));
    const t = 2 * Math.PI * this.uniform();
    this.spare = r * Math.sin(t);
    return r * Math.cos(t);
  }

  /** Gamma(shape, 1) by Marsaglia and Tsang (2000); shape < 1 by the boost U^(1/shape). */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(this.open(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.open();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }
}

const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));

/** One SplitMix32 step (a 32-bit finaliser in the style of MurmurHash3's fmix32 over a Weyl sequence). */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Four 32-bit words of SHA-256 over a text: the key a stream family is reseeded from. */
export function streamKey(text: string): Uint32Array {
  const h = createHash("sha256").update(text).digest();
  return new Uint32Array([h.readUInt32LE(0), h.readUInt32LE(4), h.readUInt32LE(8), h.readUInt32LE(12)]);
}

/**
 * Poisson(mean) by inversion of one uniform: the count never falls when the mean rises and the uniform stays, so a
 * higher rate adds outages to a simulated year and never removes one. Exact up to a mean of 500 (sequential search
 * of the CDF); above, the normal approximation with continuity correction, still monotone, at rates no record
 * supports (docs/risk-model.md).
 */
export function poissonInverse(mean: number, u: number): number {
  if (!(mean > 0)) return 0;
  if (mean > 500) return Math.max(0, Math.floor(mean + Math.sqrt(mean) * normalQuantile(u) + 0.5));
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  while (u > cdf && k < 10_000) {
    k += 1;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/** The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/**
 * The run's seed when the user gives none: the first 16 hex digits of SHA-256 over the result's input digests (path
 * and sha256 of every input file, in path order). The same files give the same seed; any changed byte a new one.
 */
export function seedFromInputs(inputs: readonly { path: string; sha256: string }[]): string {
  const h = createHash("sha256");
  for (const i of inputs) h.update(`${i.path}\0${i.sha256}\n`);
  return h.digest("hex").slice(0, 16);
}
