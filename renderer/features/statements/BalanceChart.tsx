import { useEffect, useMemo, useRef, useState } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { BalancePoint } from '../../../shared/contract/index.js';
import { currencyExponent } from '../../../shared/money.js';
import { day, money, userLocale } from './format.js';

const DAY = 86_400;
const toX = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;

export interface ChartProps {
  points: BalancePoint[];
  currency: string;
  /** The statement period to highlight ('YYYY-MM-DD'). */
  highlight?: { start: string; end: string } | null;
  height?: number;
}

/**
 * The account's balance at the end of each day (a step line: the balance holds until the next
 * booking day), drawn with uPlot. The selected statement's period is shaded; hovering shows
 * the day's balance. A text summary carries the same facts for screen readers.
 */
export function BalanceChart({ points, currency, highlight, height = 140 }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<BalancePoint | null>(null);

  const summary = useMemo(() => {
    if (points.length === 0) return null;
    let lo = points[0]!;
    let hi = points[0]!;
    for (const p of points) {
      if (p.balance < lo.balance) lo = p;
      if (p.balance > hi.balance) hi = p;
    }
    const first = points[0]!;
    const last = points[points.length - 1]!;
    return `Balance from ${day(first.date)} (${money(first.balance, currency)}) to ${day(last.date)} (${money(last.balance, currency)}); lowest ${money(lo.balance, currency)} on ${day(lo.date)}, highest ${money(hi.balance, currency)} on ${day(hi.date)}.`;
  }, [points, currency]);

  useEffect(() => {
    const el = ref.current;
    if (!el || points.length === 0) return;
    const scale = 10 ** currencyExponent(currency);
    const xs = points.map((p) => toX(p.date));
    // Floats for drawing only; every figure shown comes from the integer minor units.
    const ys = points.map((p) => p.balance / scale);
    const compact = new Intl.NumberFormat(userLocale(), { notation: 'compact', maximumFractionDigits: 1 });
    const band = highlight ? [toX(highlight.start), toX(highlight.end) + DAY] : null;
    let plot: uPlot | null = null;
    let ro: ResizeObserver | null = null;
    let cancelled = false;
    // Loaded on first use: keeps the chart library out of the start-up bundle (and out of
    // environments without a canvas, where the text summary is what remains).
    void import('uplot')
      .then(({ default: UPlot }) => {
        if (cancelled) return;
        plot = new UPlot(
          {
            width: Math.max(300, el.clientWidth || 600),
            height,
            tzDate: (ts) => UPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
            legend: { show: false },
            cursor: { y: false, drag: { x: false, y: false } },
            scales: { x: { time: true } },
            axes: [
              { stroke: '#616e7c', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#e4e7eb' } },
              { stroke: '#616e7c', size: 64, values: (_u, vals) => vals.map((v) => compact.format(v)), grid: { stroke: '#eef0f3' }, ticks: { stroke: '#e4e7eb' } },
            ],
            series: [
              {},
              {
                label: 'Balance',
                stroke: '#2563eb',
                width: 1.5,
                fill: 'rgba(37, 99, 235, 0.07)',
                paths: UPlot.paths.stepped?.({ align: 1 }),
                points: { show: false },
              },
            ],
            hooks: {
              setCursor: [
                (u) => {
                  const i = u.cursor.idx;
                  setHover(i === null || i === undefined ? null : (points[i] ?? null));
                },
              ],
              drawClear: [
                (u) => {
                  if (!band) return;
                  const ctx = u.ctx;
                  const l = Math.max(u.bbox.left, u.valToPos(band[0]!, 'x', true));
                  const r = Math.min(u.bbox.left + u.bbox.width, u.valToPos(band[1]!, 'x', true));
                  if (r <= l) return;
                  ctx.save();
                  ctx.fillStyle = 'rgba(245, 158, 11, 0.13)';
                  ctx.fillRect(l, u.bbox.top, r - l, u.bbox.height);
                  ctx.restore();
                },
              ],
            },
          },
          [xs, ys],
          el,
        );
        ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(() => plot?.setSize({ width: Math.max(300, el.clientWidth), height })) : null;
        ro?.observe(el);
      })
      .catch(() => {
        // No canvas: the text summary stays.
      });
    return () => {
      cancelled = true;
      ro?.disconnect();
      plot?.destroy();
    };
  }, [points, currency, highlight?.start, highlight?.end, height]);

  if (points.length === 0) {
    return <p className="stmt-chart__empty muted">The balance chart appears once this account has posted transactions.</p>;
  }
  return (
    <figure className="stmt-chart" aria-label="Balance over time">
      <div className="stmt-chart__hover" aria-hidden="true">
        {hover ? (
          <>
            <span className="muted">{day(hover.date)}</span> <strong>{money(hover.balance, currency)}</strong>
          </>
        ) : (
          <span className="muted">Hover the chart to see the balance of a day{highlight ? '; the shaded band is the selected statement' : ''}.</span>
        )}
      </div>
      <div ref={ref} className="stmt-chart__plot" role="img" aria-label={summary ?? 'Balance chart'} />
      <figcaption className="visually-hidden">{summary}</figcaption>
    </figure>
  );
}
