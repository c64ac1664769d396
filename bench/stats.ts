/** The p-th percentile of an ascending list (nearest rank, floor), 0 when empty. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** The median of an unsorted list, as `percentile(…, 50)` picks it. */
export const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
