// A worker thread of test/runtimes/suite.mjs: loads tensorgrad (the addon again, in this thread) and sends back
// the gradient of sum(id * x * x) at x = 1 (2 id each).
import { parentPort, workerData } from 'node:worker_threads';
import tg from '../../dist/index.mjs';

const x = tg.ones([3], { requiresGrad: true });
x.mul(x).mul(workerData.id).sum().backward();
parentPort.postMessage({ id: workerData.id, grad: String(x.grad) });
