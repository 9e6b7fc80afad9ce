// Port of karpathy/nanoGPT (commit 3adf61e154c3fe3fca428ad6bc3818b27a3b8291): model.py statement by statement,
// driven by data/shakespeare_char/prepare.py, train.py with config/train_shakespeare_char.py and sample.py, on a
// baby GPT (causal self-attention with the mask buffer, F.layerNorm without bias, GELU, tied embedding and head,
// ModuleDict/ModuleList, apply() init, AdamW with two parameter groups, clipGradNorm_, a cosine learning rate,
// cross-entropy with ignore_index, greedy generation through topk / masked assignment / multinomial).
// nanogpt.py is the PyTorch twin (its header lists the stand-ins) and nanogpt.expected.txt what it prints under
// PyTorch 1.13 (test/ports/nanogpt.test.ts compares).
// Run: node examples/ports/nanogpt.mjs
import { readFileSync } from 'node:fs';
import * as detrand from './detrand.mjs';
import { runIfMain } from './py.mjs';

/** Python's f"{n:,}". */
const commas = (n) => n.toLocaleString('en-US');

export function main(tg, print) {
  const nn = tg.nn, F = tg.nn.functional;

  function normal_(tensor, mean = 0.0, std = 1.0) {
    // torch.nn.init.normal_ from detrand
    return tg.noGrad(() => tensor.copy_(detrand.randn(tg, tensor.shape).mul(std).add(mean)));
  }

  // --------------------------------------------------------------------------- data/shakespeare_char/prepare.py
  const data = readFileSync(new URL('./tiny_shakespeare.txt', import.meta.url), 'utf8');
  print(`length of dataset in characters: ${commas(data.length)}`);

  // get all the unique characters that occur in this text
  const chars = [...new Set(data)].sort();
  const vocab_size = chars.length;
  print('all the unique characters:', chars.join(''));
  print(`vocab size: ${commas(vocab_size)}`);

  // create a mapping from characters to integers
  const stoi = new Map(chars.map((ch, i) => [ch, i]));
  const itos = new Map(chars.map((ch, i) => [i, ch]));
  const encode = (s) => [...s].map((c) => stoi.get(c)); // encoder: take a string, output a list of integers
  const decode = (l) => l.map((i) => itos.get(i)).join(''); // decoder: take a list of integers, output a string

  // create the train and test splits
  const n = data.length;
  const train_data = data.slice(0, Math.floor(n * 0.9));
  const val_data = data.slice(Math.floor(n * 0.9));

  // encode both to integers
  let train_ids = encode(train_data);
  let val_ids = encode(val_data);
  print(`train has ${commas(train_ids.length)} tokens`);
  print(`val has ${commas(val_ids.length)} tokens`);

  // export to bin files (kept in memory)
  train_ids = Uint16Array.from(train_ids);
  val_ids = Uint16Array.from(val_ids);
  const meta = { vocab_size, itos, stoi };

  // --------------------------------------------------------------------------- model.py
  class LayerNorm extends nn.Module {
    // LayerNorm but with an optional bias. PyTorch doesn't support simply bias=False
    constructor(ndim, bias) {
      super();
      this.weight = new nn.Parameter(tg.ones(ndim));
      this.bias = bias ? new nn.Parameter(tg.zeros(ndim)) : null;
    }

    forward(input) {
      return F.layerNorm(input, this.weight.shape, this.weight, this.bias, 1e-5);
    }
  }

  class CausalSelfAttention extends nn.Module {
    constructor(config) {
      super();
      if (config.n_embd % config.n_head !== 0) throw new Error('assert');
      // key, query, value projections for all heads, but in a batch
      this.c_attn = new nn.Linear(config.n_embd, 3 * config.n_embd, { bias: config.bias });
      // output projection
      this.c_proj = new nn.Linear(config.n_embd, config.n_embd, { bias: config.bias });
      // regularization
      this.attn_dropout = new nn.Dropout(config.dropout);
      this.resid_dropout = new nn.Dropout(config.dropout);
      this.n_head = config.n_head;
      this.n_embd = config.n_embd;
      this.dropout = config.dropout;
      // flash attention make GPU go brrrrr but support is only in PyTorch >= 2.0
      this.flash = false; // hasattr(torch.nn.functional, 'scaled_dot_product_attention') under PyTorch 1.13
      if (!this.flash) {
        print('WARNING: using slow attention. Flash Attention requires PyTorch >= 2.0');
        // causal mask to ensure that attention is only applied to the left in the input sequence
        this.registerBuffer('bias', tg.tril(tg.ones(config.block_size, config.block_size))
          .view(1, 1, config.block_size, config.block_size));
      }
    }

    forward(x) {
      const [B, T, C] = x.size(); // batch size, sequence length, embedding dimensionality (n_embd)

      // calculate query, key, values for all heads in batch and move head forward to be the batch dim
      let [q, k, v] = this.c_attn(x).split(this.n_embd, { dim: 2 });
      k = k.view(B, T, this.n_head, Math.floor(C / this.n_head)).transpose(1, 2); // (B, nh, T, hs)
      q = q.view(B, T, this.n_head, Math.floor(C / this.n_head)).transpose(1, 2); // (B, nh, T, hs)
      v = v.view(B, T, this.n_head, Math.floor(C / this.n_head)).transpose(1, 2); // (B, nh, T, hs)

      // causal self-attention; Self-attend: (B, nh, T, hs) x (B, nh, hs, T) -> (B, nh, T, T)
      // manual implementation of attention
      let att = q.matmul(k.transpose(-2, -1)).mul(1.0 / Math.sqrt(k.size(-1)));
      att = att.maskedFill(this.bias.index([tg.slice(), tg.slice(), tg.slice(null, T), tg.slice(null, T)]).eq(0), -Infinity);
      att = F.softmax(att, { dim: -1 });
      att = this.attn_dropout(att);
      let y = att.matmul(v); // (B, nh, T, T) x (B, nh, T, hs) -> (B, nh, T, hs)
      y = y.transpose(1, 2).contiguous().view(B, T, C); // re-assemble all head outputs side by side

      // output projection
      y = this.resid_dropout(this.c_proj(y));
      return y;
    }
  }

  class MLP extends nn.Module {
    constructor(config) {
      super();
      this.c_fc = new nn.Linear(config.n_embd, 4 * config.n_embd, { bias: config.bias });
      this.gelu = new nn.GELU();
      this.c_proj = new nn.Linear(4 * config.n_embd, config.n_embd, { bias: config.bias });
      this.dropout = new nn.Dropout(config.dropout);
    }

    forward(x) {
      x = this.c_fc(x);
      x = this.gelu(x);
      x = this.c_proj(x);
      x = this.dropout(x);
      return x;
    }
  }

  class Block extends nn.Module {
    constructor(config) {
      super();
      this.ln_1 = new LayerNorm(config.n_embd, config.bias);
      this.attn = new CausalSelfAttention(config);
      this.ln_2 = new LayerNorm(config.n_embd, config.bias);
      this.mlp = new MLP(config);
    }

    forward(x) {
      x = x.add(this.attn(this.ln_1(x)));
      x = x.add(this.mlp(this.ln_2(x)));
      return x;
    }
  }

  // @dataclass GPTConfig
  const GPTConfig = ({ block_size = 1024, vocab_size = 50304, n_layer = 12, n_head = 12, n_embd = 768,
    dropout = 0.0, bias = true } = {}) => ({ block_size, vocab_size, n_layer, n_head, n_embd, dropout, bias });

  class GPT extends nn.Module {
    constructor(config) {
      super();
      if (config.vocab_size == null) throw new Error('assert');
      if (config.block_size == null) throw new Error('assert');
      this.config = config;

      this.transformer = new nn.ModuleDict({
        wte: new nn.Embedding(config.vocab_size, config.n_embd),
        wpe: new nn.Embedding(config.block_size, config.n_embd),
        drop: new nn.Dropout(config.dropout),
        h: new nn.ModuleList(Array.from({ length: config.n_layer }, () => new Block(config))),
        ln_f: new LayerNorm(config.n_embd, config.bias),
      });
      this.lm_head = new nn.Linear(config.n_embd, config.vocab_size, { bias: false });
      this.transformer.wte.weight = this.lm_head.weight; // https://paperswithcode.com/method/weight-tying

      // init all weights
      this.apply((m) => this._init_weights(m));
      // apply special scaled init to the residual projections, per GPT-2 paper
      for (const [pn, p] of this.namedParameters()) {
        if (pn.endsWith('c_proj.weight')) normal_(p, 0.0, 0.02 / Math.sqrt(2 * config.n_layer));
      }

      // report number of parameters
      print(`number of parameters: ${(this.get_num_params() / 1e6).toFixed(2)}M`);
    }

    get_num_params(non_embedding = true) {
      let n_params = this.parameters().reduce((s, p) => s + p.numel(), 0);
      if (non_embedding) n_params -= this.transformer.wpe.weight.numel();
      return n_params;
    }

    _init_weights(module) {
      if (module instanceof nn.Linear) {
        normal_(module.weight, 0.0, 0.02);
        if (module.bias !== null) nn.init.zeros_(module.bias);
      } else if (module instanceof nn.Embedding) {
        normal_(module.weight, 0.0, 0.02);
      }
    }

    forward(idx, targets = null) {
      const [b, t] = idx.size();
      if (!(t <= this.config.block_size)) throw new Error(`Cannot forward sequence of length ${t}, block size is only ${this.config.block_size}`);
      const pos = tg.arange(0, t, { dtype: tg.long }); // shape (t)

      // forward the GPT model itself
      const tok_emb = this.transformer.wte(idx); // token embeddings of shape (b, t, n_embd)
      const pos_emb = this.transformer.wpe(pos); // position embeddings of shape (t, n_embd)
      let x = this.transformer.drop(tok_emb.add(pos_emb));
      for (const block of this.transformer.h) x = block(x);
      x = this.transformer.ln_f(x);

      let logits, loss;
      if (targets !== null) {
        // if we are given some desired targets also calculate the loss
        logits = this.lm_head(x);
        loss = F.crossEntropy(logits.view(-1, logits.size(-1)), targets.view(-1), { ignoreIndex: -1 });
      } else {
        // inference-time mini-optimization: only forward the lm_head on the very last position
        logits = this.lm_head(x.index([tg.slice(), [-1], tg.slice()])); // note: using list [-1] to preserve the time dim
        loss = null;
      }
      return [logits, loss];
    }

    crop_block_size(block_size) {
      // model surgery to decrease the block size if necessary
      if (!(block_size <= this.config.block_size)) throw new Error('assert');
      this.config.block_size = block_size;
      this.transformer.wpe.weight = new nn.Parameter(this.transformer.wpe.weight.index(tg.slice(null, block_size)));
      for (const block of this.transformer.h) {
        if ('bias' in block.attn) block.attn.bias = block.attn.bias.index([tg.slice(), tg.slice(), tg.slice(null, block_size), tg.slice(null, block_size)]);
      }
    }

    configure_optimizers(weight_decay, learning_rate, betas, device_type) {
      // start with all of the candidate parameters
      let param_dict = new Map(this.namedParameters());
      // filter out those that do not require grad
      param_dict = new Map([...param_dict].filter(([, p]) => p.requiresGrad));
      // create optim groups. Any parameters that is 2D will be weight decayed, otherwise no.
      // i.e. all weight tensors in matmuls + embeddings decay, all biases and layernorms don't.
      const decay_params = [...param_dict.values()].filter((p) => p.dim() >= 2);
      const nodecay_params = [...param_dict.values()].filter((p) => p.dim() < 2);
      const optim_groups = [
        { params: decay_params, weightDecay: weight_decay }, // PyTorch's group keys camelCased
        { params: nodecay_params, weightDecay: 0.0 },
      ];
      const num_decay_params = decay_params.reduce((s, p) => s + p.numel(), 0);
      const num_nodecay_params = nodecay_params.reduce((s, p) => s + p.numel(), 0);
      print(`num decayed parameter tensors: ${decay_params.length}, with ${commas(num_decay_params)} parameters`);
      print(`num non-decayed parameter tensors: ${nodecay_params.length}, with ${commas(num_nodecay_params)} parameters`);
      // Create AdamW optimizer (the fused version is CUDA only)
      const use_fused = false;
      const optimizer = new tg.optim.AdamW(optim_groups, { lr: learning_rate, betas });
      print(`using fused AdamW: ${use_fused ? 'True' : 'False'}`);

      return optimizer;
    }

    generate(idx, max_new_tokens, temperature = 1.0, top_k = null) {
      return tg.noGrad(() => { // @torch.no_grad()
        for (let _ = 0; _ < max_new_tokens; _++) {
          // if the sequence context is growing too long we must crop it at block_size
          const idx_cond = idx.size(1) <= this.config.block_size ? idx : idx.index([tg.slice(), tg.slice(-this.config.block_size)]);
          // forward the model to get the logits for the index in the sequence
          let [logits] = this(idx_cond);
          // pluck the logits at the final step and scale by desired temperature
          logits = logits.index([tg.slice(), -1, tg.slice()]).div(temperature);
          // optionally crop the logits to only the top k options
          if (top_k !== null) {
            const [v] = tg.topk(logits, Math.min(top_k, logits.size(-1)));
            logits.indexPut_(logits.lt(v.index([tg.slice(), [-1]])), -Infinity);
          }
          // apply softmax to convert logits to (normalized) probabilities
          const probs = F.softmax(logits, { dim: -1 });
          // sample from the distribution
          const idx_next = tg.multinomial(probs, { numSamples: 1 });
          // append sampled index to the running sequence and continue
          idx = tg.cat([idx, idx_next], { dim: 1 });
        }
        return idx;
      });
    }
  }

  // --------------------------------------------------------------------------- train.py
  const eval_interval = 20; // keep frequent because we'll overfit
  const log_interval = 10; // don't print too too often
  const eval_iters = 4;
  const gradient_accumulation_steps = 1;
  const batch_size = 8;
  const block_size = 16; // context of up to 16 previous characters
  // baby GPT model :)
  const n_layer = 2;
  const n_head = 2;
  const n_embd = 32;
  const dropout = 0.0;
  const bias = false; // do we use bias inside LayerNorm and Linear layers?
  const learning_rate = 1e-2; // a tiny text and model afford a higher rate
  const max_iters = 60;
  const weight_decay = 1e-1;
  const beta1 = 0.9;
  const beta2 = 0.99; // make a bit bigger because number of tokens per iter is small
  const grad_clip = 1.0; // clip gradients at this value, or disable if == 0.0
  const decay_lr = true; // whether to decay the learning rate
  const warmup_iters = 5; // not super necessary potentially
  const lr_decay_iters = 60; // make equal to max_iters usually
  const min_lr = 1e-3; // learning_rate / 10 usually
  const device = 'cpu';

  const tokens_per_iter = gradient_accumulation_steps * batch_size * block_size;
  print(`tokens per iteration will be: ${commas(tokens_per_iter)}`);

  detrand.seed(1337); // torch.manual_seed(1337 + seed_offset)
  const device_type = device.includes('cuda') ? 'cuda' : 'cpu'; // for later use in torch.autocast

  function get_batch(split) {
    const data = split === 'train' ? train_ids : val_ids;
    const ix = detrand.randint(tg, 0, data.length - block_size, [batch_size]); // torch.randint(len(data) - block_size, (batch_size,))
    const x = tg.stack(ix.tolist().map((i) => tg.tensor(data.subarray(i, i + block_size), { dtype: tg.int64 })));
    const y = tg.stack(ix.tolist().map((i) => tg.tensor(data.subarray(i + 1, i + 1 + block_size), { dtype: tg.int64 })));
    return [x, y];
  }

  let iter_num = 0;
  let best_val_loss = 1e9;

  const meta_vocab_size = meta.vocab_size;
  print(`found vocab_size = ${meta_vocab_size} (inside data/shakespeare_char/meta.pkl)`);

  const model_args = { n_layer, n_head, n_embd, block_size, bias, vocab_size: null, dropout }; // start with model_args from command line
  print('Initializing a new model from scratch');
  model_args.vocab_size = meta_vocab_size ?? 50304;
  const gptconf = GPTConfig(model_args);
  const model = new GPT(gptconf);
  if (block_size < model.config.block_size) {
    model.crop_block_size(block_size);
    model_args.block_size = block_size; // so that the checkpoint will have the right value
  }

  const optimizer = model.configure_optimizers(weight_decay, learning_rate, [beta1, beta2], device_type);

  function estimate_loss() {
    return tg.noGrad(() => { // @torch.no_grad()
      const out = {};
      model.eval();
      for (const split of ['train', 'val']) {
        const losses = tg.zeros(eval_iters);
        for (let k = 0; k < eval_iters; k++) {
          const [X, Y] = get_batch(split);
          const [, loss] = model(X, Y);
          losses.indexPut_([k], loss.item());
        }
        out[split] = losses.mean();
      }
      model.train();
      return out;
    });
  }

  // learning rate decay scheduler (cosine with warmup)
  function get_lr(it) {
    // 1) linear warmup for warmup_iters steps
    if (it < warmup_iters) return learning_rate * (it + 1) / (warmup_iters + 1);
    // 2) if it > lr_decay_iters, return min learning rate
    if (it > lr_decay_iters) return min_lr;
    // 3) in between, use cosine decay down to min learning rate
    const decay_ratio = (it - warmup_iters) / (lr_decay_iters - warmup_iters);
    if (!(decay_ratio >= 0 && decay_ratio <= 1)) throw new Error('assert');
    const coeff = 0.5 * (1.0 + Math.cos(Math.PI * decay_ratio)); // coeff ranges 0..1
    return min_lr + coeff * (learning_rate - min_lr);
  }

  // training loop
  let [X, Y] = get_batch('train'); // fetch the very first batch
  let local_iter_num = 0; // number of iterations in the lifetime of this process
  for (;;) {
    // determine and set the learning rate for this iteration
    const lr = decay_lr ? get_lr(iter_num) : learning_rate;
    for (const param_group of optimizer.paramGroups) param_group.lr = lr;

    // evaluate the loss on train/val sets and write checkpoints
    if (iter_num % eval_interval === 0) {
      const losses = estimate_loss();
      print(`step ${iter_num}: train loss ${losses.train.item().toFixed(4)}, val loss ${losses.val.item().toFixed(4)}`);
      if (losses.val < best_val_loss) best_val_loss = losses.val;
    }

    // forward backward update, with optional gradient accumulation to simulate larger batch size
    let loss;
    for (let micro_step = 0; micro_step < gradient_accumulation_steps; micro_step++) {
      [, loss] = model(X, Y);
      loss = loss.div(gradient_accumulation_steps); // scale the loss to account for gradient accumulation
      // immediately async prefetch next batch while model is doing the forward pass on the GPU
      [X, Y] = get_batch('train');
      // backward pass
      loss.backward();
    }
    // clip the gradient
    if (grad_clip !== 0.0) nn.utils.clipGradNorm_(model.parameters(), grad_clip);
    // step the optimizer
    optimizer.step();
    // flush the gradients as soon as we can, no need for to hold that memory anymore
    optimizer.zeroGrad({ setToNone: true });

    // timing and logging
    if (iter_num % log_interval === 0) {
      // get loss as float. note: this is a CPU-GPU sync point
      const lossf = loss.item() * gradient_accumulation_steps;
      print(`iter ${iter_num}: loss ${lossf.toFixed(4)}`);
    }
    iter_num += 1;
    local_iter_num += 1;

    // termination conditions
    if (iter_num > max_iters) break;
  }

  print(`best val loss ${Number(best_val_loss).toFixed(4)}`);

  // --------------------------------------------------------------------------- sample.py
  const start = '\n'; // or "<|endoftext|>" or etc.
  const num_samples = 2; // number of samples to draw
  const max_new_tokens = 40; // number of tokens generated in each sample
  const temperature = 0.8; // 1.0 = no change, < 1.0 = less random, > 1.0 = more random, in predictions
  const top_k = 1; // retain only the top_k most likely tokens, clamp others to have 0 probability

  model.eval();
  const start_ids = encode(start);
  const x = tg.tensor(start_ids, { dtype: tg.long }).index([null, '...']);

  tg.noGrad(() => {
    for (let k = 0; k < num_samples; k++) {
      const y = model.generate(x, max_new_tokens, temperature, top_k);
      print(decode(y.index(0).tolist()));
      print('---------------');
    }
  });
}

await runIfMain(import.meta, main);
