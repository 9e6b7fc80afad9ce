// tg.version: the package's version, as torch.__version__. A constant here rather than a read of
// package.json at import (one file read less at every start; a bundler keeps it); test/api/surface.test.ts
// fails when it differs from package.json, and `npm version` rewrites it (scripts/gen-version.cjs).
/**
 * The package's version string (semver), as PyTorch's `torch.__version__`.
 *
 * @see torch.__version__
 * @example
 * ```ts
 * typeof tg.version // => 'string'
 * /^\d+\.\d+\.\d+/.test(tg.version) // => true
 * ```
 */
export const version = '0.1.0';
