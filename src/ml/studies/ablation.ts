/**
 * Runs an ablation grid (core/config/ablation.ts) as a study whose arms are the grid's variants
 * and whose baseline is the unchanged target, so every table and interval of a comparison
 * applies to the grid as well.
 */
import { ablationGrid, FULL_ARM, gridOnly } from '../../core/config/ablation';
import type { ExperimentConfig, GroupingId } from '../../core/config/experiment';
import type { PreparedData } from '../../core/data/prepare';
import { FEATURE_GROUPS, type FeatureGroup } from '../../core/data/schema';
import type { ExperimentResults } from '../../core/results/results';
import type { StudyDefinition } from './lifecycle';
import { runStudy, type StudyOptions, studyOptionsOf } from './comparison';

/** Feature groups with at least one input column (user_id and podcast_id count for user and content). */
export function featureGroupsIn(data: PreparedData): FeatureGroup[] {
  const present = new Set<FeatureGroup>(['user', 'content']);
  for (const f of data.table.features) present.add(f.group);
  return FEATURE_GROUPS.filter((g) => present.has(g));
}

export async function runAblation(
  data: PreparedData,
  cfg: ExperimentConfig,
  target: GroupingId,
  opts: Omit<StudyOptions, 'arms' | 'baseline'>,
  /** Arm ids to run besides `full` (all when absent); unknown ids are refused. */
  only?: readonly string[],
): Promise<ExperimentResults> {
  const full = ablationGrid(cfg, target, featureGroupsIn(data));
  const unknown = (only ?? []).filter((id) => !full.arms.some((a) => a.id === id));
  if (unknown.length)
    throw new Error(
      `no arm ${unknown.join(', ')} in the grid of ${target} (arms: ${full.arms.map((a) => a.id).join(', ')})`,
    );
  const grid = gridOnly(full, only);
  const { results } = await runStudy(data, cfg, { ...opts, arms: grid.arms, baseline: FULL_ARM });
  return {
    ...results,
    ablation: {
      target,
      arms: grid.arms.map((a) => ({ id: a.id, change: a.change })),
      skipped: grid.skipped,
    },
  };
}

/** The ablation grid of spec.target (only spec.arms besides the unchanged model, when given). */
export const ablationStudy: StudyDefinition<'ablation'> = {
  kind: 'ablation',
  async run(data, cfg, spec, ctx) {
    const results = await runAblation(data, cfg, spec.target, studyOptionsOf(ctx), spec.arms);
    return { study: { kind: 'ablation', results } };
  },
};
