// tg.safetensors (save, load, loadMetadata, serialize, deserialize); tg.save / tg.load are save and load.
import { save, load, loadMetadata, serialize, deserialize } from './safetensors.js';

export type { TensorDict, Metadata } from './safetensors.js';
export { save, load };
export const safetensors = { save, load, loadMetadata, serialize, deserialize };
