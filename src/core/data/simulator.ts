/**
 * The seeded impression simulator: a world of users, shows and ad campaigns, impressions drawn
 * day by day through two channels (promotions and ads), and labels drawn from calibrated
 * logistic models that share one latent user-show affinity. See docs/simulator.md.
 */
import { problemList } from './config-problems';
import { createRng } from './rng';
import { LABELS } from './schema';
import type { SimConfig } from './simulator-config';
import { drawImpressions } from './simulator-impressions';
import {
  AD_SOURCE_EFFECT,
  AUDIO_FORMAT,
  DEFAULT_SIM_MECHANISM,
  OUTCOMES,
  type SimMechanism,
  SPEAKER_DEVICE,
  WEIGHTS,
} from './simulator-mechanism';
import { buildSimFeatures, gather } from './simulator-features';
import { makeWorld } from './simulator-world';
import { runSteps, type Steps, within } from './steps';
import type { ImpressionTable } from './table';

/**
 * Default size and rates: ~315k impressions (21 days x 15000), 35% ads. Rates are per impression
 * (fractions). With a 15% test split (~3 days, ~15750 ad rows) the ad test rows hold roughly
 * 0.03 * 15750 ~ 470 stream positives, enough that AP differences are not pure noise.
 */
export const DEFAULT_SIM_CONFIG: SimConfig = {
  users: 20_000,
  shows: 2_000,
  days: 21,
  impressionsPerDay: 12_000,
  adShare: 0.35,
  baseRates: { promoStream: 0.06, adStream: 0.03, click: 0.08, like: 0.04, follow: 0.03 },
  longTailAdShare: 0.6,
  affinityStrength: 1.0,
};

export interface SimOptions {
  /** Write `stream_tier` (default true); false leaves it null so it must be derived. */
  readonly includeStreamTier?: boolean;
  /** Write `show_streams_30d` (default true); false leaves it null. */
  readonly includeShowStreams?: boolean;
  /** Overrides of the mechanism parameters (DEFAULT_SIM_MECHANISM). */
  readonly mechanism?: Partial<SimMechanism>;
}

