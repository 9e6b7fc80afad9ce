// makemore in tensorgrad: give it words, one per line, and it generates more words like them. The
// character-level transformer and the training recipe of karpathy/makemore's makemore.py (MIT): AdamW
// (betas 0.9/0.99, eps 1e-8), batches of random training words drawn with replacement, a loss line every 10
// steps, train/test loss every 500 (the model is saved when the test loss improves), samples every 200 steps
// and at the end. It takes makemore.py's flags and prints its lines; only --type transformer is implemented.
//   npm run example:makemore                       10,000 steps on names.txt, then samples
//   node examples/makemore/makemore.mjs --max-steps 2000 --seed 1
//   node examples/makemore/makemore.mjs --sample-only    50 names from the saved model
// A progress bar goes to stderr when it is a terminal; the lines of makemore.py go to stdout.
import { mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { clearLine, cursorTo } from 'node:readline';
import tg from 'tensorgrad';
import { Transformer, createDatasets } from './model.mjs';

const here = dirname(fileURLToPath(import.meta.url));

// makemore.py's flags: [long name, short alias, default, kind]. Paths default to this directory's files.
const FLAGS = [
  ['input-file', 'i', join(here, 'names.txt'), 'str'], ['work-dir', 'o', join(here, 'out'), 'str'],
  ['resume', null, false, 'bool'], ['sample-only', null, false, 'bool'], ['num-workers', 'n', 4, 'int'],
  ['max-steps', null, -1, 'int'], ['device', null, 'cpu', 'str'], ['seed', null, 3407, 'int'],
  ['top-k', null, -1, 'int'], ['type', null, 'transformer', 'str'], ['n-layer', null, 4, 'int'],
  ['n-head', null, 4, 'int'], ['n-embd', null, 64, 'int'], ['n-embd2', null, 64, 'int'],
  ['batch-size', 'b', 32, 'int'], ['learning-rate', 'l', 5e-4, 'float'], ['weight-decay', 'w', 0.01, 'float'],
];

function parseFlags(argv) {
  const options = {};
  for (const [name, short, , kind] of FLAGS) options[name] = { type: kind === 'bool' ? 'boolean' : 'string', ...(short ? { short } : {}) };
  const { values } = parseArgs({ args: argv, options, strict: true });
  const args = {};
  for (const [name, , def, kind] of FLAGS) {
    const raw = values[name];
    let v = raw === undefined ? def : raw;
    if (raw !== undefined && (kind === 'int' || kind === 'float')) {
      v = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(v) || (kind === 'int' && !Number.isInteger(v)))
        throw new TypeError(`argument --${name}: invalid ${kind} value: '${raw}'`);
    }
    args[name.replaceAll('-', '_')] = v;
  }
  return args;
}

/** A value as Python's repr prints it (for the vars(args) line makemore.py prints first). */
const pyRepr = (v) => (typeof v === 'string' ? `'${v}'` : typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v));

let args;
try {
  args = parseFlags(process.argv.slice(2));
} catch (e) {
  console.error(`makemore: ${e.message}`);
  process.exit(2);
}
if (args.type !== 'transformer') {
  console.error(`makemore: model type ${args.type} is not implemented here (only --type transformer)`);
  process.exit(2);
}
if (args.device !== 'cpu') {
  console.error(`makemore: tensorgrad runs on the CPU only (--device cpu), got --device ${args.device}`);
  process.exit(2);
}
console.log(`{${Object.entries(args).map(([k, v]) => `'${k}': ${pyRepr(v)}`).join(', ')}}`);

tg.manualSeed(args.seed);
tg.setNumThreads(Number(process.env.THREADS ?? 2));
mkdirSync(args.work_dir, { recursive: true });

