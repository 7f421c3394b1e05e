import type { Section } from "./types.ts";

/** A plain-text table: left-aligned first column, right-aligned numbers. */
export function renderSection(section: Section): string {
  const cells = [section.columns, ...section.rows.map((r) => r.map(String))];
  const widths = section.columns.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  │  ");
  const rule = widths.map((w) => "─".repeat(w)).join("──┼──");
  const out = [`\n${section.title}`, line(section.columns), rule, ...cells.slice(1).map(line)];
  for (const note of section.notes ?? []) out.push(`  ${note}`);
  return out.join("\n");
}
