/**
 * `npm run bench` — the benchmark suite: YCSB A–F against the peer engines (bench/ycsb/run.ts,
 * every option passes through), and with `--with-kv` the key-value micro-benchmarks of
 * bench/kv/run.ts after it (`npm run bench:kv`, documented on its own; `--quick` is passed on).
 *
 *   npm run bench                       the full YCSB suite (about 10 minutes here)
 *   npm run bench -- --quick            small sizes, about two minutes
 *   npm run bench -- --with-kv          YCSB, then the full key-value suite (about 7 more minutes)
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

function runScript(script: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL(script, import.meta.url)), ...args], { stdio: 'inherit' });
    child.on('error', (err) => {
      process.stderr.write(`could not start ${script}: ${err.message}\n`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const withKv = args.includes('--with-kv');
  const ycsbArgs = args.filter((a) => a !== '--with-kv');
  let status = await runScript('./ycsb/run.js', ycsbArgs);
  if (withKv) {
    const kvStatus = await runScript('./kv/run.js', args.includes('--quick') ? ['--quick'] : []);
    status = status !== 0 ? status : kvStatus;
  }
  process.exitCode = status;
}

void main();
