// The layers of lib/ (docs/architecture.md), checked by dependency-cruiser in `npm test`
// (test/meta/layers.test.ts). Each layer imports only itself and the layers below it; no import cycles.
//
//   base      lib/native.ts, op_codes.ts, dtype.ts, dtypes_public.ts, errors.ts, shape.ts, kwargs.ts, version.ts
//   storage   lib/storage.ts, gc_policy.ts, small_cast.ts
//   tensor    lib/tensor.ts, tensor_methods.ts, view_info.ts, format.ts, small_dtypes.ts, ops/**                      (autograd only through autograd/record.ts)
//   autograd  lib/autograd/**
//   library   lib/nn/**, optim/**, func/**, utils/**                   (no imports between them)
//   entry     lib/index.ts, api.ts, backends.ts, sharing.ts, workers.ts, serialization/**
//
// A type-only import (`import type`) is erased from the JavaScript, so it cannot make a load-order cycle; it
// still may not point upward.
const layers = [
  ['base', '^lib/(native|op_codes|dtype|dtypes_public|errors|shape|kwargs|version)\\.ts$'],
  ['storage', '^lib/(storage|gc_policy|small_cast)\\.ts$'],
  ['tensor', '^lib/(tensor|tensor_methods|view_info|format|small_dtypes)\\.ts$|^lib/ops/'],
  ['autograd', '^lib/autograd/'],
  ['library', '^lib/(nn|optim|func|utils)/'],
  ['entry', '^lib/(index|api|backends|sharing|workers)\\.ts$|^lib/serialization/'],
];
/** The one door from tensor/ops into autograd: record() by row name, grad mode, node types. */
const autogradDoor = '^lib/autograd/record\\.ts$';

const upward = layers.slice(0, -1).map(([name, path], i) => {
  const above = layers.slice(i + 1).map(([, p]) => `(${p})`).join('|');
  return {
    name: `layer-${name}`,
    comment: `${name} (${path}) may not import a layer above it`,
    severity: 'error',
    from: { path },
    to: name === 'tensor' ? { path: above, pathNot: autogradDoor } : { path: above },
  };
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'an import cycle: modules that load each other (type-only imports excepted)',
      severity: 'error',
      from: { path: '^lib/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    ...upward,
    {
      name: 'library-peers',
      comment: 'nn, optim, func and utils build on autograd and below, not on each other',
      severity: 'error',
      from: { path: '^lib/(nn|optim|func|utils)/' },
      to: { path: '^lib/(nn|optim|func|utils)/', pathNot: '^lib/$1/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that resolves to no file',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|build)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
// The layer table, for test/meta/layers.test.ts (every lib/ file is in exactly one layer); not enumerable, so
// dependency-cruiser's config validation does not see it.
Object.defineProperty(module.exports, 'layers', { value: layers, enumerable: false });
