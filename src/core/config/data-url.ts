/**
 * Which dataset URLs the dashboard fetches: https anywhere, and plain http only on this machine
 * (localhost, 127.0.0.1, [::1]), where a local file server rarely has a certificate. Anything
 * else (javascript:, data:, file:, http to another host) is refused before any request is made.
 */
export const MAX_DATA_URL_LENGTH = 2000;

/** Why `url` cannot be a dataset URL, or null when it can. `pageOrigin`'s own files are fine. */
export function dataUrlProblem(url: string, pageOrigin?: string): string | null {
  if (url.length > MAX_DATA_URL_LENGTH)
    return `the data URL is longer than ${MAX_DATA_URL_LENGTH} characters`;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'the data URL is not a valid absolute URL (it must start with https://)';
  }
  if (u.protocol === 'https:' || u.origin === pageOrigin) return null;
  if (u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname)) return null;
  return 'the data URL must start with https:// (plain http only for localhost)';
}