/** Human-readable problems with a config (empty when valid). */
export function simConfigProblems(cfg: SimConfig): string[] {
  const { out, int, range: frac } = problemList();
  int(cfg.users, 'users', 1);
  int(cfg.shows, 'shows', 1);
  int(cfg.days, 'days', 1);
  int(cfg.impressionsPerDay, 'impressionsPerDay', 1);
  frac(cfg.adShare, 'adShare', 0, 1);
  frac(cfg.longTailAdShare, 'longTailAdShare', 0, 1);
  frac(cfg.affinityStrength, 'affinityStrength', 0, 10);
  for (const [k, v] of Object.entries(cfg.baseRates)) frac(v, `baseRates.${k}`, 1e-6, 1 - 1e-6);
  return out;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * The base logit b with mean over kept rows of sigmoid(b + eta_i) = target (Newton's method on
 * a monotone function, steps clipped to +-4 so it cannot overshoot far). `keep` = null keeps all.
 */
export function calibrateBase(
  eta: Float64Array,
  keep: ((i: number) => boolean) | null,
  target: number,
): number {
  let b = Math.log(target / (1 - target));
  for (let it = 0; it < 50; it++) {
    let f = 0;
    let df = 0;
    let k = 0;
    for (let i = 0; i < eta.length; i++) {
      if (keep !== null && !keep(i)) continue;
      const p = sigmoid(b + eta[i]);
      f += p;
      df += p * (1 - p);
      k++;
    }
    if (k === 0) return b;
    const step = Math.max(-4, Math.min(4, (f / k - target) / Math.max(df / k, 1e-12)));
    b -= step;
    if (Math.abs(step) < 1e-9) break;
  }
  return b;
}

/**
 * Simulates cfg.days * cfg.impressionsPerDay impressions (rows ordered by day 0..days-1) with
 * every random draw derived from `seed`: the same config, options and seed give identical
 * columns. `truth` holds each row's true p(stream) and p(click) (also where click is missing).
 */
export function simulate(cfg: SimConfig, seed: number, opts: SimOptions = {}): ImpressionTable {
  return runSteps(simulateSteps(cfg, seed, opts));
}

/** Rows labelled between two yields. */
const LABEL_ROWS_PER_STAGE = 65_536;

/** simulate() in stages (core/data/steps.ts): the world, stretches of rows, each outcome, labels. */
export function* simulateSteps(cfg: SimConfig, seed: number, opts: SimOptions = {}): Steps<ImpressionTable> {
  const problems = simConfigProblems(cfg);
  if (problems.length > 0) throw new RangeError(`Invalid simulator config: ${problems.join('; ')}`);
  const m: SimMechanism = { ...DEFAULT_SIM_MECHANISM, ...opts.mechanism };
  const rng = createRng(seed);
  yield { message: 'simulating users, shows and campaigns', fraction: 0 };
  const world = makeWorld(cfg.users, cfg.shows, m, rng.fork('world'));
  const imp = yield* within(drawImpressions(cfg, m, world, rng.fork('impressions')), 0.02, 0.6);
  const { n, source } = imp;

  // Outcome logits without their base: eta_o = sum_c W[o][c] * component_c + source effect.
  const eta: Float64Array[] = [];
  for (let o = 0; o < OUTCOMES; o++) {
    yield { message: 'simulating outcome logits', fraction: 0.6 + (0.1 * o) / OUTCOMES };
    const e = new Float64Array(n);
    WEIGHTS[o].forEach((wc, c) => {
      if (wc === 0) return;
      const comp = imp.components[c];
      for (let i = 0; i < n; i++) e[i] += wc * comp[i];
    });
    for (let i = 0; i < n; i++) e[i] += AD_SOURCE_EFFECT[o] * source[i];
    eta.push(e);
  }
  // Stream bases are calibrated per channel: that difference is the stream source effect.
  const r = cfg.baseRates;
  yield { message: 'calibrating base rates', fraction: 0.7 };
  const bPromo = calibrateBase(eta[0], (i) => source[i] === 0, r.promoStream);
  const bAd = calibrateBase(eta[0], (i) => source[i] === 1, r.adStream);
  yield { message: 'calibrating base rates', fraction: 0.75 };
  const bases = [0, r.click, r.like, r.follow].map((t, o) => (o === 0 ? 0 : calibrateBase(eta[o], null, t)));

  const pStream = new Float32Array(n);
  const pClick = new Float32Array(n);
  const labels = LABELS.map(() => new Uint8Array(n));
  const lr = rng.fork('labels');
  for (let i = 0; i < n; i++) {
    if (i % LABEL_ROWS_PER_STAGE === 0) yield { message: 'drawing labels', fraction: 0.8 + (0.15 * i) / n };
    const ps = sigmoid((source[i] === 1 ? bAd : bPromo) + eta[0][i]);
    const pc = sigmoid(bases[1] + eta[1][i]);
    pStream[i] = ps;
    pClick[i] = pc;
    labels[0][i] = lr.bernoulli(ps);
    labels[1][i] = lr.bernoulli(pc);
    labels[2][i] = lr.bernoulli(sigmoid(bases[2] + eta[2][i]));
    labels[3][i] = lr.bernoulli(sigmoid(bases[3] + eta[3][i]));
    // Unobservable labels: no click on a screenless speaker; no like/follow on audio ads.
    if (imp.device[i] === SPEAKER_DEVICE || lr.nextFloat() < m.labelLossShare) labels[1][i] = 255;
    const noCard = imp.format[i] === AUDIO_FORMAT;
    if (noCard || lr.nextFloat() < m.labelLossShare) labels[2][i] = 255;
    if (noCard || lr.nextFloat() < m.labelLossShare) labels[3][i] = 255;
  }

  yield { message: 'building feature columns', fraction: 0.95 };
  const showStreams = gather(imp.show, world.sStreams, new Float64Array(n));
  const tier = gather(imp.show, world.sTier, new Int8Array(n));
  return {
    n,
    source,
    day: imp.day,
    userId: { codes: imp.user, dict: Array.from({ length: cfg.users }, (_, u) => `u${u}`) },
    podcastId: { codes: imp.show, dict: Array.from({ length: cfg.shows }, (_, s) => `p${s}`) },
    labels: { stream: labels[0], click: labels[1], like: labels[2], follow: labels[3] },
    streamTier: opts.includeStreamTier === false ? null : tier,
    showStreams30d: opts.includeShowStreams === false ? null : showStreams,
    cost: imp.cost,
    features: buildSimFeatures(world, imp),
    ignoredColumns: [],
    truth: { pStream, pClick },
  };
}
