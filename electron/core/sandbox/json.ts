/**
 * A tiny JSON writer that can emit pre-formatted number text.
 *
 * Salt Edge sends amounts as JSON floats; the sandbox controls their exact text (`-12.5`,
 * `1200.00`, `1e3`) so that clients parsing the number's text are exercised. `JSON.stringify`
 * cannot do that on Node 20, hence this writer.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** A JSON number whose text is emitted verbatim (must be valid JSON number syntax). */
export function rawNumber(text: string): RawJson {
  if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) throw new Error(`not a JSON number: ${text}`);
  return new RawJson(text);
}

/** Marks raw numbers inside JSON.stringify's output; random per process so no input can forge it. */
const MARK = `\u0000raw${Math.random().toString(36).slice(2, 10)}:`;
const MARKED = new RegExp(`"${MARK.replace('\u0000', '\\\\u0000')}([^"]*)"`, 'g');

/** JSON text of a value; RawJson values are emitted verbatim. Uses the native serializer (fast for big pages). */
export function stringify(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (v instanceof RawJson ? `${MARK}${v.text}` : v));
  return text === undefined ? 'null' : text.replace(MARKED, '$1');
}