// --- progress bar (stderr, terminals only): cleared before each stdout line and drawn again after it ---
const bar = process.stderr.isTTY ? { text: '' } : null;
function log(line) {
  if (bar && bar.text) {
    clearLine(process.stderr, 0);
    cursorTo(process.stderr, 0);
  }
  console.log(line);
  if (bar && bar.text) process.stderr.write(bar.text);
}
function progress(step, loss, msPerStep) {
  if (!bar) return;
  const width = Math.max(10, Math.min(40, (process.stderr.columns ?? 80) - 50));
  const total = args.max_steps;
  const frac = total > 0 ? step / total : 0;
  const filled = Math.round(width * frac);
  const meter = total > 0 ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${step}/${total}` : `step ${step}`;
  const eta = total > 0 ? `  eta ${Math.round(((total - step) * msPerStep) / 1000)}s` : '';
  bar.text = `${meter}  loss ${loss.toFixed(4)}  ${msPerStep.toFixed(2)}ms/step${eta}`;
  clearLine(process.stderr, 0);
  cursorTo(process.stderr, 0);
  process.stderr.write(bar.text);
}
function endProgress() {
  if (!bar || !bar.text) return;
  clearLine(process.stderr, 0);
  cursorTo(process.stderr, 0);
  bar.text = '';
}

// --- data and model ---
const [trainDataset, testDataset] = createDatasets(args.input_file, log);
const vocabSize = trainDataset.vocabSize(), blockSize = trainDataset.outputLength();
log(`dataset determined that: vocab_size=${vocabSize}, block_size=${blockSize}`);
const model = new Transformer({ vocabSize, blockSize, nLayer: args.n_layer, nHead: args.n_head, nEmbd: args.n_embd, nEmbd2: args.n_embd2 });
log(`number of parameters: ${(model.bodyParameterCount() / 1e6).toFixed(2)}M`);
log(`model #params: ${model.parameters().reduce((n, p) => n + p.numel(), 0)}`);
const modelPath = join(args.work_dir, 'model.safetensors');
if (args.resume || args.sample_only) {
  log('resuming from existing model in the workdir');
  if (!existsSync(modelPath)) {
    console.error(`makemore: no saved model at ${modelPath} (train first)`);
    process.exit(1);
  }
  model.loadStateDict(tg.load(modelPath));
}

/** Completes each row of idx (int32 [b, t]) by maxNewTokens tokens sampled from the model's next-token distribution. */
function generate(idx, maxNewTokens, { temperature = 1.0, doSample = false, topK = null } = {}) {
  return tg.noGrad(() => {
    for (let s = 0; s < maxNewTokens; s++) {
      const t = idx.shape[1];
      const cond = t <= blockSize ? idx : idx.narrow(1, t - blockSize, blockSize);
      const [logits] = model(cond);
      let last = logits.select(1, -1).div(temperature);
      if (topK !== null) {
        const [v] = tg.topk(last, topK);
        last = last.maskedFill(last.lt(v.narrow(1, topK - 1, 1)), -Infinity);
      }
      const probs = tg.nn.functional.softmax(last, -1);
      const next = doSample ? tg.multinomial(probs, 1) : tg.topk(probs, 1, -1)[1];
      idx = tg.cat([idx, next], 1);
    }
    return idx;
  });
}

/** Samples num words and prints them grouped as in the training set, the test set, or new. */
function printSamples(num = 10) {
  const start = tg.zeros([num, 1], { dtype: 'int32' });
  const topK = args.top_k !== -1 ? args.top_k : null;
  const rows = generate(start, trainDataset.outputLength() - 1, { topK, doSample: true }).tolist();
  const groups = { 'in train': [], 'in test': [], new: [] };
  for (const row of rows) {
    let r = row.slice(1); // without the <START> token
    const stop = r.indexOf(0); // <STOP> ends the word
    if (stop >= 0) r = r.slice(0, stop);
    const word = trainDataset.decode(r);
    groups[trainDataset.contains(word) ? 'in train' : testDataset.contains(word) ? 'in test' : 'new'].push(word);
  }
  log('-'.repeat(80));
  for (const [desc, words] of Object.entries(groups)) {
    log(`${words.length} samples that are ${desc}:`);
    for (const w of words) log(w);
  }
  log('-'.repeat(80));
}

/** Mean loss over shuffled batches, maxBatches + 1 of them at most (makemore.py's loop stops after i >= maxBatches). */
function evaluate(dataset, batchSize = 50, maxBatches = null) {
  model.eval();
  const order = tg.randperm(dataset.length).tolist();
  const losses = [];
  tg.noGrad(() => {
    for (let i = 0, at = 0; at < order.length; i++, at += batchSize) {
      const [X, Y] = dataset.batch(order.slice(at, at + batchSize));
      losses.push(model(X, Y)[1].item());
      if (maxBatches !== null && i >= maxBatches) break;
    }
  });
  model.train();
  return Math.fround(losses.reduce((a, b) => a + Math.fround(b), 0) / losses.length);
}

/** A float as Python's print(float) shows it (shortest round-trip repr, '.0' kept on integers). */
const pyFloat = (x) => (Number.isInteger(x) ? x.toFixed(1) : String(x));

if (args.sample_only) {
  printSamples(50);
  process.exit(0);
}

const optimizer = new tg.optim.AdamW(model.parameters(), { lr: args.learning_rate, weightDecay: args.weight_decay, betas: [0.9, 0.99], eps: 1e-8 });

// --- training ---
let bestLoss = null;
const stepMs = [];
let lastTest = null, lastTrain = null;
for (let step = 0; ; step++) {
  const t0 = performance.now();
  // a batch of random training words, drawn with replacement (makemore.py's RandomSampler(replacement=True))
  const [X, Y] = trainDataset.batch(tg.randint(0, trainDataset.length, [args.batch_size], { dtype: 'int32' }).tolist());
  const [, loss] = model(X, Y);
  model.zeroGrad({ setToNone: true });
  loss.backward();
  optimizer.step();
  const lossValue = loss.item();
  const ms = performance.now() - t0;
  stepMs.push(ms);

  if (step % 10 === 0) log(`step ${step} | loss ${lossValue.toFixed(4)} | step time ${ms.toFixed(2)}ms`);
  if (step % 10 === 0 || step === args.max_steps - 1) progress(step + 1, lossValue, median(stepMs.slice(-50)));

  if (step > 0 && step % 500 === 0) {
    lastTrain = evaluate(trainDataset, 100, 10);
    lastTest = evaluate(testDataset, 100, 10);
    log(`step ${step} train loss: ${pyFloat(lastTrain)} test loss: ${pyFloat(lastTest)}`);
    if (bestLoss === null || lastTest < bestLoss) {
      log(`test loss ${pyFloat(lastTest)} is the best so far, saving model to ${modelPath}`);
      tg.save(model.stateDict(), modelPath);
      bestLoss = lastTest;
    }
  }
  if (step > 0 && step % 200 === 0) printSamples(10);
  if (args.max_steps >= 0 && step + 1 >= args.max_steps) break;
}
endProgress();

function median(xs) {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// The summary (not printed by makemore.py): the losses at the last step over the whole of both sets' batches
// as makemore.py evaluates them, the median step time after the first 10 (warm-up) steps, and samples.
const finalTrain = evaluate(trainDataset, 100, 10), finalTest = evaluate(testDataset, 100, 10);
const timed = stepMs.length > 10 ? stepMs.slice(10) : stepMs;
console.log(`final (${stepMs.length} steps): train loss ${finalTrain.toFixed(4)} | test loss ${finalTest.toFixed(4)} | ` +
  `median step time ${median(timed).toFixed(2)}ms on ${tg.getNumThreads()} threads`);
printSamples(10);
console.log(`@@${JSON.stringify({ steps: stepMs.length, train_loss: finalTrain, test_loss: finalTest, median_step_ms: median(timed) })}`);
