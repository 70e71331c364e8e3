/** The SVG charts of the YCSB suite: throughput and p99 latency per workload, per client count. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatNs } from '../lib/report.js';
import { barChartSvg } from '../lib/svg-chart.js';
import type { BarSeries } from '../lib/svg-chart.js';
import { kvEngines } from '../kv/engines.js';
import { singleClientEngines, workloadLabel } from './report.js';
import type { YcsbChart, YcsbRunData } from './report.js';
import { runId } from './spec.js';

/** One colour per engine, basaltdb's the warmest. */
const engineColors: Readonly<Record<string, string>> = {
  basaltdb: '#e8590c',
  lmdb: '#1c7ed6',
  'classic-level': '#2f9e44',
  'better-sqlite3': '#7048e8',
};

/** 950 -> "950", 12345 -> "12.3K", 1000000 -> "1M": short labels for bars and ticks. */
function compact(v: number): string {
  const units: Array<[number, string]> = [[1e9, 'G'], [1e6, 'M'], [1e3, 'K']];
  for (const [scale, unit] of units) {
    if (v >= scale) {
      const x = v / scale;
      return `${x >= 100 || Number.isInteger(x) ? x.toFixed(0) : x.toFixed(1)}${unit}`;
    }
  }
  return v >= 10 ? v.toFixed(0) : v.toFixed(1);
}

function clientsText(c: number): string {
  return c === 1 ? '1 client' : `${c} concurrent clients`;
}

export function chartFileName(metric: 'throughput' | 'p99', clients: number): string {
  return `ycsb-${metric}-${clients}-client${clients === 1 ? '' : 's'}.svg`;
}

/**
 * Writes the charts into `dir` and returns them with paths relative to `linkBase` (the
 * directory of the markdown file that embeds them).
 */
export function writeCharts(data: YcsbRunData, dir: string, linkBase: string): YcsbChart[] {
  mkdirSync(dir, { recursive: true });
  const engines = [...data.engines].sort((a, b) => (kvEngines as readonly string[]).indexOf(a) - (kvEngines as readonly string[]).indexOf(b));
  const categories = data.workloads.map(workloadLabel);
  const charts: YcsbChart[] = [];
  const durability = String(data.options['durability'] ?? 'sync');
  const when = data.startedAt.slice(0, 10);
  for (const clients of data.clients) {
    for (const metric of ['throughput', 'p99'] as const) {
      const series: BarSeries[] = engines.map((e) => {
        const single = clients > 1 && singleClientEngines.includes(e);
        return {
          name: single ? `${e} (n/a: 1 client only)` : e,
          color: engineColors[e] ?? '#868e96',
          values: data.workloads.map((w) => {
            const r = data.results.find((x) => x.workload === runId(w, clients) && x.engine === e);
            if (r === undefined) return undefined;
            return metric === 'throughput' ? r.opsPerSec : r.latency.p99;
          }),
        };
      });
      const svg = barChartSvg({
        title:
          metric === 'throughput'
            ? `YCSB throughput, ${clientsText(clients)} (higher is better)`
            : `YCSB p99 latency, ${clientsText(clients)} (lower is better)`,
        subtitle: `${Number(data.options['records']).toLocaleString('en-US')} records of 1 KB, durability ${durability} for every engine; ${data.machine.cores} cores, Node ${data.machine.node}, ${when}`,
        categories,
        series,
        yLabel: metric === 'throughput' ? 'operations per second' : 'p99 latency per operation',
        scale: 'log',
        format: metric === 'throughput' ? compact : (v) => formatNs(v).replace(/\.0+ /, ' '),
      });
      const file = path.join(dir, chartFileName(metric, clients));
      writeFileSync(file, svg);
      charts.push({
        file: path.relative(linkBase, file).split(path.sep).join('/'),
        alt: `YCSB ${metric === 'throughput' ? 'throughput' : 'p99 latency'} per workload and engine, ${clientsText(clients)}`,
      });
    }
  }
  return charts;
}
