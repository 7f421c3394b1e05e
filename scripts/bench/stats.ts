export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summary(values: number[]): { median: number; min: number; max: number } {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

export function bytes(value: number): string {
  return `${value.toLocaleString("en-GB")} B (${(value / 1024).toFixed(1)} KB)`;
}
