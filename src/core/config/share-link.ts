/**
 * A share link is the config's query string (url-codec.ts) plus keys about opening it:
 * `autorun=1` starts the run once the page is ready, `backend=` pins the tfjs backend so the
 * receiver computes the same numbers, `fp=` carries the sender's prediction fingerprint (16 hex
 * digits and the backend, prediction-fingerprint.ts) so the receiver sees whether the run
 * reproduced it. Results never go in a link: the receiver trains again.
 */
import type { ExperimentConfig } from './experiment';
import { encodeConfig } from './url-codec';
import { fingerprintParam } from '../results/prediction-fingerprint';

export interface ShareOptions {
  readonly autorun?: boolean;
  /** A backend name to pin (`webgpu`, `webgl`, `wasm`, `cpu`), or null to let the receiver choose. */
  readonly backend?: string | null;
  /** The sender's run to check against: its fingerprint and backend (`fp=`). */
  readonly fingerprint?: { readonly predictions: string; readonly backend: string } | null;
}

/** `v=2&…&autorun=1&backend=wasm`: the config (defaults left out), then the opening keys. */
export function shareQuery(config: ExperimentConfig, options: ShareOptions = {}): string {
  const params = encodeConfig(config);
  if (options.autorun) params.set('autorun', '1');
  if (options.backend) params.set('backend', options.backend);
  if (options.fingerprint) params.set('fp', fingerprintParam(options.fingerprint));
  // Commas, colons and slashes may stand unescaped in a query (RFC 3986) and decode the same, so
  // lists and dataset URLs stay readable: groupings=promo-mtl,joint-5task&data=https://…
  return params.toString().replace(/%2C|%3A|%2F/g, (m) => decodeURIComponent(m));
}

/** The full link: `base` is the page's address without its query (origin + path). */
export function shareUrl(base: string, config: ExperimentConfig, options: ShareOptions = {}): string {
  return `${base}?${shareQuery(config, options)}`;
}

/**
 * Keys that say how to open the page but carry no config; a link of only these is not a config
 * link. `bench=1` installs the benchmark hook (app/bench-hook.ts).
 */
const OPENING_KEYS = new Set(['autorun', 'backend', 'data', 'bench', 'fp']);

/**
 * Whether a query string carries a config (a version or any other key): `/?backend=cpu` or
 * `/?data=…` alone keep the app's opening config; anything else is decoded, and a link without a
 * version then gets the defaults and a notice.
 */
export function isConfigLink(params: URLSearchParams): boolean {
  for (const key of params.keys()) if (!OPENING_KEYS.has(key)) return true;
  return false;
}
