/**
 * The rows of the SQL suite's tables, the same for every engine: a pure function of (seed, N).
 * Loaded in chunks of consecutive ids.
 */
import { Prng, seedBits } from '../lib/prng.js';
import { entriesPerAccount, tagCount } from './spec.js';

/** accounts(id, bal, name). */
export type AccountRow = readonly [id: number, bal: number, name: string];
/** entries(id, account_id, amount, tag). */
export type EntryRow = readonly [id: number, accountId: number, amount: number, tag: number];

/** Accounts that have entries: ids 0 .. accountsWithEntries(N) - 1. */
export function accountsWithEntries(records: number): number {
  return Math.max(1, Math.floor(records / entriesPerAccount));
}

export function accountName(id: number): string {
  return `account-${String(id).padStart(8, '0')}`;
}

export function accountRow(id: number, prng: Prng): AccountRow {
  return [id, prng.nextInt(10_000), accountName(id)];
}

/** Generates both tables chunk by chunk, in id order. */
export class TableRows {
  private readonly accounts: Prng;
  private readonly entries: Prng;
  private readonly owners: number;

  constructor(seed: number, private readonly records: number) {
    this.accounts = new Prng(seed ^ seedBits('sql accounts'));
    this.entries = new Prng(seed ^ seedBits('sql entries'));
    this.owners = accountsWithEntries(records);
  }

  accountChunk(from: number, count: number): AccountRow[] {
    const rows: AccountRow[] = [];
    const end = Math.min(this.records, from + count);
    for (let id = from; id < end; id++) rows.push(accountRow(id, this.accounts));
    return rows;
  }

  entryChunk(from: number, count: number): EntryRow[] {
    const rows: EntryRow[] = [];
    const end = Math.min(this.records, from + count);
    for (let id = from; id < end; id++) rows.push([id, id % this.owners, this.entries.nextInt(1000), this.entries.nextInt(tagCount)]);
    return rows;
  }
}
