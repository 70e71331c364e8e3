/**
 * CONFIG GET/SET state. Every Redis 7 parameter is listed with its value (config-table.ts), so
 * tools that read or set them work; most have no effect here and are only remembered. The ones
 * BasaltDB acts on are listed in `effective`, and a few are fixed at startup.
 */
import { redisBulkBytesMax, redisClientsMaxDefault } from '../../limits.js';
import { globMatch, RedisError } from './command.js';
import { configParams, configSetErrorText, ConfigValueError, findConfigParam, normaliseConfigValue } from './config-table.js';
import type { RedisServerOptions } from './server.js';

/** Parameters that change BasaltDB's behaviour. */
export const effective = ['requirepass', 'maxclients', 'timeout', 'proto-max-bulk-len'] as const;
/** Parameters set on the command line that CONFIG SET cannot change here. */
const fixedHere = new Set(['port', 'bind', 'appendfsync', 'appendonly', 'dir', 'databases']);

export class ConfigStore {
  private readonly values = new Map<string, string>();

  constructor(opts: RedisServerOptions) {
    for (const p of configParams) this.values.set(p.name, p.default);
    this.values.set('port', String(opts.port ?? 6380));
    this.values.set('bind', opts.host ?? '127.0.0.1');
    this.values.set('requirepass', opts.requirepass ?? '');
    this.values.set('maxclients', String(opts.maxclients ?? redisClientsMaxDefault));
    this.values.set('appendonly', 'yes');
    this.values.set('appendfsync', opts.appendfsync ?? 'always');
    this.values.set('databases', '16');
    this.values.set('save', '');
    this.values.set('proto-max-bulk-len', String(redisBulkBytesMax));
  }

  value(name: string): string {
    return this.values.get(name) ?? '';
  }

  int(name: string, dflt: number): number {
    const v = Number(this.values.get(name));
    return Number.isFinite(v) ? v : dflt;
  }

  requirepass(): string {
    return this.value('requirepass');
  }

  /** CONFIG GET: parameters whose name (or alias) matches any pattern, each once. */
  get(patterns: readonly Buffer[]): Array<[string, string]> {
    const out = new Map<string, string>();
    for (const pat of patterns) {
      const exact = findConfigParam(pat.toString('latin1'));
      if (exact !== undefined && !/[*?[]/.test(pat.toString('latin1'))) {
        out.set(pat.toString('latin1').toLowerCase() === exact.name ? exact.name : pat.toString('latin1').toLowerCase(), this.value(exact.name));
        continue;
      }
      for (const p of configParams) {
        if (globMatch(pat, Buffer.from(p.name), true)) out.set(p.name, this.value(p.name));
      }
    }
    return [...out];
  }

  /** CONFIG SET name value [name value …]: all valid, then all applied, or none. */
  set(pairs: ReadonlyArray<[Buffer, Buffer]>): void {
    const staged: Array<[string, string]> = [];
    const seen = new Set<string>();
    for (const [nb, vb] of pairs) {
      const name = nb.toString('latin1');
      const p = findConfigParam(name);
      if (p === undefined) throw new RedisError(configSetErrorText('unknown', name));
      if (seen.has(p.name)) throw new RedisError(`ERR CONFIG SET failed (possibly related to argument '${name}') - duplicate parameter`);
      seen.add(p.name);
      if (p.immutable) throw new RedisError(configSetErrorText('immutable', name));
      const value = vb.toString('utf8');
      if (fixedHere.has(p.name) && value !== this.value(p.name)) {
        throw new RedisError(`ERR CONFIG SET failed (possibly related to argument '${name}') - BasaltDB sets ${p.name} when the server starts (basalt serve options)`);
      }
      let norm: string;
      try {
        norm = normaliseConfigValue(p, value);
      } catch (err) {
        if (err instanceof ConfigValueError) throw new RedisError(configSetErrorText('value', name, err.message));
        throw err;
      }
      if (p.name === 'proto-max-bulk-len' && Number(norm) > redisBulkBytesMax) {
        throw new RedisError(`ERR CONFIG SET failed (possibly related to argument '${name}') - BasaltDB's largest bulk string is ${redisBulkBytesMax} bytes (redisBulkBytesMax)`);
      }
      staged.push([p.name, norm]);
    }
    for (const [k, v] of staged) this.values.set(k, v);
  }
}
