/**
 * Compile-time proof that the results schemas (results-schema.ts, rigor-schema.ts) and the
 * results types (results-types.ts, rigor-types.ts, cold-start-types.ts) describe the same object:
 * a field added, dropped, renamed, made optional or retyped on one side only fails `tsc -b` here.
 *
 * Why check rather than derive the types with z.infer: the types are what the code and the
 * editor read, with each field's meaning, unit and formula in its doc comment (z.infer keeps no
 * comments) and readonly throughout, and the schemas hold import-only rules (strict objects,
 * ranges, cross-field refinements) that the builder never needs. Deriving would move every
 * comment into the schema and every reader onto mutable inferred types; this file costs nothing
 * at run time (only types; nothing imports it) and leaves no room to drift.
 *
 * The comparison is exact up to readonly (Plain strips it at every depth): the same keys, the
 * same optionality, identical property types. `config` and `dataset` are verbatim pass-through
 * (typed `unknown`, schema'd as any JSON object), so only their presence is compared. The
 * schema nests an ablation grid one level deep (a grid never carries another), the type
 * recursively; the nested level is compared without its `ablationGrid`.
 */
import type { z } from 'zod';
import type { ColdStartResults } from './cold-start-types';
import type {
  AblationInfo,
  EpochRecord,
  ExperimentResults,
  GroupingResult,
  Headroom,
  SegmentResult,
} from './results-types';
import type { resultsSchema } from './results-schema';
import type { Interval, RigorResults } from './rigor-types';

/** T with readonly removed at every depth (objects and arrays), so the two spellings compare. */
type Plain<T> = T extends readonly (infer U)[]
  ? Plain<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Plain<T[K]> }
    : T;
/** True when A and B are identical after Plain (TypeScript's own identity test, not assignability). */
type Same<A, B> =
  (<X>() => X extends Plain<A> ? 1 : 2) extends <X>() => X extends Plain<B> ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

type PassThrough = 'config' | 'dataset';
type Doc = z.infer<typeof resultsSchema>;
type GroupingDoc = Doc['groupings'][number];
type RigorDoc = NonNullable<Doc['rigor']>;

/** Each part on its own, so a failure names the part that drifted; then the whole object. */
export type ResultsSchemaMatchesTypes = [
  Assert<Same<GroupingDoc['segments']['promo']['all'], SegmentResult>>,
  Assert<Same<GroupingDoc['history'][number], EpochRecord>>,
  Assert<Same<GroupingDoc, GroupingResult>>,
  Assert<Same<NonNullable<Doc['headroom']>, Headroom>>,
  Assert<Same<RigorDoc['ap'][string]['promo']['all'], Interval>>,
  Assert<Same<RigorDoc, RigorResults>>,
  Assert<Same<NonNullable<Doc['ablation']>, AblationInfo>>,
  Assert<Same<NonNullable<Doc['coldStart']>, ColdStartResults>>,
  Assert<Same<keyof Doc, keyof ExperimentResults>>,
  Assert<
    Same<Omit<Doc, PassThrough | 'ablationGrid'>, Omit<ExperimentResults, PassThrough | 'ablationGrid'>>
  >,
  Assert<
    Same<
      Omit<NonNullable<Doc['ablationGrid']>, PassThrough>,
      Omit<ExperimentResults, PassThrough | 'ablationGrid'>
    >
  >,
];
