// tg.utils.data: PyTorch 1.13's torch.utils.data (single-process loading).
export { Dataset, IterableDataset, TensorDataset, ConcatDataset, ChainDataset, Subset, randomSplit } from './dataset.js';
export type { MapDataset } from './dataset.js';
export { Sampler, SequentialSampler, RandomSampler, SubsetRandomSampler, WeightedRandomSampler, BatchSampler } from './sampler.js';
export { defaultCollate, defaultConvert } from './collate.js';
export { DataLoader, getWorkerInfo } from './dataloader.js';
export type { WorkerInfo } from './dataloader.js';
