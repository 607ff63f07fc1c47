import { describe, expect, it } from 'vitest';
import { rowWindow, scrollToRow } from './virtual';

describe('row window', () => {
  it('renders only the rows in view plus the overscan, whatever the list length', () => {
    const w = rowWindow(340_000, 600, 34, 10_000, 8);
    expect(w.start).toBe(9_992);
    expect(w.end).toBe(10_000);
    const mid = rowWindow(34_000, 600, 34, 10_000, 8);
    expect(mid.end - mid.start).toBeLessThan(40);
    expect(mid.offset).toBe(mid.start * 34);
  });

  it('starts at the top and handles an empty list', () => {
    expect(rowWindow(0, 600, 34, 10_000).start).toBe(0);
    expect(rowWindow(0, 600, 34, 0)).toEqual({ start: 0, end: 0, offset: 0 });
  });

  it('scrolls a row into view only when it is not already', () => {
    expect(scrollToRow(5, 0, 340, 34)).toBeNull();
    expect(scrollToRow(20, 0, 340, 34)).toBe(21 * 34 - 340);
    expect(scrollToRow(2, 200, 340, 34)).toBe(68);
  });
});
