// Small statistics for the bench: medians, spreads and pairwise ratios.
export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** "min–max", each with `digits` decimals: a wide spread says the machine was noisy. */
export const spread = (values: number[], digits = 1): string => `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;

/** a[i] / b[i] for each pair measured side by side. */
export const pairRatios = (a: number[], b: number[]): number[] => a.slice(0, b.length).map((x, i) => x / b[i]);
