/** The checks a generator's config goes through, collected as sentences for the user. */
export interface ProblemList {
  readonly out: string[];
  /** v must be an integer >= min. */
  int(v: number, name: string, min: number): void;
  /** v must lie in [lo, hi] (NaN fails). */
  range(v: number, name: string, lo: number, hi: number): void;
}

export function problemList(): ProblemList {
  const out: string[] = [];
  return {
    out,
    int(v, name, min) {
      if (!Number.isInteger(v) || v < min) out.push(`${name} must be an integer >= ${min} (got ${v})`);
    },
    range(v, name, lo, hi) {
      if (!(v >= lo && v <= hi)) out.push(`${name} must be in [${lo}, ${hi}] (got ${v})`);
    },
  };
}
