/** A cell's spans as the table model reads them: colspan at least 1; rowspan 0 reaches the end of its row group. */
export interface CellSpans {
  colspan: number;
  rowspan: number;
}

/**
 * Whether a table's cells fit its grid with no table model error (WHATWG HTML §4.9.12.1, forming a table), as the
 * Nu Html Checker reads them: no two cells cover one slot, no rowspan reaches past the end of its row group, and
 * every row and every column has a cell beginning in it. `groups` are the row groups in processing order (thead,
 * tbody, tfoot), each a list of rows, each a list of cells.
 */
export function tableSpansFit(groups: readonly (readonly (readonly CellSpans[])[])[]): boolean {
  // busyUntil[x]: the first row (counted across the table) in which column x is free again. Cells are placed row by
  // row, so until an overlap is found the cells covering a column are disjoint and the last one placed ends last.
  const busyUntil: number[] = [];
  const begins: boolean[] = [];
  let top = 0;
  for (const rows of groups) {
    const end = top + rows.length;
    for (const [index, cells] of rows.entries()) {
      const y = top + index;
      if (cells.length === 0) return false;
      let x = 0;
      for (const { colspan, rowspan } of cells) {
        while ((busyUntil[x] ?? 0) > y) x++;
        const bottom = rowspan === 0 ? end : y + rowspan;
        if (bottom > end) return false;
        begins[x] = true;
        for (let column = x; column < x + colspan; column++) {
          if ((busyUntil[column] ?? 0) > y) return false;
          busyUntil[column] = bottom;
        }
        x += colspan;
      }
    }
    top = end;
  }
  for (let column = 0; column < busyUntil.length; column++) if (begins[column] !== true) return false;
  return true;
}
