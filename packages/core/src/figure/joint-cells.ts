/*
 * The packed cells of a published joint count (`published_joint.cells`): the areas the cells are
 * in, then one record per cell that is not empty: the area (by its place in that list), a small
 * "slot" naming the cell within the area, the count (a varint: most are small) and the cell's key
 * sum modulo 256 (all the cell key method needs: docs/disclosure-control.md). Areas are GSS codes
 * without their letter (every area here is in England: "E…"). Little-endian throughout.
 */

/** Which joint count a row holds. */
export const JOINT_KIND = { ONE_WAY: 1, TWO_WAY: 2, ASSOCIATION: 3 } as const;
export type JointKind = (typeof JOINT_KIND)[keyof typeof JOINT_KIND];

/** Bytes a record's slot takes: one-way and association slots fit a byte, two-way ones two. */
const SLOT_BYTES: Record<JointKind, 1 | 2> = { 1: 1, 2: 2, 3: 1 };

/** A GSS code as a number (its eight digits), and back. */
export function areaNumber(code: string): number {
  if (!/^E\d{8}$/.test(code)) throw new Error(`not an English GSS code: ${code}`);
  return Number(code.slice(1));
}
export const areaCode = (n: number) => `E${String(n).padStart(8, "0")}`;

/** One-way: band (0 POSITIVE, 1 NEUTRAL, 2 NEGATIVE) and the category's option position (0–30). */
export const oneWaySlot = (band: number, option: number) => band * 32 + option;
/** Two-way: band and the two categories' option positions, the lower question's first. */
export const twoWaySlot = (band: number, first: number, second: number) => (band * 32 + first) * 32 + second;
/** Association: the PROCESS answer's band and the OUTCOME answer's. */
export const associationSlot = (processBand: number, outcomeBand: number) => processBand * 3 + outcomeBand;

/** Packs records; `add` takes them in any order. At most 255 areas a row (a row is one question's, by council or region). */
export class CellWriter {
  private areas = new Map<number, number>();
  private bytes = new Uint8Array(256);
  private at = 0;
  size = 0;
  constructor(private readonly kind: JointKind) {}

  private room(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.at + n));
    grown.set(this.bytes);
    this.bytes = grown;
  }

  add(area: number, slot: number, count: number, keySum: number): void {
    if (!Number.isInteger(count) || count < 1) throw new Error(`a packed cell counts at least one response, not ${count}`);
    let index = this.areas.get(area);
    if (index === undefined) {
      index = this.areas.size;
      if (index > 255) throw new Error("a packed row holds at most 256 areas");
      this.areas.set(area, index);
    }
    this.room(2 + SLOT_BYTES[this.kind] + 5 + 1);
    const b = this.bytes;
    b[this.at++] = index;
    if (SLOT_BYTES[this.kind] === 2) b[this.at++] = slot & 255;
    b[this.at++] = SLOT_BYTES[this.kind] === 2 ? slot >> 8 : slot;
    for (let n = count; ; ) {
      const low = n & 127;
      n = Math.floor(n / 128);
      b[this.at++] = n ? low | 128 : low;
      if (!n) break;
    }
    b[this.at++] = ((keySum % 256) + 256) % 256;
    this.size++;
  }

  finish(): Uint8Array {
    const head = new Uint8Array(1 + 4 * this.areas.size);
    const view = new DataView(head.buffer);
    head[0] = this.areas.size - 1;
    let i = 0;
    for (const area of this.areas.keys()) view.setInt32(1 + 4 * i++, area, true);
    const out = new Uint8Array(head.length + this.at);
    out.set(head);
    out.set(this.bytes.subarray(0, this.at), head.length);
    return out;
  }
}

/** Calls `visit` for each record of packed cells. */
export function readCells(kind: JointKind, cells: Uint8Array, visit: (area: number, slot: number, count: number, keySum: number) => void): void {
  if (!cells.length) return;
  const view = new DataView(cells.buffer, cells.byteOffset, cells.byteLength);
  const areaCount = cells[0]! + 1;
  const areas: number[] = [];
  for (let i = 0; i < areaCount; i++) areas.push(view.getInt32(1 + 4 * i, true));
  const two = SLOT_BYTES[kind] === 2;
  let at = 1 + 4 * areaCount;
  while (at < cells.length) {
    const area = areas[cells[at++]!];
    let slot = cells[at++]!;
    if (two) slot |= cells[at++]! << 8;
    let count = 0;
    for (let shift = 1; ; shift *= 128) {
      const byte = cells[at++]!;
      count += (byte & 127) * shift;
      if (byte < 128) break;
    }
    const keySum = cells[at++];
    if (area === undefined || keySum === undefined) throw new Error(`packed joint cells of kind ${kind}: a record runs past the end`);
    visit(area, slot, count, keySum);
  }
}
