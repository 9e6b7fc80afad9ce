// tg.safetensors (save, load, loadMetadata, serialize, deserialize); tg.save / tg.load are save and load.
import * as ST from './safetensors.js';
import type { Tensor } from '../tensor.js';
import type { Module } from '../nn/module.js';
import { kw, signature } from '../kwargs.js';

export type { TensorDict, Metadata } from './safetensors.js';

type Tensors = ST.TensorDict | Map<string, Tensor> | Module;
// Signatures as safetensors.torch names them (Note [Keyword arguments]); a plain object is the tensors or
// the metadata where those stand unless every key is an argument name.
/**
 * Writes tensors (an object, a Map or a module's stateDict) to a .safetensors file.
 *
 * @see safetensors.torch.save_file
 * @example
 * ```ts
 * const f = require('node:path').join(require('node:os').tmpdir(), 'tg-doc-save.safetensors')
 * tg.save({ w: tg.ones(2) }, f)
 * tg.load(f).w // tensor([1., 1.])
 * ```
 */
export const save = kw(signature('save', 'tensors{}, filename, metadata{}'), function save(tensors: Tensors, filename: string, metadata?: ST.Metadata | { metadata?: ST.Metadata } | null): void {
  ST.save(tensors, filename, { metadata: (metadata ?? undefined) as ST.Metadata | undefined });
});
/**
 * Reads every tensor of a .safetensors file into an object.
 *
 * @see safetensors.torch.load_file
 * @example
 * ```ts
 * const f = require('node:path').join(require('node:os').tmpdir(), 'tg-doc-load.safetensors')
 * tg.safetensors.save({ b: tg.arange(3) }, f)
 * tg.safetensors.load(f).b // tensor([0., 1., 2.])
 * ```
 */
export const load = kw(signature('load', 'filename'), ST.load);
/** The safetensors format (safetensors.torch): save, load, loadMetadata, serialize, deserialize; tg.save and tg.load are save and load. */
export const safetensors = {
  save,
  load,
  /**
   * The `__metadata__` of a .safetensors file (or null).
   *
   * @see safetensors.safe_open.metadata
   * @example
   * ```ts
   * const f = require('node:path').join(require('node:os').tmpdir(), 'tg-doc-meta.safetensors')
   * tg.safetensors.save({ b: tg.ones(1) }, f, { format: 'pt' })
   * tg.safetensors.loadMetadata(f) // => { format: 'pt' }
   * ```
   */
  loadMetadata: kw(signature('safetensors.loadMetadata', 'filename'), ST.loadMetadata),
  /**
   * The safetensors bytes of a set of tensors (no file).
   *
   * @see safetensors.torch.save
   * @example
   * ```ts
   * const bytes = tg.safetensors.serialize({ a: tg.ones(2) })
   * tg.safetensors.deserialize(bytes).tensors.a // tensor([1., 1.])
   * ```
   */
  serialize: kw(signature('safetensors.serialize', 'tensors{}, metadata{}'), ST.serialize),
  /**
   * Parses safetensors bytes into `{ tensors, metadata }`.
   *
   * @see safetensors.torch.load
   * @example
   * ```ts
   * const bytes = tg.safetensors.serialize({ a: tg.eye(2) }, { note: 'x' })
   * tg.safetensors.deserialize(bytes).metadata // => { note: 'x' }
   * ```
   */
  deserialize: kw(signature('safetensors.deserialize', 'data'), ST.deserialize),
};
