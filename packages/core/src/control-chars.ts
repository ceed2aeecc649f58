/**
 * `text` with its control characters written as `\xNN` escapes: a newline in a
 * file name (git allows one) would otherwise split a table row, a log line or
 * an annotation in two.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
