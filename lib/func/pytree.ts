// Pytrees for the function transforms (functorch's torch.utils._pytree): nested arrays and plain objects whose
// leaves are tensors (or anything else). The transforms take and return pytrees of tensors, flatten them to
// lists to call the engine, and rebuild the same structure afterwards.
//
// Note [JS pytrees]: an array stands for both of Python's tuple and list, a plain object (Object.prototype or
// null prototype) for a dict, keeping its key order; everything else (a tensor, a number, null, a class
// instance, a Map) is a leaf. A spec records the structure; two specs are equal when the structure is.
import { isPlainObject } from '../kwargs.js';

/** The structure of a pytree: a leaf, an array of subtrees, or an object of subtrees under its keys. */
export type TreeSpec =
  | { readonly kind: 'leaf' }
  | { readonly kind: 'array'; readonly children: readonly TreeSpec[] }
  | { readonly kind: 'object'; readonly keys: readonly string[]; readonly children: readonly TreeSpec[] };

const LEAF: TreeSpec = { kind: 'leaf' };

function flattenInto(x: unknown, out: unknown[]): TreeSpec {
  if (Array.isArray(x)) return { kind: 'array', children: x.map((c) => flattenInto(c, out)) };
  if (isPlainObject(x)) {
    const keys = Object.keys(x);
    return { kind: 'object', keys, children: keys.map((k) => flattenInto(x[k], out)) };
  }
  out.push(x);
  return LEAF;
}

/** The leaves of `tree` in order (depth first), and its structure. */
export function treeFlatten(tree: unknown): [unknown[], TreeSpec] {
  const leaves: unknown[] = [];
  const spec = flattenInto(tree, leaves);
  return [leaves, spec];
}

/** How many leaves a tree of this structure has. */
export function numLeaves(spec: TreeSpec): number {
  return spec.kind === 'leaf' ? 1 : spec.children.reduce((n, c) => n + numLeaves(c), 0);
}

/** Rebuilds a tree of structure `spec` from its leaves (the inverse of treeFlatten). */
export function treeUnflatten(leaves: readonly unknown[], spec: TreeSpec): unknown {
  if (leaves.length !== numLeaves(spec))
    throw new RangeError(`treeUnflatten: the structure ${specString(spec)} has ${numLeaves(spec)} leaves but ${leaves.length} were given`);
  let i = 0;
  const build = (s: TreeSpec): unknown => {
    if (s.kind === 'leaf') return leaves[i++];
    if (s.kind === 'array') return s.children.map(build);
    const o: Record<string, unknown> = {};
    s.keys.forEach((k, j) => (o[k] = build(s.children[j])));
    return o;
  };
  return build(spec);
}

/** `tree` with every leaf replaced by fn(leaf). */
export function treeMap(fn: (leaf: unknown) => unknown, tree: unknown): unknown {
  const [leaves, spec] = treeFlatten(tree);
  return treeUnflatten(leaves.map(fn), spec);
}

/** Whether two structures are the same (same nesting, lengths and keys in the same order). */
export function specEqual(a: TreeSpec, b: TreeSpec): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'leaf') return true;
  const bc = (b as { children: readonly TreeSpec[] }).children;
  if (a.children.length !== bc.length) return false;
  if (a.kind === 'object' && a.keys.some((k, i) => k !== (b as { keys: readonly string[] }).keys[i])) return false;
  return a.children.every((c, i) => specEqual(c, bc[i]));
}

/** The structure as functorch's treespec_pprint shows it, in JS notation: `*` per leaf, `[*, *]`, `{a: *}`. */
export function specString(spec: TreeSpec): string {
  if (spec.kind === 'leaf') return '*';
  if (spec.kind === 'array') return `[${spec.children.map(specString).join(', ')}]`;
  return `{${spec.keys.map((k, i) => `${k}: ${specString(spec.children[i])}`).join(', ')}}`;
}
