/**
 * The length of a one-time code when the question states it ("Enter the 6-digit code"), else
 * `undefined`. Quovo's PIN question ("Enter your pin:") usually does not, and then the PIN field
 * shows no slots.
 */
export function guessCodeLength(prompt: string): number | undefined {
  const match = /\b(\d{1,2})[\s-]*(?:digit|character|number|chiffre|d[ií]gito|car[aá]cter)/i.exec(prompt);
  const n = match ? Number(match[1]) : NaN;
  return n >= 3 && n <= 12 ? n : undefined;
}
