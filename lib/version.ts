// tg.version: the package's version, as torch.__version__. A constant here rather than a read of
// package.json at import (one file read less at every start; a bundler keeps it); test/api/surface.test.ts
// fails when it differs from package.json, and `npm version` rewrites it (scripts/gen-version.cjs).
export const version = '0.1.0';
