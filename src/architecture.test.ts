/**
 * The layering rules of docs/architecture.md as a test: dependencies point one way
 * (core <- ml <- worker <- store <- features <- app), the UI layers never reach tfjs code (not even
 * for a type: a type the UI needs belongs in core or in the worker protocol), features do not
 * import each other, and no two source files import each other through any chain (a cycle,
 * type-only ones included, means a type lives in the wrong file). A file's layer is the first
 * folder under src/, so moving files inside a layer needs no change here. The checks are pure
 * functions over a map file -> source text; the last tests run them on small made-up trees so
 * they cannot pass vacuously.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Layers in dependency order: a file may import only from its own layer or earlier ones. */
const LAYERS = ['core', 'ml', 'worker', 'store', 'charts', 'ui', 'features', 'app'] as const;
/** Layers that may not import the ml layer at all, types included (they go through worker/store). */
const NO_ML = new Set(['store', 'charts', 'ui', 'features']);
const FORBIDDEN_PACKAGES: Record<string, RegExp> = {
  core: /^(react|react-dom|recharts|zustand|@tensorflow\/)/,
  ml: /^(react|react-dom|recharts|zustand)/,
};

/** Source text by path relative to src/, with '/' separators. */
type SourceTree = Map<string, string>;

/** Every module specifier in `text`: import/export ... from, side-effect imports, import(). */
function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(
    /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(?\s*['"]([^'"]+)['"]/g,
  )) {
    out.push(m[1] ?? m[2]);
  }
  return out;
}

function layerOf(pathFromSrc: string): string {
  return pathFromSrc.split('/')[0];
}

/** The file a relative specifier names inside the tree (extension optional), else null. */
function resolveImport(tree: SourceTree, from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = posix.join(posix.dirname(from), spec.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    if (tree.has(candidate)) return candidate;
  }
  return null;
}

/** Layer-rule violations, one line each. */
function layerViolations(tree: SourceTree): string[] {
  const violations: string[] = [];
  for (const [file, text] of tree) {
    const layer = layerOf(file);
    const rank = LAYERS.indexOf(layer as (typeof LAYERS)[number]);
    if (rank < 0) continue;
    for (const spec of importsOf(text)) {
      if (!spec.startsWith('.')) {
        if (FORBIDDEN_PACKAGES[layer]?.test(spec)) {
          violations.push(`${file} imports ${spec}, which the ${layer} layer may not use`);
        }
        continue;
      }
      const target = posix.join(posix.dirname(file), spec);
      const targetLayer = layerOf(target);
      const targetRank = LAYERS.indexOf(targetLayer as (typeof LAYERS)[number]);
      if (targetRank > rank) violations.push(`${file} imports ${spec} (a later layer)`);
      if (NO_ML.has(layer) && targetLayer === 'ml') {
        violations.push(`${file} imports ${spec}: the ${layer} layer may not import ml`);
      }
      if (file.startsWith('core/metrics/') && target.startsWith('core/results/reports/')) {
        violations.push(`${file} imports ${spec}: the metrics' maths may not depend on a report`);
      }
      if (layer === 'features' && targetLayer === 'features') {
        if (file.split('/')[1] !== target.split('/')[1]) {
          violations.push(`${file} imports another feature: ${spec}`);
        }
      }
    }
  }
  return violations;
}

/** The import graph: file -> files it imports (relative specifiers that resolve inside the tree). */
function importGraph(tree: SourceTree): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [file, text] of tree) {
    const targets = importsOf(text).map((spec) => resolveImport(tree, file, spec));
    graph.set(file, [...new Set(targets.filter((t): t is string => t !== null))].sort());
  }
  return graph;
}

/**
 * Import cycles, one per strongly connected component with a cycle (Tarjan), each printed as
 * the shortest path from the component's first file back to itself: 'a.ts -> b.ts -> a.ts'.
 */
function importCycles(graph: Map<string, string[]>): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v) as number);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      components.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return components
    .filter((c) => c.length > 1 || (graph.get(c[0]) ?? []).includes(c[0]))
    .map((c) => {
      const cycle = shortestCycle(graph, new Set(c), c[0]);
      const rest = c.filter((f) => !cycle.includes(f));
      return cycle.join(' -> ') + (rest.length > 0 ? ` (same circle: ${rest.join(', ')})` : '');
    })
    .sort();
}

