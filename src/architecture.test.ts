import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Layers in dependency order: a file may import only from its own layer or earlier ones. */
const LAYERS = ['core', 'ml', 'worker', 'store', 'charts', 'ui', 'features', 'app'] as const;
const FORBIDDEN_PACKAGES: Record<string, RegExp> = {
  core: /^(react|react-dom|recharts|zustand|@tensorflow\/)/,
  ml: /^(react|react-dom|recharts|zustand)/,
};

const SRC = join(import.meta.dirname, '.');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(
    /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]/g,
  )) {
    out.push(m[1] ?? m[2]);
  }
  return out;
}

function layerOf(pathFromSrc: string): string {
  return pathFromSrc.split('/')[0];
}

describe('architecture', () => {
  const files = sourceFiles(SRC).map((f) => relative(SRC, f));

  it('dependencies point one way: core <- ml <- worker <- store/features <- app', () => {
    const violations: string[] = [];
    for (const file of files) {
      const layer = layerOf(file);
      const rank = LAYERS.indexOf(layer as (typeof LAYERS)[number]);
      if (rank < 0) continue;
      for (const spec of importsOf(readFileSync(join(SRC, file), 'utf8'))) {
        if (spec.startsWith('.')) {
          const target = relative(SRC, join(SRC, file, '..', spec));
          const targetRank = LAYERS.indexOf(layerOf(target) as (typeof LAYERS)[number]);
          if (targetRank > rank) violations.push(`${file} imports ${spec} (a later layer)`);
          if (layer === 'features' && layerOf(target) === 'features') {
            const [, a] = file.split('/');
            const [, b] = target.split('/');
            if (a !== b) violations.push(`${file} imports another feature: ${spec}`);
          }
        } else if (FORBIDDEN_PACKAGES[layer]?.test(spec)) {
          violations.push(`${file} imports ${spec}, which the ${layer} layer may not use`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('finds the layers it polices (so the check above cannot pass vacuously)', () => {
    expect(files.some((f) => f.startsWith('core/'))).toBe(true);
    expect(importsOf("import { x } from '../ml/y';\nconst m = await import('./z');")).toEqual([
      '../ml/y',
      './z',
    ]);
  });
});
