// The makemore transformer (a GPT-2-style character model) and its data, in tensorgrad. Shared by
// makemore.mjs (the training program) and the benchmark worker (bench/workers/tensorgrad.mjs, row W12), so
// both run one model. The recipe follows karpathy/makemore's makemore.py (MIT; see README.md).
import { readFileSync } from 'node:fs';
import tg from 'tensorgrad';

const { nn } = tg;
const F = nn.functional;

/**
 * Causal multi-head self-attention: one Linear gives queries, keys and values for all heads; each position
 * attends to itself and the positions before it (F.scaledDotProductAttention with isCausal, one fused node);
 * one Linear projects the heads' outputs back to nEmbd channels.
 */
class CausalSelfAttention extends nn.Module {
  constructor(cfg) {
    super();
    if (cfg.nEmbd % cfg.nHead !== 0) throw new RangeError(`n_embd (${cfg.nEmbd}) must be a multiple of n_head (${cfg.nHead})`);
    this.c_attn = new nn.Linear(cfg.nEmbd, 3 * cfg.nEmbd);
    this.c_proj = new nn.Linear(cfg.nEmbd, cfg.nEmbd);
    // makemore.py's causal mask buffer, kept so the state dict matches the reference's (the attention itself
    // masks with isCausal)
    this.registerBuffer('bias', tg.tril(tg.ones([cfg.blockSize, cfg.blockSize])).view([1, 1, cfg.blockSize, cfg.blockSize]));
    this.nHead = cfg.nHead;
    this.nEmbd = cfg.nEmbd;
  }

  forward(x) {
    const [B, T, C] = x.shape;
    const hs = C / this.nHead;
    // (B, T, 3C) -> three (B, nh, T, hs) views, heads moved next to the batch
    const [q, k, v] = this.c_attn(x).split(this.nEmbd, 2).map((t) => t.view([B, T, this.nHead, hs]).transpose(1, 2));
    // softmax(q kᵀ / sqrt(hs) + causal mask) v, as nanoGPT's flash path: the fused kernel reads the transposed
    // views in place and never builds the (B, nh, T, T) weights (makemore.py writes this chain by hand)
    const y = F.scaledDotProductAttention(q, k, v, { isCausal: true }).transpose(1, 2).contiguous().view([B, T, C]);
    return this.c_proj(y);
  }
}

/** Pre-norm transformer block: x + attn(ln_1(x)), then x + mlp(ln_2(x)) with a 4x wide GELU (tanh) MLP. */
class Block extends nn.Module {
  constructor(cfg) {
    super();
    this.ln_1 = new nn.LayerNorm(cfg.nEmbd);
    this.attn = new CausalSelfAttention(cfg);
    this.ln_2 = new nn.LayerNorm(cfg.nEmbd);
    this.mlp = new nn.ModuleDict({
      c_fc: new nn.Linear(cfg.nEmbd, 4 * cfg.nEmbd),
      c_proj: new nn.Linear(4 * cfg.nEmbd, cfg.nEmbd),
      act: new nn.GELU({ approximate: 'tanh' }),
    });
    // makemore.py's mlpf; a `_` name is not registered (its modules are the ModuleDict's), and the lookups are
    // done once here rather than on every forward.
    const [fc, act, proj] = ['c_fc', 'act', 'c_proj'].map((k) => this.mlp.get(k));
    this._mlpf = (x) => proj(act(fc(x)));
  }

  forward(x) {
    x = x.add(this.attn(this.ln_1(x)));
    return x.add(this._mlpf(this.ln_2(x)));
  }
}

/** Token and position embeddings, nLayer blocks, a final LayerNorm and a bias-free head to vocabSize logits. */
export class Transformer extends nn.Module {
  constructor(cfg) {
    super();
    this.blockSize = cfg.blockSize;
    this.nLayer = cfg.nLayer;
    this.transformer = new nn.ModuleDict({
      wte: new nn.Embedding(cfg.vocabSize, cfg.nEmbd),
      wpe: new nn.Embedding(cfg.blockSize, cfg.nEmbd),
      h: new nn.ModuleList(Array.from({ length: cfg.nLayer }, () => new Block(cfg))),
      ln_f: new nn.LayerNorm(cfg.nEmbd),
    });
    this.lm_head = new nn.Linear(cfg.nEmbd, cfg.vocabSize, { bias: false });
    this.pos = tg.arange(cfg.blockSize, { dtype: 'int32' }).view([1, cfg.blockSize]);
  }

