/**
 * How `basalt` shows keys and values: as UTF-8 text when the bytes are valid UTF-8 and
 * printable, otherwise (or with `--hex`) as lowercase hex digits.
 */

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Control characters make text unprintable. `allowLayout` lets tab, newline and carriage return
 * through (a value printed on its own); line-oriented output (scan) passes false.
 */
function printable(text: string, allowLayout: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
    if (control && !(allowLayout && (c === 0x09 || c === 0x0a || c === 0x0d))) return false;
  }
  return true;
}

/** The bytes as UTF-8 text if they decode cleanly, else undefined. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Lowercase hex digits of the bytes. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Text for a terminal: UTF-8 when printable (and not `forceHex`), else hex. */
export function showBytes(bytes: Uint8Array, forceHex: boolean, allowLayout: boolean): string {
  if (!forceHex) {
    const text = decodeUtf8(bytes);
    if (text !== undefined && printable(text, allowLayout)) return text;
  }
  return toHex(bytes);
}

/**
 * A field for JSON output: `{ [name]: text }` when the bytes are valid UTF-8 (JSON escapes any
 * control characters), else `{ [name + 'Hex']: hex }`; `forceHex` always picks the hex form.
 */
export function jsonBytes(name: string, bytes: Uint8Array, forceHex: boolean): Record<string, string> {
  if (!forceHex) {
    const text = decodeUtf8(bytes);
    if (text !== undefined) return { [name]: text };
  }
  return { [`${name}Hex`]: toHex(bytes) };
}
