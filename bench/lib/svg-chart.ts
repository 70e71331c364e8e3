/**
 * A grouped bar chart as a self-contained SVG document (no dependencies, no scripts, no external
 * fonts), for the charts committed under docs/.
 *
 * Layout: one group of bars per category along x, one bar per series inside each group, a value
 * label above every bar, the y axis on a linear or logarithmic (powers of ten) scale, a legend
 * under the title. A missing value (undefined) leaves a gap labelled "n/a".
 */

export interface BarSeries {
  readonly name: string;
  /** CSS colour of the bars. */
  readonly color: string;
  /** One value per category; undefined or non-positive on a log scale = not measured. */
  readonly values: readonly (number | undefined)[];
}

export interface BarChart {
  readonly title: string;
  /** A smaller line under the title (units, what one bar is). */
  readonly subtitle?: string;
  readonly categories: readonly string[];
  readonly series: readonly BarSeries[];
  readonly yLabel: string;
  readonly scale: 'linear' | 'log';
  /** Formats a value for bar labels and ticks. */
  readonly format: (value: number) => string;
  readonly width?: number;
  readonly height?: number;
}

const font = 'font-family="Helvetica, Arial, sans-serif"';
/** Bounds on what one chart may hold (a chart, not a data dump). */
const categoriesMax = 64;
const seriesMax = 16;

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

interface Axis {
  lo: number;
  hi: number;
  ticks: number[];
  /** 0 at lo, 1 at hi. */
  fraction(v: number): number;
}

/** 1, 2, 5 x 10^k steps giving about `target` ticks over [0, max]. */
function linearAxis(max: number, target = 5): Axis {
  const top = max > 0 ? max : 1;
  const raw = top / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const hi = Math.ceil(top / step) * step;
  const ticks: number[] = [];
  for (let v = 0, i = 0; v <= hi + step / 2 && i < 50; v += step, i++) ticks.push(v);
  return { lo: 0, hi, ticks, fraction: (v) => Math.max(0, Math.min(1, v / hi)) };
}

function logAxis(min: number, max: number): Axis {
  const loExp = Math.floor(Math.log10(min > 0 ? min : 1));
  let hiExp = Math.ceil(Math.log10(max > 0 ? max : 10));
  if (hiExp <= loExp) hiExp = loExp + 1;
  const ticks: number[] = [];
  for (let e = loExp; e <= hiExp; e++) ticks.push(10 ** e);
  const span = hiExp - loExp;
  return {
    lo: 10 ** loExp,
    hi: 10 ** hiExp,
    ticks,
    fraction: (v) => (v <= 0 ? 0 : Math.max(0, Math.min(1, (Math.log10(v) - loExp) / span))),
  };
}

/** The chart as an SVG document string. */
export function barChartSvg(chart: BarChart): string {
  if (chart.categories.length === 0 || chart.categories.length > categoriesMax) {
    throw new RangeError(`a chart needs 1..${categoriesMax} categories, got ${chart.categories.length}`);
  }
  if (chart.series.length === 0 || chart.series.length > seriesMax) {
    throw new RangeError(`a chart needs 1..${seriesMax} series, got ${chart.series.length}`);
  }
  const width = chart.width ?? 860;
  const height = chart.height ?? 440;
  const legendRows = Math.ceil(chart.series.length / 4);
  const top = 58 + legendRows * 18;
  const left = 78;
  const right = 16;
  const bottom = 44;
  const plotW = width - left - right;
  const plotH = height - top - bottom;

  const values = chart.series.flatMap((s) => s.values).filter((v): v is number => v !== undefined && Number.isFinite(v) && (chart.scale === 'linear' || v > 0));
  const axis = chart.scale === 'log' ? logAxis(Math.min(...values, Infinity), Math.max(...values, 0)) : linearAxis(Math.max(...values, 0));
  const y = (v: number): number => top + plotH * (1 - axis.fraction(v));

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(chart.title)}">`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${width / 2}" y="22" text-anchor="middle" ${font} font-size="16" font-weight="bold" fill="#222">${esc(chart.title)}</text>`);
  if (chart.subtitle !== undefined) {
    out.push(`<text x="${width / 2}" y="40" text-anchor="middle" ${font} font-size="11.5" fill="#555">${esc(chart.subtitle)}</text>`);
  }
  // Legend: up to four entries per row, centred.
  chart.series.forEach((s, i) => {
    const row = Math.floor(i / 4);
    const inRow = Math.min(4, chart.series.length - row * 4);
    const slot = 170;
    const x0 = width / 2 - (inRow * slot) / 2 + (i % 4) * slot;
    const yy = 52 + row * 18;
    out.push(`<rect x="${num(x0)}" y="${yy}" width="12" height="12" fill="${esc(s.color)}"/>`);
    out.push(`<text x="${num(x0 + 17)}" y="${yy + 10.5}" ${font} font-size="12" fill="#222">${esc(s.name)}</text>`);
  });
  // Grid and y ticks.
  for (const t of axis.ticks) {
    const yy = y(t);
    out.push(`<line x1="${left}" y1="${num(yy)}" x2="${left + plotW}" y2="${num(yy)}" stroke="#e3e3e3" stroke-width="1"/>`);
    out.push(`<text x="${left - 6}" y="${num(yy + 4)}" text-anchor="end" ${font} font-size="11" fill="#444">${esc(chart.format(t))}</text>`);
  }
  out.push(`<text transform="translate(16 ${num(top + plotH / 2)}) rotate(-90)" text-anchor="middle" ${font} font-size="12" fill="#333">${esc(chart.yLabel + (chart.scale === 'log' ? ' (log scale)' : ''))}</text>`);
  // Bars.
  const groupW = plotW / chart.categories.length;
  const barW = Math.min(34, (groupW * 0.8) / chart.series.length);
  chart.categories.forEach((category, c) => {
    const gx = left + c * groupW + (groupW - barW * chart.series.length) / 2;
    chart.series.forEach((s, k) => {
      const v = s.values[c];
      const bx = gx + k * barW;
      const cx = bx + barW / 2;
      const measured = v !== undefined && Number.isFinite(v) && (chart.scale === 'linear' || v > 0);
      if (!measured) {
        out.push(`<text transform="translate(${num(cx + 3.5)} ${num(top + plotH - 4)}) rotate(-90)" ${font} font-size="10" fill="#999">n/a</text>`);
        return;
      }
      const by = y(v);
      const h = Math.max(1, top + plotH - by);
      out.push(`<rect x="${num(bx + 1)}" y="${num(top + plotH - h)}" width="${num(barW - 2)}" height="${num(h)}" fill="${esc(s.color)}"><title>${esc(`${s.name}, ${category}: ${chart.format(v)}`)}</title></rect>`);
      const label = esc(chart.format(v));
      // The label reads upwards from just above the bar (or inside it, if the bar reaches the top).
      const inside = top + plotH - h < top + 8 + label.length * 5.6;
      const ly = inside ? top + plotH - h + 4 : top + plotH - h - 4;
      const anchor = inside ? 'end' : 'start';
      const fill = inside ? '#fff' : '#333';
      out.push(`<text transform="translate(${num(cx + 3.5)} ${num(ly)}) rotate(-90)" text-anchor="${anchor}" ${font} font-size="10" fill="${fill}">${label}</text>`);
    });
    out.push(`<text x="${num(left + c * groupW + groupW / 2)}" y="${top + plotH + 18}" text-anchor="middle" ${font} font-size="12.5" fill="#222">${esc(category)}</text>`);
  });
  out.push(`<line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}" stroke="#888" stroke-width="1"/>`);
  out.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#888" stroke-width="1"/>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
