/**
 * A CLI's `--config`: a share link (or its query), config JSON, or a file holding either, read
 * with the app's codec (versioned defaults, clamping, notices), so a link means what the app
 * means by it. Shared by `npm run experiment` and `npm run train:torch`.
 */
import { readFileSync } from 'node:fs';
import { type Normalized, normalizeConfig } from '../src/core/config/normalize';
import { decodeConfig } from '../src/core/config/url-codec';

/** The normalised config of `raw` (none: the defaults); `fail` reports unreadable JSON. */
export function readConfigArg(raw: string | undefined, fail: (message: string) => never): Normalized {
  if (raw === undefined) return normalizeConfig({});
  const text =
    raw.trim().startsWith('{') || raw.startsWith('?') || raw.includes('://')
      ? raw
      : readFileSync(raw, 'utf8');
  if (text.trim().startsWith('{')) {
    try {
      return normalizeConfig(JSON.parse(text));
    } catch (e) {
      fail(`--config is not valid JSON: ${(e as Error).message}`);
    }
  }
  return decodeConfig(text);
}
