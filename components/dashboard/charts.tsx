// Hand-made, server-rendered SVG charts. The SVG is a picture of the table that always follows it: it has a
// text alternative and is scaled by its viewBox, so it fits any width (320 px included) without scrolling.
import type { ReactNode } from "react";

export type Series = { label: string; color: string };
export type ChartRow = { label: string; values: number[] };

const WIDTH = 400;
const fmt = (n: number) => n.toLocaleString("en-GB", { maximumFractionDigits: 1 });

/** A chart and its data: the caption names both; the table is the figures, readable without the picture. */
export function ChartFigure({ id, title, description, chart, children }: { id: string; title: string; description: string; chart: ReactNode; children: ReactNode }) {
  return (
    <figure className="card" aria-labelledby={`${id}-title`} data-testid={id}>
      <figcaption className="mb-3">
        <h2 id={`${id}-title`} className="mb-1 text-xl font-bold">{title}</h2>
        <p className="text-nhs-grey">{description}</p>
      </figcaption>
      {chart}
      <div className="mt-4">{children}</div>
    </figure>
  );
}

function Legend({ series }: { series: Series[] }) {
  if (series.length < 2) return null;
  // The legend is for sighted readers of the picture; the table's headers say the same to everyone.
  return (
    <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-hidden="true">
      {series.map((s) => (
        <li key={s.label} className="flex items-center gap-1">
          <span className="inline-block h-3 w-3" style={{ background: s.color }} />
          {s.label}
        </li>
      ))}
    </ul>
  );
}

/** Horizontal bars, one per row, stacked by series. */
export function BarChart({ label, rows, series }: { label: string; rows: ChartRow[]; series: Series[] }) {
  const labelWidth = 130;
  const rowHeight = 28;
  const height = Math.max(1, rows.length) * rowHeight + 8;
  const max = Math.max(1, ...rows.map((r) => sum(r.values)));
  const scale = (n: number) => (n / max) * (WIDTH - labelWidth - 40);
  return (
    <div>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={label} className="block h-auto max-w-2xl" preserveAspectRatio="xMinYMin meet">
        <title>{label}</title>
        {rows.map((row, i) => {
          let x = labelWidth;
          const y = 4 + i * rowHeight;
          return (
            <g key={row.label}>
              <text x={labelWidth - 6} y={y + rowHeight / 2} textAnchor="end" dominantBaseline="middle" fontSize="12" fill="#212b32">{row.label}</text>
              {row.values.map((v, s) => {
                const w = scale(v);
                const rect = <rect key={s} x={x} y={y + 4} width={w} height={rowHeight - 8} fill={series[s]?.color} />;
                x += w;
                return rect;
              })}
              <text x={x + 4} y={y + rowHeight / 2} dominantBaseline="middle" fontSize="12" fill="#212b32">{fmt(sum(row.values))}</text>
            </g>
          );
        })}
      </svg>
      <Legend series={series} />
    </div>
  );
}

/** Columns per week: stacked (parts of a whole) or side by side (two measures of one thing). */
export function ColumnChart({ label, rows, series, mode, unit = "" }: { label: string; rows: ChartRow[]; series: Series[]; mode: "stacked" | "grouped"; unit?: string }) {
  const left = 40;
  const top = 10;
  const plotHeight = 150;
  const height = top + plotHeight + 30;
  const slot = (WIDTH - left - 4) / Math.max(1, rows.length);
  const totals = rows.map((r) => (mode === "stacked" ? sum(r.values) : Math.max(0, ...r.values)));
  const max = niceMax(Math.max(0, ...totals));
  const y = (n: number) => top + plotHeight - (n / max) * plotHeight;
  // Label about six weeks along the axis, whatever the range.
  const every = Math.max(1, Math.ceil(rows.length / 6));
  const bar = Math.max(1, slot * 0.7);
  return (
    <div>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={label} className="block h-auto max-w-2xl">
        <title>{label}</title>
        {[0, max / 2, max].map((tick) => (
          <g key={tick}>
            <line x1={left} x2={WIDTH - 4} y1={y(tick)} y2={y(tick)} stroke="#d8dde0" />
            <text x={left - 4} y={y(tick)} textAnchor="end" dominantBaseline="middle" fontSize="11" fill="#4c6272">{fmt(tick)}{unit}</text>
          </g>
        ))}
        {rows.map((row, i) => {
          const x0 = left + i * slot + (slot - bar) / 2;
          let base = 0;
          return (
            <g key={row.label}>
              {row.values.map((v, s) => {
                if (mode === "grouped") {
                  const w = bar / row.values.length;
                  return <rect key={s} x={x0 + s * w} y={y(v)} width={w} height={y(0) - y(v)} fill={series[s]?.color} />;
                }
                const rect = <rect key={s} x={x0} y={y(base + v)} width={bar} height={y(base) - y(base + v)} fill={series[s]?.color} />;
                base += v;
                return rect;
              })}
              {i % every === 0 && (
                <text x={x0 + bar / 2} y={top + plotHeight + 16} textAnchor="middle" fontSize="11" fill="#4c6272">{row.label}</text>
              )}
            </g>
          );
        })}
      </svg>
      <Legend series={series} />
    </div>
  );
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** A round top for the axis (1, 2, 5 × 10ⁿ), at least 1 so an empty chart still has an axis. */
function niceMax(n: number): number {
  if (n <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= n)!;
}

/** A table that becomes one block per row below 640 px, each value labelled by its column header. */
export function DataTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: { key: string; cells: (string | number)[] }[] }) {
  return (
    <table className="table text-sm max-sm:block">
      <caption className="mb-2 text-left font-bold">{caption}</caption>
      <thead className="max-sm:sr-only">
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">{c}</th>
          ))}
        </tr>
      </thead>
      <tbody className="max-sm:block">
        {rows.map((row) => (
          <tr key={row.key} className="max-sm:mb-3 max-sm:block max-sm:border max-sm:border-nhs-border">
            {row.cells.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row" data-label={columns[0]} className="max-sm:block max-sm:bg-nhs-pale-grey">{cell}</th>
              ) : (
                <td key={i} data-label={columns[i]} className="max-sm:flex max-sm:justify-between max-sm:gap-2 max-sm:before:font-bold max-sm:before:content-[attr(data-label)]">
                  {typeof cell === "number" ? fmt(cell) : cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