  /** Parameters outside lm_head, the count makemore.py prints as "number of parameters". */
  bodyParameterCount() {
    return this.transformer.parameters().reduce((n, p) => n + p.numel(), 0);
  }

  /** logits (B, T, vocab) and, with targets (-1 = ignored), the mean cross entropy over the kept positions. */
  forward(idx, targets = null) {
    const [, t] = idx.shape;
    if (t > this.blockSize) throw new RangeError(`Cannot forward sequence of length ${t}, block size is only ${this.blockSize}`);
    const tr = this.transformer;
    let x = tr.get('wte')(idx).add(tr.get('wpe')(this.pos.narrow(1, 0, t)));
    for (let i = 0; i < this.nLayer; i++) x = tr.get('h').get(i)(x);
    const logits = this.lm_head(tr.get('ln_f')(x));
    const loss = targets === null ? null
      : F.crossEntropy(logits.view([-1, logits.shape[2]]), targets.view([-1]), { ignoreIndex: -1 });
    return [logits, loss];
  }
}

/**
 * Words as training pairs: x is <START>=0 then the word's characters (1..26), y the characters then <STOP>=0,
 * both padded to maxWordLength + 1, y's padding -1 (ignored by the loss).
 */
export class CharDataset {
  constructor(words, chars, maxWordLength) {
    this.words = words;
    this.wordSet = new Set(words);
    this.chars = chars;
    this.maxWordLength = maxWordLength;
    this.stoi = new Map(chars.map((c, i) => [c, i + 1]));
    this.itos = new Map(chars.map((c, i) => [i + 1, c]));
  }
  get length() { return this.words.length; }
  contains(word) { return this.wordSet.has(word); }
  vocabSize() { return this.chars.length + 1; }
  outputLength() { return this.maxWordLength + 1; }
  decode(ix) { return ix.map((i) => this.itos.get(i)).join(''); }

  /** The pairs of the words at indices (an array or Int32Array) as int32 tensors [n, outputLength()]. */
  batch(indices) {
    const n = indices.length, L = this.outputLength();
    const x = new Int32Array(n * L), y = new Int32Array(n * L).fill(-1);
    for (let r = 0; r < n; r++) {
      const w = this.words[indices[r]];
      for (let i = 0; i < w.length; i++) {
        const c = this.stoi.get(w[i]);
        x[r * L + i + 1] = c;
        y[r * L + i] = c;
      }
      y[r * L + w.length] = 0;
    }
    return [tg.tensor(x).view([n, L]), tg.tensor(y).view([n, L])];
  }
}

/**
 * Reads one word per line, shuffles with tg.randperm (the seeded stream) and holds out min(1000, 10%) as the
 * test set. log receives makemore.py's dataset lines.
 */
export function createDatasets(inputFile, log = () => {}) {
  const words = readFileSync(inputFile, 'utf8').split(/\r?\n/).map((w) => w.trim()).filter((w) => w.length > 0);
  const chars = [...new Set(words.join(''))].sort();
  const maxWordLength = words.reduce((m, w) => Math.max(m, w.length), 0);
  log(`number of examples in the dataset: ${words.length}`);
  log(`max word length: ${maxWordLength}`);
  log(`number of unique characters in the vocabulary: ${chars.length}`);
  log('vocabulary:');
  log(chars.join(''));
  const testSize = Math.min(1000, Math.floor(words.length * 0.1));
  const rp = tg.randperm(words.length, { dtype: 'int32' }).tolist();
  const train = rp.slice(0, rp.length - testSize).map((i) => words[i]);
  const test = rp.slice(rp.length - testSize).map((i) => words[i]);
  log(`split up the dataset into ${train.length} training examples and ${test.length} test examples`);
  return [new CharDataset(train, chars, maxWordLength), new CharDataset(test, chars, maxWordLength)];
}
