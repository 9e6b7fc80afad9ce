// Graph nodes (PyTorch's Node): the backward function of one op, its saved tensors and its next edges.
import type { Tensor } from '../tensor.js';

/** An edge to the node that receives this input's gradient, and which of its inputs it is. */
export type Edge = [Node | null, number];

export interface TensorMeta {
  shape: number[];
  dtype: Tensor['dtype'];
}

let nextSequenceNr = 0;

/** Saves a tensor for backward together with its version, so in-place changes are caught when it is used. */
export class SavedTensor {
  constructor(
    readonly tensor: Tensor,
    readonly version: number,
    readonly isOutput: boolean,
  ) {}
}

export abstract class Node {
  /** PyTorch's node name, e.g. 'MulBackward0'. */
  abstract readonly name: string;
  readonly nextFunctions: Edge[];
  /** Shape and dtype of each input, so the engine can reduce broadcast grads back (see engine.ts). */
  readonly inputMeta: (TensorMeta | null)[];
  readonly sequenceNr = nextSequenceNr++;
  /** Hooks registered on the tensors this node produced, by output index. */
  preHooks: (((g: Tensor) => Tensor | void)[] | undefined)[] | null = null;
  /** retainGrad() targets among this node's outputs, by output index. */
  retained: (Tensor | undefined)[] | null = null;
  /** Per retained output: whether retainGrad() came before any hook was registered on it (see runPreHooks). */
  retainedFirst: (boolean | undefined)[] | null = null;
  /** JS stack of the forward call, kept only in anomaly mode. */
  forwardStack: string | null = null;

  // Engine scratch space, valid while `run` matches the engine's current run.
  run = 0;
  deps = 0;
  buffer: (Tensor | null)[] | null = null;

  constructor(nextFunctions: Edge[], inputMeta: (TensorMeta | null)[]) {
    this.nextFunctions = nextFunctions;
    this.inputMeta = inputMeta;
  }

  abstract apply(grads: (Tensor | null)[], needs: boolean[]): (Tensor | null)[];
  /** Frees saved tensors after a backward without retainGraph. */
  release(): void {}
  get numOutputs(): number {
    return 1;
  }
  toString(): string {
    return `<${this.name}>`;
  }
}
