// Which rows of a fixed-row-height list are on screen. Only those (plus a margin) are in the
// DOM, so 10,000 rows scroll as smoothly as 50.
export interface RowWindow {
  start: number; // first row rendered
  end: number; // one past the last row rendered
  offset: number; // px from the top of the list to the first rendered row
}

export function rowWindow(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan = 8): RowWindow {
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0, offset: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewport) / rowHeight) + 1;
  const start = Math.max(0, Math.min(first - overscan, count - 1));
  const end = Math.min(count, first + visible + overscan);
  return { start, end, offset: start * rowHeight };
}

/** The scrollTop that brings row `index` fully into view, or `null` when it already is. */
export function scrollToRow(index: number, scrollTop: number, viewport: number, rowHeight: number): number | null {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewport) return top + rowHeight - viewport;
  return null;
}
