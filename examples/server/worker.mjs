// A pool worker: rebuilds the model from the shared stateDict the server sent (tg.workers.workerData(): the
// weights arrive in shared memory, no copy) and answers each request, float32 pixels of n images in shared
// memory, with softmax(model(x)) as an [n, 10] tensor.
import tg from 'tensorgrad';
import { makeModel, DIM } from './model.mjs';

const { state } = tg.workers.workerData();
const model = makeModel();
if (state) model.loadStateDict(state);
model.eval();
tg.workers.serve((pixels) => tg.noGrad(() => tg.softmax(model.forward(tg.tensor(pixels).reshape([-1, DIM])), 1)));
