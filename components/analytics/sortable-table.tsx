"use client";

import { useState } from "react";

/** A column of a sortable table: header, how to read the sort key, how to show the cell. */
export interface Column<T> {
  header: string;
  value: (row: T) => string | number;
  show?: (row: T) => React.ReactNode;
  numeric?: boolean;
}

/** A table sorted by clicking a column header (again for the other direction); `aria-sort` tells screen readers. */
export function SortableTable<T>({ caption, columns, rows, initial, testId }: { caption: string; columns: Column<T>[]; rows: T[]; initial: number; testId?: string }) {
  const [sort, setSort] = useState<{ col: number; desc: boolean }>({ col: initial, desc: true });
  const col = columns[sort.col];
  const sorted = [...rows].sort((a, b) => {
    const x = col.value(a);
    const y = col.value(b);
    const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
    return sort.desc ? -c : c;
  });
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            {columns.map((c, i) => (
              <th key={c.header} scope="col" aria-sort={sort.col === i ? (sort.desc ? "descending" : "ascending") : "none"} className={`py-2 pr-3 font-medium ${c.numeric ? "text-right" : ""}`}>
                <button
                  type="button"
                  onClick={() => setSort((s) => ({ col: i, desc: s.col === i ? !s.desc : c.numeric === true }))}
                  className="inline-flex items-center gap-1 uppercase hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  {c.header}
                  <span aria-hidden="true">{sort.col === i ? (sort.desc ? "▼" : "▲") : "↕"}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sorted.map((r, i) => (
            <tr key={i}>
              {columns.map((c, j) => (
                <td key={c.header} className={`py-2 pr-3 ${c.numeric ? "text-right tabular-nums" : ""} ${j === 0 ? "font-medium text-slate-900" : ""}`}>
                  {c.show ? c.show(r) : c.value(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
