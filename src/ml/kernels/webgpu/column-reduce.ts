/**
 * The column-reduction pattern of our webgpu kernels: a workgroup of 16 columns x 16 row lanes,
 * lane r summing rows r, r + 16, r + 32, ... of its column in increasing order, then the 16 lane
 * sums added pairwise in a fixed tree (8, 4, 2, 1 apart) through workgroup memory. Fixed order,
 * no atomics: the same bits on every run. Why 16 x 16: adjacent invocations read adjacent columns
 * of one row (coalesced loads of a row-major [B, n] matrix), and 256 invocations suit both
 * discrete and integrated GPUs; 16 lanes give each a batch-512 column 32 rows to sum serially.
 */

/** Columns per workgroup, and row lanes per column. */
export const COLS = 16;
export const LANES = 16;

/**
 * WGSL: a workgroup array `red` and `fn reduce(v: f32) -> f32`, which every invocation of the
 * workgroup calls in uniform control flow with its lane's partial sum, and which returns the
 * column's total to all 16 lanes (lid.x = column within the group, lid.y = lane).
 */
export const REDUCE_WGSL = `
var<workgroup> red: array<array<f32, ${LANES}>, ${COLS}>;
fn reduce(v: f32, lid: vec3<u32>) -> f32 {
  red[lid.x][lid.y] = v;
  workgroupBarrier();
  for (var s = ${LANES / 2}u; s > 0u; s = s / 2u) {
    if (lid.y < s) { red[lid.x][lid.y] = red[lid.x][lid.y] + red[lid.x][lid.y + s]; }
    workgroupBarrier();
  }
  let total = red[lid.x][0];
  workgroupBarrier();
  return total;
}`;

/**
 * A whole column-reduction shader: `decls` (bindings and uniforms), REDUCE_WGSL, and an entry
 * point of COLS x LANES invocations that defines `c` (this invocation's column), `lid` and `wid`
 * before `body`.
 */
export function columnKernelWgsl(decls: string, body: string): string {
  return `${decls}
${REDUCE_WGSL}
@compute @workgroup_size(${COLS}, ${LANES})
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let c = wid.x * ${COLS}u + lid.x;
${body}
}`;
}
