import { describe, expect, it } from 'vitest';
import { tableSpansFit, type CellSpans } from '../../../lib/content/tableSpansFit.js';

const cell = (colspan = 1, rowspan = 1): CellSpans => ({ colspan, rowspan });

// Each table is its row groups, each a list of rows of cells; the grids are worked out by hand (WHATWG HTML §4.9.12.1).
describe('tableSpansFit', () => {
  it('fits a table whose every slot is covered once: spans across rows and columns, rowspan="0" to its group end', () => {
    // a covers columns 1–2 of rows 1–2; b and c column 3; d, e (rows 3–4) and f, then g and h fill the rest.
    expect(tableSpansFit([[[cell(2, 2), cell()], [cell()], [cell(), cell(1, 0), cell()], [cell(), cell()]]])).toBe(true);
    // An empty table, and one with an empty row group, have no row and no column to fill.
    // rowspan="0" reaches row 2, so the colspan="2" there begins in column 2 and column 3 has no cell beginning in it.
    expect(tableSpansFit([[[cell(1, 0), cell()], [cell(2)]]])).toBe(false);
    expect(tableSpansFit([])).toBe(true);
    expect(tableSpansFit([[], [[cell()]]])).toBe(true);
  });

  it('refuses a row with no cell beginning on it', () => {
    expect(tableSpansFit([[[]]])).toBe(false);
    expect(tableSpansFit([[[cell(1, 2)], []]])).toBe(false);
  });

  it('refuses columns with no cell beginning in them: colspan="3" over a row of one cell', () => {
    expect(tableSpansFit([[[cell(3)], [cell()]]])).toBe(false);
    // Column 2 is begun by the second cell of row 2.
    expect(tableSpansFit([[[cell(2)], [cell(), cell()]]])).toBe(true);
  });

  it('refuses a rowspan past the end of its row group, and a rowspan does not reach into the next group', () => {
    expect(tableSpansFit([[[cell(1, 5), cell()]]])).toBe(false);
    // A thead of one row with rowspan="3", then a tbody.
    expect(tableSpansFit([[[cell(1, 3)]], [[cell()]]])).toBe(false);
    expect(tableSpansFit([[[cell(1, 2)]], [[cell()], [cell()]]])).toBe(false);
    // Within one group of two rows, rowspan="2" fits: the cell of row 2 begins in column 2.
    expect(tableSpansFit([[[cell(1, 2)], [cell()]]])).toBe(true);
  });

  it('refuses cells that overlap: a colspan over a slot a rowspan from the row above covers', () => {
    // Row 2: 3 begins in column 1 and spans into column 2, where 2 (rowspan="2") already is.
    expect(tableSpansFit([[[cell(), cell(1, 2)], [cell(2)]]])).toBe(false);
    expect(tableSpansFit([[[cell(), cell(1, 2)], [cell()]]])).toBe(true);
  });
});
