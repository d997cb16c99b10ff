/**
 * The length of a one-time code when the question states it ("Enter the 6-digit code",
 * "Ingrese el código de 6 dígitos"), else `undefined`. Quovo's own PIN question ("Enter your
 * pin:") usually does not say, and then a PIN field should show no fixed slots. Only 3 to 12
 * is read as a code length.
 */
export function codeLengthFromPrompt(prompt: string): number | undefined {
  const match = /\b(\d{1,2})[\s-]*(?:digit|character|number|chiffre|d[ií]gito|car[aá]cter)/i.exec(prompt);
  const n = match ? Number(match[1]) : Number.NaN;
  return n >= 3 && n <= 12 ? n : undefined;
}
