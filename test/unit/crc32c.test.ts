import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32c } from '../../src/util/crc32c.js';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Bit-at-a-time reference implementation, to check the table-driven one against. */
function slowCrc32c(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

test('crc32c: standard check value of "123456789"', () => {
  assert.equal(crc32c(ascii('123456789')), 0xe3069283);
});

test('crc32c: known vectors (RFC 3720 B.4)', () => {
  assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa);
  assert.equal(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43);
  const inc = new Uint8Array(32).map((_, i) => i);
  assert.equal(crc32c(inc), 0x46dd794e);
  const dec = new Uint8Array(32).map((_, i) => 31 - i);
  assert.equal(crc32c(dec), 0x113fdb5c);
});

test('crc32c: empty input is 0 and result is unsigned', () => {
  assert.equal(crc32c(new Uint8Array(0)), 0);
  const v = crc32c(new Uint8Array([0xff, 0xff, 0xff, 0xff]));
  assert.ok(v >= 0 && v <= 0xffffffff);
});

test('crc32c: matches the bitwise reference on every length 0..100 and odd alignments', () => {
  const buf = new Uint8Array(140);
  let x = 12345;
  for (let i = 0; i < buf.length; i++) buf[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  for (let start = 0; start < 9; start++) {
    for (let len = 0; len <= 100; len++) {
      const part = buf.subarray(start, start + len);
      assert.equal(crc32c(buf, start, start + len), slowCrc32c(part), `start ${start} len ${len}`);
      assert.equal(crc32c(part), slowCrc32c(part), `subarray start ${start} len ${len}`);
    }
  }
});

test('crc32c: incremental over any split equals one-shot', () => {
  const buf = new Uint8Array(1000).map((_, i) => (i * 31 + 7) & 0xff);
  const whole = crc32c(buf);
  for (const cut of [0, 1, 7, 8, 9, 63, 500, 999, 1000]) {
    const first = crc32c(buf, 0, cut);
    assert.equal(crc32c(buf, cut, buf.length, first), whole, `cut at ${cut}`);
  }
  // three pieces
  let crc = 0;
  for (const [a, b] of [[0, 13], [13, 600], [600, 1000]] as const) crc = crc32c(buf, a, b, crc);
  assert.equal(crc, whole);
});

test('crc32c: a single flipped bit changes the checksum', () => {
  const buf = new Uint8Array(4096).map((_, i) => i & 0xff);
  const base = crc32c(buf);
  for (const pos of [0, 1, 100, 4095]) {
    for (let bit = 0; bit < 8; bit++) {
      buf[pos]! ^= 1 << bit;
      assert.notEqual(crc32c(buf), base, `byte ${pos} bit ${bit}`);
      buf[pos]! ^= 1 << bit;
    }
  }
});
