import * as React from 'react';

/** A column of a {@link DataTable}: its header and what each row shows in it. */
export interface Column<R> {
  key: string;
  header: string;
  cell: (row: R) => React.ReactNode;
  /** Right-aligned, for amounts. */
  numeric?: boolean;
}

/**
 * A table of rows with an accessible name; every cell carries `data-column` with its column's key.
 * Text from the store is rendered as React text nodes, never as HTML.
 */
export function DataTable<R>(props: {
  label: string;
  columns: readonly Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  rowClass?: (row: R) => string | undefined;
  className?: string;
}): React.ReactElement {
  return (
    <table className={`mm-table${props.className ? ` ${props.className}` : ''}`} aria-label={props.label}>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th key={c.key} scope="col" className={c.numeric ? 'mm-num' : undefined}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={props.rowKey(r)} className={props.rowClass?.(r)}>
            {props.columns.map((c) => (
              <td key={c.key} data-column={c.key} className={c.numeric ? 'mm-num' : undefined}>
                {c.cell(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
