// Storage: the native buffer behind one or more tensors (views share it), with its version counter.
import { native, Storage as Data } from './native.js';
import { engineState } from './autograd/engine_state.js';

export type { Data };

export class Storage {
  /** Bumped by every in-place write; saved tensors compare it at backward time. */
  version = 0;
  /** Engine run during which this storage was made (0 outside backward); see Note [Stealing grads]. */
  readonly born = engineState.run;
  deliveries = 0;
  deliveryRun = 0;
  disposed = false;

  constructor(public data: Data) {}

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    native.dispose(this.data);
  }
}
