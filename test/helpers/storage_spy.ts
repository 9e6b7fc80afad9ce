// Watching the storage layer from tests: which storages a piece of code releases. Shared by the engine's
// freeing tests (test/autograd/engine_memory.test.ts) and jacrev's (test/func/jac_speed.test.ts).
import { vi } from 'vitest';
import { Storage } from '../../lib/storage.js';

/** The storages released (disposed for the first time) while fn runs, in order. */
export function freedBy(fn: () => void): Storage[] {
  const freed: Storage[] = [];
  const dispose = Storage.prototype.dispose;
  vi.spyOn(Storage.prototype, 'dispose').mockImplementation(function (this: Storage) {
    if (!this.disposed) freed.push(this);
    dispose.call(this);
  });
  try {
    fn();
  } finally {
    vi.restoreAllMocks();
  }
  return freed;
}
