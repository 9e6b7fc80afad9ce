// Derivative-table rows of the spatial-transformer ops (lib/ops/grid_sampler.ts), spread into THE table `D` of
// derivatives.ts. GridSampler2DBackward0/3DBackward0 differentiate gridSample's tap composite (Note [Grid
// sampling as taps]) with a reentrant backward; affine_grid's backward is one bmm with the base grid.
import type { Tensor } from '../tensor.js';
import type { Derivative } from './function_node.js';
import { grad } from './backward.js';
import { enableGrad, differentiableFormulas } from './grad_mode.js';
import * as C from '../ops/creation.js';
import * as G from '../ops/grid_sampler.js';

type T = Tensor;
type Saved = { input: T; grid: T; o: G.GridSampleOptions };

/**
 * Grads of input and grid (null where not needed): a backward through the tap composite rebuilt on the saved
 * tensors. Without a graph being built it runs on detached leaves; with one (createGraph) it runs on the saved
 * tensors themselves, so the grads are differentiable in g, input and grid (double backward; PyTorch 1.13 has
 * none for grid_sampler_2d_backward). Nearest mode's grid grad is zeros, as PyTorch's.
 */
function gridSamplerGrads(g: T, s: Saved, needs: readonly boolean[]): (T | null)[] {
  const graph = differentiableFormulas();
  const ins = [s.input, s.grid].map((t) => (graph && t.requiresGrad ? t : t.detach().requiresGrad_(true)));
  const got = enableGrad(() => grad([G.gridSampleTaps(ins[0], ins[1], s.o)], ins, { gradOutputs: [g], createGraph: graph, allowUnused: true }));
  return got.map((r, i) => (!needs[i] ? null : r ?? C.zeros(ins[i].shape, { dtype: g.dtype })));
}

const gridSampler = (name: string): Derivative<Saved> => ({
  name, jvp: { notImplemented: name === 'GridSampler2DBackward0' ? 'grid_sampler_2d' : 'grid_sampler_3d' },
  grads: [0, 1].map((i) => (g: T, s: Saved) => gridSamplerGrads(g, s, [i === 0, i === 1])[i]),
  fused: (g: T, s: Saved, needs: boolean[]) => gridSamplerGrads(g, s, needs),
});

type AffineSaved = { size: number[]; alignCorners: boolean };

export const SAMPLING_ROWS = {
  nnGridSampler2d: gridSampler('GridSampler2DBackward0'),
  nnGridSampler3d: gridSampler('GridSampler3DBackward0'),
  nnAffineGrid: {
    name: 'AffineGridGeneratorBackward0',
    jvp: (t: readonly (T | null)[], s: AffineSaved) => (t[0] === null ? null : G.affineGridOf(t[0], s.size, s.alignCorners)),
    grads: [(g: T, s: AffineSaved) => G.affineGridBackward(g, s.size, s.alignCorners)],
  },
} satisfies Record<string, Derivative>;
