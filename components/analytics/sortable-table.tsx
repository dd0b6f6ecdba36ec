"use client";

import { useState } from "react";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

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
    <Table data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <TableHeader>
          <TableRow>
            {columns.map((c, i) => (
              <TableHead key={c.header} aria-sort={sort.col === i ? (sort.desc ? "descending" : "ascending") : "none"} className={c.numeric ? "text-right" : ""}>
                <button
                  type="button"
                  onClick={() => setSort((s) => ({ col: i, desc: s.col === i ? !s.desc : c.numeric === true }))}
                  className="inline-flex items-center gap-1 rounded hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
                >
                  {c.header}
                  <span aria-hidden="true">{sort.col === i ? (sort.desc ? "▼" : "▲") : "↕"}</span>
                </button>
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {sorted.map((r, i) => (
            <TableRow key={i}>
              {columns.map((c, j) => (
                <TableCell key={c.header} className={`${c.numeric ? "text-right tabular-nums" : ""} ${j === 0 ? "font-medium text-slate-900" : ""}`}>
                  {c.show ? c.show(r) : c.value(r)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
    </Table>
  );
}
