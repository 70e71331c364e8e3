/**
 * CONFIG GET/SET state. Every Redis 7 parameter is listed with its value (config-table.ts), so
 * tools that read or set them work; most have no effect here and are only remembered. The ones
 * BasaltDB acts on are listed in `effective`, and a few are fixed at startup.
 */
import { redisBulkBytesMax, redisClientsMaxDefault } from '../../limits.js';
import { globMatch, RedisError } from './command.js';
import { configParams, configSetErrorText, ConfigValueError, findConfigParam, normaliseConfigValue, type ConfigParam } from './config-table.js';
import type { RedisServerOptions } from './server.js';

/** Parameters that change BasaltDB's behaviour. */
export const effective = ['requirepass', 'maxclients', 'timeout', 'proto-max-bulk-len'] as const;
/** Parameters set on the command line that CONFIG SET cannot change here. */
const fixedHere = new Set(['port', 'bind', 'appendfsync', 'appendonly']);

export class ConfigStore {
  private readonly values = new Map<string, string>();

  constructor(opts: RedisServerOptions, dataDir: string) {
    for (const p of configParams) this.values.set(p.name, p.default);
    this.values.set('port', String(opts.port ?? 6380));
    this.values.set('bind', opts.host ?? '127.0.0.1');
    this.values.set('requirepass', opts.requirepass ?? '');
    this.values.set('maxclients', String(opts.maxclients ?? redisClientsMaxDefault));
    this.values.set('appendonly', 'yes');
    this.values.set('appendfsync', opts.appendfsync ?? 'always');
    this.values.set('databases', '16');
    this.values.set('save', '');
    this.values.set('dir', dataDir);
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

  /**
   * CONFIG GET: every parameter whose name or alias matches a pattern (case-insensitively), each
   * name once. A pattern without wildcards is echoed as the client spelled it, as Redis does.
   */
  get(patterns: readonly Buffer[]): Array<[string, string]> {
    const out = new Map<string, string>();
    for (const pat of patterns) {
      const text = pat.toString('latin1');
      if (!/[*?[\\]/.test(text)) {
        const p = findConfigParam(text);
        if (p !== undefined) out.set(text, this.value(p.name));
        continue;
      }
      for (const p of configParams) {
        for (const name of [p.name, ...p.aliases]) {
          if (globMatch(pat, Buffer.from(name), true)) out.set(name, this.value(p.name));
        }
      }
    }
    return [...out];
  }

  /**
   * CONFIG SET name value [name value …]: every name is checked (unknown, immutable, protected,
   * repeated) before any value, then every value, then all are applied — or none.
   */
  set(pairs: ReadonlyArray<[Buffer, Buffer]>): void {
    const named: Array<[string, ConfigParam, Buffer]> = [];
    const seen = new Set<string>();
    for (const [nb, vb] of pairs) {
      const name = nb.toString('latin1');
      const p = findConfigParam(name);
      if (p === undefined) throw new RedisError(configSetErrorText('unknown', name));
      if (p.immutable) throw new RedisError(configSetErrorText('immutable', name));
      if (p.protected === true) throw new RedisError(configSetErrorText('protected', name));
      // A parameter and its alias in one call are not duplicates (the last wins), as in Redis.
      const spelled = name.toLowerCase();
      if (seen.has(spelled)) throw new RedisError(configSetErrorText('duplicate', name));
      seen.add(spelled);
      named.push([name, p, vb]);
    }
    const staged: Array<[string, string]> = [];
    for (const [name, p, vb] of named) {
      const value = vb.toString('utf8');
      let norm: string;
      try {
        norm = normaliseConfigValue(p, value, this.value(p.name));
      } catch (err) {
        if (err instanceof ConfigValueError) throw new RedisError(configSetErrorText('value', name, err.message));
        throw err;
      }
      if (fixedHere.has(p.name) && norm !== this.value(p.name)) {
        throw new RedisError(`ERR CONFIG SET failed (possibly related to argument '${name}') - BasaltDB sets ${p.name} when the server starts (basalt serve options)`);
      }
      if (p.name === 'proto-max-bulk-len' && Number(norm) > redisBulkBytesMax) {
        throw new RedisError(`ERR CONFIG SET failed (possibly related to argument '${name}') - BasaltDB's largest bulk string is ${redisBulkBytesMax} bytes (redisBulkBytesMax)`);
      }
      staged.push([p.name, norm]);
    }
    for (const [k, v] of staged) this.values.set(k, v);
  }
}
