/**
 * What the page's own address asks for at startup: a shared config (decoded, validated, with
 * notices), a bare `?data=` URL, a forced backend, `autorun=1`. Reading is pure
 * (readStartupLink); openFromLink applies it to the store, connects the worker, and starts the
 * autorun watch and the address-bar sync.
 */
import type { StoreApi } from 'zustand';
import { dataUrlProblem } from '../core/config/data-url';
import type { ExperimentConfig } from '../core/config/experiment';
import { isConfigLink, shareQuery } from '../core/config/share-link';
import { clip, decodeConfig } from '../core/config/url-codec';
import { BACKEND_ORDER, parseBackend } from '../worker/backend-names';
import type { BrowserBackend } from '../worker/protocol';
import { syncAddress } from './address-sync';
import { parseFingerprintParam, type ReproduceTarget } from '../core/results/prediction-fingerprint';
import { watchAutorun } from './autorun';
import type { AppState } from './types';

export interface StartupLink {
  /** The link's config, or null when the link carries none (the app's opening config stays). */
  readonly config: ExperimentConfig | null;
  /** A `?data=` without a config: loaded over the opening config (the behaviour before sharing). */
  readonly bareDataUrl: string | null;
  /** Plain-text problems with the link, for the notices. */
  readonly notices: readonly string[];
  readonly autorun: boolean;
  /** Why the run will not start by itself although the link asks; null when it may. */
  readonly autorunRefused: string | null;
  readonly forcedBackend: BrowserBackend | null;
  /** `fp=`: the sender's prediction fingerprint that the run should reproduce. */
  readonly reproduce: ReproduceTarget | null;
}

function openingNotices(params: URLSearchParams): string[] {
  const notices: string[] = [];
  const backend = params.get('backend');
  if (backend !== null && parseBackend(backend) === null)
    notices.push(
      `backend=${clip(backend, 20)} is not one of ${BACKEND_ORDER.join(', ')}; the backend is chosen automatically`,
    );
  const fp = params.get('fp');
  if (fp !== null && parseFingerprintParam(fp) === null)
    notices.push(
      `fp=${clip(fp, 40)} is not a prediction fingerprint (16 hex digits, then -backend); no reproduction check`,
    );
  const autorun = params.get('autorun');
  if (autorun !== null && autorun !== '1' && autorun !== '0')
    notices.push(`autorun=${clip(autorun, 20)} is ignored: only autorun=1 starts the run on open`);
  return notices;
}

/** Reads a page's query string (`location.search`); never throws, whatever the link holds. */
export function readStartupLink(search: string, pageOrigin?: string): StartupLink {
  const params = new URLSearchParams(search);
  const autorun = params.get('autorun') === '1';
  const forcedBackend = parseBackend(params.get('backend'));
  const notices = openingNotices(params);
  let config: ExperimentConfig | null = null;
  let localFile: string | undefined;
  if (isConfigLink(params)) {
    const decoded = decodeConfig(params, { pageOrigin });
    config = decoded.config;
    localFile = decoded.localFile;
    notices.push(...decoded.notices);
  }
  // A link that had to be corrected is not what its author ran: starting it anyway would
  // train something else (perhaps the several-minute defaults), so the user decides.
  const autorunRefused = !autorun
    ? null
    : localFile !== undefined
      ? `The run was not started by itself: open the file ${localFile} first, then press Start.`
      : notices.length > 0
        ? 'The run was not started by itself because of the problems with the link above; check the settings, then press Start.'
        : null;
  const bareDataUrl = config === null ? params.get('data') : null;
  const reproduce = parseFingerprintParam(params.get('fp'));
  return { config, bareDataUrl, notices, autorun, autorunRefused, forcedBackend, reproduce };
}

export interface OpenOptions {
  /** The page's query string (`location.search`). */
  readonly search: string;
  readonly origin?: string;
  /** Writes the address bar's query (history.replaceState); absent where there is no address. */
  readonly replaceQuery?: (query: string) => void;
}

/** Applies the page's link, then connects the worker (which builds or fetches its dataset). */
export function openFromLink(api: StoreApi<AppState>, connect: () => void, opts: OpenOptions): void {
  const link = readStartupLink(opts.search, opts.origin);
  const state = api.getState();
  if (link.config) state.setConfig(link.config);
  else if (link.bareDataUrl !== null) {
    const url = link.bareDataUrl;
    if (dataUrlProblem(url, opts.origin) === null)
      state.setConfig({ ...state.config, data: { kind: 'url', url } });
    else state.loadUrl(url); // reports the problem; connect builds the simulated dataset
  }
  state.addNotices(link.notices);
  if (link.reproduce) state.setReproduceTarget(link.reproduce);
  connect();
  if (link.autorun) watchAutorun(api, link.autorunRefused);
  if (!opts.replaceQuery) return;
  // The address becomes the config in use: without autorun (a reload must not run again) and
  // without what the notices reported, so they are not shown again on reload.
  if (link.config !== null || link.autorun)
    opts.replaceQuery(shareQuery(api.getState().config, { backend: link.forcedBackend }));
  syncAddress(api, { replace: opts.replaceQuery, backend: link.forcedBackend });
}
