// Shared by the benchmarks: a ratio is measured side by side in each round, and reported over the rounds as
// min-median-max, so a figure quoted from one run can be checked against the next (this machine is noisy).
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** "1.12-1.18-1.31x" (min-median-max). */
export function range(xs, digits = 2, unit = "x") {
  const f = (x) => x.toFixed(digits);
  return `${f(Math.min(...xs))}-${f(median(xs))}-${f(Math.max(...xs))}${unit}`;
}

/** Whether the median meets `target` ("<=" or ">="), in words for the report line. */
export function verdict(xs, op, target) {
  const m = median(xs);
  const met = op === "<=" ? m <= target : m >= target;
  return `median ${m.toFixed(2)}x, target ${op} ${target.toFixed(2)}x: ${met ? "met" : "NOT met"}`;
}
