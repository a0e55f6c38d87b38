/** Join codes as people type them: letters and digits; case and spaces do not matter. */
export function normalizeJoinCode(raw: string): string {
  return raw.replace(/[\s-]+/g, '').toUpperCase();
}

/** True when text typed on the home page reads as a join code (six letters or digits, no dash). */
export function looksLikeJoinCode(raw: string): boolean {
  return /^[A-Za-z0-9]{6}$/.test(raw.trim());
}