/** Breadth-first shortest path start -> ... -> start inside one component. */
function shortestCycle(graph: Map<string, string[]>, inside: Set<string>, start: string): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift() as string;
    for (const w of graph.get(v) ?? []) {
      if (w === start) {
        const path: string[] = [];
        for (let u = v; u !== start; u = parent.get(u) as string) path.unshift(u);
        return [start, ...path, start];
      }
      if (inside.has(w) && !parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start];
}

const SRC = import.meta.dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

describe('architecture', () => {
  const tree: SourceTree = new Map(
    sourceFiles(SRC).map((f) => [relative(SRC, f).split(sep).join('/'), readFileSync(f, 'utf8')]),
  );

  it('dependencies point one way: core <- ml <- worker <- store <- features <- app', () => {
    expect(layerViolations(tree)).toEqual([]);
  });

  it('no import cycle among the source files, type-only imports included', () => {
    expect(importCycles(importGraph(tree))).toEqual([]);
  });

  it('reads the tree it polices (so the checks above cannot pass vacuously)', () => {
    expect([...tree.keys()].some((f) => f.startsWith('core/'))).toBe(true);
    const graph = importGraph(tree);
    expect(graph.get('worker/client.ts')).toContain('worker/protocol.ts');
    expect(importsOf("import { x } from '../ml/y';\nconst m = await import('./z');")).toEqual([
      '../ml/y',
      './z',
    ]);
    expect(importsOf("import type { A } from './a';\nexport * from './b';\nimport './c.css';")).toEqual([
      './a',
      './b',
      './c.css',
    ]);
  });

  it("reports the metrics' maths importing a report", () => {
    const fake: SourceTree = new Map([
      ['core/results/reports/tables.ts', 'export const t = 1;'],
      ['core/metrics/ap.ts', "import { t } from '../results/reports/tables';"],
    ]);
    expect(layerViolations(fake)).toEqual([
      "core/metrics/ap.ts imports ../results/reports/tables: the metrics' maths may not depend on a report",
    ]);
  });

  it('reports a feature, chart or store file importing ml, even for a type', () => {
    const fake: SourceTree = new Map([
      ['ml/model/model.ts', 'export type Model = {};'],
      ['features/run/Panel.tsx', "import type { Model } from '../../ml/model';"],
      ['store/slice.ts', "import { Model } from '../ml/model';"],
      ['worker/handler.ts', "import { Model } from '../ml/model';"],
      ['app/harness.ts', "import { Model } from '../ml/model';"],
    ]);
    expect(layerViolations(fake)).toEqual([
      'features/run/Panel.tsx imports ../../ml/model: the features layer may not import ml',
      'store/slice.ts imports ../ml/model: the store layer may not import ml',
    ]);
  });

  it('reports later layers, other features and forbidden packages', () => {
    const fake: SourceTree = new Map([
      ['core/a.ts', "import { s } from '../store/s';\nimport * as tf from '@tensorflow/tfjs';"],
      ['features/x/X.tsx', "import { Y } from '../y/Y';"],
    ]);
    expect(layerViolations(fake)).toEqual([
      'core/a.ts imports ../store/s (a later layer)',
      'core/a.ts imports @tensorflow/tfjs, which the core layer may not use',
      'features/x/X.tsx imports another feature: ../y/Y',
    ]);
  });

  it('reports every import cycle as a path, type-only and re-exports included', () => {
    const fake: SourceTree = new Map([
      ['worker/protocol.ts', "import type { BenchResult } from './bench-commands';"],
      ['worker/bench-commands.ts', "import type { Command } from './protocol';"],
      ['core/a.ts', "export * from './b';"],
      ['core/b.ts', "import { c } from './c.ts';"],
      ['core/c.ts', "import { a } from './a';\nimport { d } from './d';"],
      ['core/d.ts', "export const d = 1;\nimport('./d');"],
      ['core/e.ts', "import { a } from './a';"],
    ]);
    expect(importCycles(importGraph(fake))).toEqual([
      'core/a.ts -> core/b.ts -> core/c.ts -> core/a.ts',
      'core/d.ts -> core/d.ts',
      'worker/bench-commands.ts -> worker/protocol.ts -> worker/bench-commands.ts',
    ]);
  });
});
