// tg.utils.data.getWorkerInfo and DataLoader.checkWorkerNumberRationality (lib/utils/data/dataloader.ts):
// tensorgrad's DataLoader loads in the calling thread (numWorkers 0), so a dataset sees no worker info, as a
// PyTorch dataset read in the main process does, and the worker-count check has nothing to warn about.
import { describe, expect, it, vi } from 'vitest';
import tg from '../../lib/index.js';

describe('getWorkerInfo / checkWorkerNumberRationality', () => {
  it('is null in the main thread and inside a dataset read by the DataLoader', () => {
    expect(tg.utils.data.getWorkerInfo()).toBeNull();
    const seen: unknown[] = [];
    const ds = { length: 3, get: (i: number) => { seen.push(tg.utils.data.getWorkerInfo()); return tg.tensor([i]); } };
    const batches = [...new tg.utils.data.DataLoader(ds, { batchSize: 2 })];
    expect(batches.length).toBe(2);
    expect(seen).toEqual([null, null, null]);
  });
  it('checkWorkerNumberRationality warns about nothing with numWorkers 0, and numWorkers > 0 is refused', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const dl = new tg.utils.data.DataLoader([1, 2, 3], { numWorkers: 0 });
      expect(dl.checkWorkerNumberRationality()).toBeUndefined();
      expect(warn).not.toHaveBeenCalled();
    } finally { warn.mockRestore(); }
    expect(() => new tg.utils.data.DataLoader([1, 2, 3], { numWorkers: 2 })).toThrow(/^DataLoader: tensorgrad loads data in the calling thread/);
  });
});
