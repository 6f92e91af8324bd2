/**
 * A feature column's values as they arrive, kept as numbers for as long as every value is a
 * number written canonically (String(Number(s)) === s, as writers print them), else interned as
 * strings. Numeric columns have many distinct values (listen hours, ages), and interning each one
 * in a Map was the loaders' largest cost; the fallback re-interns the earlier values exactly,
 * because a canonical number prints back to the very text it was read from.
 */
import { GrowF64, Interner, inferFeature } from './table-builder-cells';
import { featureGroupOf } from './schema';
import type { FeatureColumn } from './table';

export class FeatureValues {
  private nums: GrowF64 | null = new GrowF64();
  private strings: Interner | null = null;

  /** Adds one row's trimmed cell text ('' = missing). */
  push(s: string): void {
    const nums = this.nums;
    if (nums !== null) {
      if (s === '') {
        nums.push(Number.NaN);
        return;
      }
      const x = Number(s);
      if (Number.isFinite(x) && String(x) === s) {
        nums.push(x);
        return;
      }
      const strings = new Interner();
      for (let i = 0; i < nums.length; i++) {
        const v = nums.get(i);
        strings.push(Number.isNaN(v) ? '' : String(v));
      }
      this.strings = strings;
      this.nums = null;
    }
    this.strings!.push(s);
  }

  /** The column with its kind (numeric, categorical or multi) by the spec's rule. */
  toFeature(name: string): FeatureColumn {
    if (this.nums) return { name, group: featureGroupOf(name)!, kind: 'numeric', data: this.nums.toArray() };
    return inferFeature(name, this.strings!);
  }
}
