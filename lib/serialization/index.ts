// tg.safetensors (save, load, loadMetadata, serialize, deserialize); tg.save / tg.load are save and load.
import * as ST from './safetensors.js';
import type { Tensor } from '../tensor.js';
import type { Module } from '../nn/module.js';
import { kw, signature } from '../kwargs.js';

export type { TensorDict, Metadata } from './safetensors.js';

type Tensors = ST.TensorDict | Map<string, Tensor> | Module;
// Signatures as safetensors.torch names them (Note [Keyword arguments]); a plain object is the tensors or
// the metadata where those stand unless every key is an argument name.
export const save = kw(signature('save', 'tensors{}, filename, metadata{}'), function save(tensors: Tensors, filename: string, metadata?: ST.Metadata | { metadata?: ST.Metadata } | null): void {
  ST.save(tensors, filename, { metadata: (metadata ?? undefined) as ST.Metadata | undefined });
});
export const load = kw(signature('load', 'filename'), ST.load);
export const safetensors = {
  save,
  load,
  loadMetadata: kw(signature('safetensors.loadMetadata', 'filename'), ST.loadMetadata),
  serialize: kw(signature('safetensors.serialize', 'tensors{}, metadata{}'), ST.serialize),
  deserialize: kw(signature('safetensors.deserialize', 'data'), ST.deserialize),
};
