// Port of Dive into Deep Learning's "Recurrent Neural Network Implementation from Scratch"
// (chapter_recurrent-neural-networks/rnn-scratch.md, the PyTorch tab of d2l-en 0.17), with the parts of the d2l
// package it runs (the corpus preprocessing, tokenize, Vocab, seq_data_iter_sequential / _random, SeqDataLoader,
// Accumulator, sgd) written out; d2l_rnn_scratch.py is the PyTorch twin (its header lists the stand-ins: the bundled
// tiny_shakespeare.txt corpus, detrand draws, a small model) and d2l_rnn_scratch.expected.txt what it prints under
// PyTorch 1.13 (test/ports/d2l_rnn_scratch.test.ts compares). `param.grad[:] *= f` is param.grad.mul_(f).
// Run: node examples/ports/d2l_rnn_scratch.mjs
import { readFileSync } from 'node:fs';
import * as detrand from './detrand.mjs';
import { pyFixed, runIfMain, torchSize } from './py.mjs';

export function main(tg, print) {
  const nn = tg.nn;
  const F = tg.nn.functional;
  const S = tg.slice();
  detrand.seed(9);

  const randint = (lo, hi) => lo + Math.floor(detrand.uniform(1)[0] * (hi - lo + 1)); // random.randint, inclusive
  /** random.shuffle from detrand: Fisher-Yates, j = floor(u * (i + 1)). */
  function shuffle(a) {
    const u = detrand.uniform(a.length);
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(u[i] * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
  }
  const long = (v) => tg.tensor(v, { dtype: 'int64' });

  /** Load the corpus into a list of text lines (d2l's preprocessing). */
  function read_time_machine() {
    const text = readFileSync(new URL('./tiny_shakespeare.txt', import.meta.url), 'utf8');
    const lines = text.split(/(?<=\n)/); // readlines(): each line keeps its '\n'
    return lines.map((line) => line.replace(/[^A-Za-z]+/g, ' ').trim().toLowerCase());
  }

  function tokenize(lines, token = 'word') {
    if (token === 'word') return lines.map((line) => line.split(/\s+/).filter(Boolean));
    return lines.map((line) => [...line]);
  }

  function count_corpus(tokens) {
    const counter = new Map();
    for (const token of tokens.flat()) counter.set(token, (counter.get(token) ?? 0) + 1);
    return counter;
  }

  /** Vocabulary for text. */
  class Vocab {
    constructor(tokens = [], min_freq = 0, reserved_tokens = []) {
      const counter = count_corpus(tokens);
      this._token_freqs = [...counter.entries()].sort((a, b) => b[1] - a[1]); // stable, as Python's sorted
      this.idx_to_token = ['<unk>', ...reserved_tokens];
      this.token_to_idx = new Map(this.idx_to_token.map((t, i) => [t, i]));
      for (const [token, freq] of this._token_freqs) {
        if (freq < min_freq) break;
        if (!this.token_to_idx.has(token)) {
          this.idx_to_token.push(token);
          this.token_to_idx.set(token, this.idx_to_token.length - 1);
        }
      }
    }

    get length() {
      return this.idx_to_token.length;
    }

    get(tokens) {
      if (!Array.isArray(tokens)) return this.token_to_idx.get(tokens) ?? this.unk;
      return tokens.map((t) => this.get(t));
    }

    get unk() {
      return 0;
    }
  }

  function load_corpus_time_machine(max_tokens = -1) {
    const lines = read_time_machine();
    const tokens = tokenize(lines, 'char');
    const vocab = new Vocab(tokens);
    let corpus = tokens.flat().map((token) => vocab.get(token));
    if (max_tokens > 0) corpus = corpus.slice(0, max_tokens);
    return [corpus, vocab];
  }

  function* seq_data_iter_random(corpus, batch_size, num_steps) {
    corpus = corpus.slice(randint(0, num_steps - 1));
    const num_subseqs = Math.floor((corpus.length - 1) / num_steps);
    const initial_indices = Array.from({ length: num_subseqs }, (_, i) => i * num_steps);
    shuffle(initial_indices);
    const data = (pos) => corpus.slice(pos, pos + num_steps);
    const num_batches = Math.floor(num_subseqs / batch_size);
    for (let i = 0; i < batch_size * num_batches; i += batch_size) {
      const initial_indices_per_batch = initial_indices.slice(i, i + batch_size);
      yield [long(initial_indices_per_batch.map(data)), long(initial_indices_per_batch.map((j) => data(j + 1)))];
    }
  }

  function* seq_data_iter_sequential(corpus, batch_size, num_steps) {
    const offset = randint(0, num_steps);
    const num_tokens = Math.floor((corpus.length - offset - 1) / batch_size) * batch_size;
    let Xs = long(corpus.slice(offset, offset + num_tokens));
    let Ys = long(corpus.slice(offset + 1, offset + 1 + num_tokens));
    [Xs, Ys] = [Xs.reshape(batch_size, -1), Ys.reshape(batch_size, -1)];
    const num_batches = Math.floor(Xs.shape[1] / num_steps);
    for (let i = 0; i < num_steps * num_batches; i += num_steps) {
      yield [Xs.index([S, tg.slice(i, i + num_steps)]), Ys.index([S, tg.slice(i, i + num_steps)])];
    }
  }

  /** An iterator to load sequence data. */
  class SeqDataLoader {
    constructor(batch_size, num_steps, use_random_iter, max_tokens) {
      this.data_iter_fn = use_random_iter ? seq_data_iter_random : seq_data_iter_sequential;
      [this.corpus, this.vocab] = load_corpus_time_machine(max_tokens);
      [this.batch_size, this.num_steps] = [batch_size, num_steps];
    }

    [Symbol.iterator]() {
      return this.data_iter_fn(this.corpus, this.batch_size, this.num_steps);
    }
  }

  function load_data_time_machine(batch_size, num_steps, use_random_iter = false, max_tokens = 10000) {
    const data_iter = new SeqDataLoader(batch_size, num_steps, use_random_iter, max_tokens);
    return [data_iter, data_iter.vocab];
  }

  class Accumulator {
    constructor(n) {
      this.data = new Array(n).fill(0);
    }

    add(...args) {
      this.data = this.data.map((a, i) => a + Number(args[i] instanceof tg.Tensor ? args[i].item() : args[i]));
    }
  }

  /** Minibatch stochastic gradient descent. */
  function sgd(params, lr, batch_size) {
    tg.noGrad(() => {
      for (const param of params) {
        param.sub_(param.grad.mul(lr).div(batch_size));
        param.grad.zero_();
      }
    });
  }

  const [batch_size, num_steps] = [4, 10];
  const [train_iter, vocab] = load_data_time_machine(batch_size, num_steps);
  print(vocab.length, `[${vocab.idx_to_token.slice(0, 10).map((t) => `'${t}'`).join(', ')}]`);

  print(F.oneHot(long([0, 2]), vocab.length));
  const X = tg.arange(10, { dtype: 'int64' }).reshape([2, 5]);
  print(torchSize(F.oneHot(X.T, 28).shape));

  function get_params(vocab_size, num_hiddens) {
    const [num_inputs, num_outputs] = [vocab_size, vocab_size];
    const normal = (shape) => detrand.randn(tg, shape).mul(0.01); // torch.randn(size=shape) * 0.01
    // Hidden layer parameters
    const W_xh = normal([num_inputs, num_hiddens]);
    const W_hh = normal([num_hiddens, num_hiddens]);
    const b_h = tg.zeros([num_hiddens]);
    // Output layer parameters
    const W_hq = normal([num_hiddens, num_outputs]);
    const b_q = tg.zeros([num_outputs]);
    // Attach gradients
    const params = [W_xh, W_hh, b_h, W_hq, b_q];
    for (const param of params) param.requiresGrad_(true);
    return params;
  }

  const init_rnn_state = (batch_size, num_hiddens) => [tg.zeros([batch_size, num_hiddens])];

  function rnn(inputs, state, params) {
    // Here `inputs` shape: (`num_steps`, `batch_size`, `vocab_size`)
    const [W_xh, W_hh, b_h, W_hq, b_q] = params;
    let [H] = state;
    const outputs = [];
    // Shape of `X`: (`batch_size`, `vocab_size`)
    for (const X of inputs.unbind(0)) {
      H = tg.tanh(tg.mm(X, W_xh).add(tg.mm(H, W_hh)).add(b_h));
      const Y = tg.mm(H, W_hq).add(b_q);
      outputs.push(Y);
    }
    return [tg.cat(outputs, 0), [H]];
  }

  /** A RNN Model implemented from scratch. */
  class RNNModelScratch {
    constructor(vocab_size, num_hiddens, device, get_params, init_state, forward_fn) {
      [this.vocab_size, this.num_hiddens] = [vocab_size, num_hiddens];
      this.params = get_params(vocab_size, num_hiddens, device);
      [this.init_state, this.forward_fn] = [init_state, forward_fn];
    }

    call(X, state) {
      X = F.oneHot(X.T, this.vocab_size).type(tg.float32);
      return this.forward_fn(X, state, this.params);
    }

    begin_state(batch_size) {
      return this.init_state(batch_size, this.num_hiddens);
    }
  }

  const num_hiddens = 32;
  const device = 'cpu';
  let net = new RNNModelScratch(vocab.length, num_hiddens, device, get_params, init_rnn_state, rnn);
  const state0 = net.begin_state(X.shape[0]);
  const [Y, new_state] = net.call(X, state0);
  print(torchSize(Y.shape), new_state.length, torchSize(new_state[0].shape));

  /** Generate new characters following the `prefix`. */
  function predict_ch8(prefix, num_preds, net, vocab) {
    let state = net.begin_state(1);
    const outputs = [vocab.get(prefix[0])];
    const get_input = () => long([outputs.at(-1)]).reshape([1, 1]);
    for (const y of prefix.slice(1)) { // Warm-up period
      [, state] = net.call(get_input(), state);
      outputs.push(vocab.get(y));
    }
    for (let k = 0; k < num_preds; k++) { // Predict `num_preds` steps
      let y;
      [y, state] = net.call(get_input(), state);
      outputs.push(Number(y.argmax({ dim: 1 }).reshape(1).item()));
    }
    return outputs.map((i) => vocab.idx_to_token[i]).join('');
  }

  print(predict_ch8('first citizen ', 10, net, vocab));

  /** Clip the gradient. */
  function grad_clipping(net, theta) {
    const params = net instanceof nn.Module ? [...net.parameters()].filter((p) => p.requiresGrad) : net.params;
    const norm = tg.sqrt(params.reduce((acc, p) => tg.add(acc, tg.sum(p.grad.pow(2))), 0));
    if (norm.item() > theta) for (const param of params) param.grad.mul_(tg.div(theta, norm));
  }

  /** Train a net within one epoch. */
  function train_epoch_ch8(net, train_iter, loss, updater, use_random_iter) {
    let state = null;
    const metric = new Accumulator(2); // Sum of training loss, no. of tokens
    for (let [X, Y] of train_iter) {
      if (state === null || use_random_iter) {
        // Initialize `state` when either it is the first iteration or using random sampling
        state = net.begin_state(X.shape[0]);
      } else {
        // `state` is a tuple of tensors for our custom scratch implementation
        for (const s of state) s.detach_();
      }
      const y = Y.T.reshape(-1);
      let y_hat;
      [y_hat, state] = net.call(X, state);
      const l = loss(y_hat, y.long()).mean();
      l.backward();
      grad_clipping(net, 1);
      // Since the `mean` function has been invoked
      updater(1);
      metric.add(l.mul(y.numel()), y.numel());
    }
    return Math.exp(metric.data[0] / metric.data[1]);
  }

  /** Train a model. */
  function train_ch8(net, train_iter, vocab, lr, num_epochs, device, use_random_iter = false) {
    const loss = new nn.CrossEntropyLoss();
    const updater = (batch_size) => sgd(net.params, lr, batch_size);
    const predict = (prefix) => predict_ch8(prefix, 30, net, vocab);
    let ppl;
    // Train and predict
    for (let epoch = 0; epoch < num_epochs; epoch++) {
      ppl = train_epoch_ch8(net, train_iter, loss, updater, use_random_iter);
      if ((epoch + 1) % 5 === 0) {
        print(predict('first citizen'));
        print(`epoch ${epoch + 1} perplexity ${pyFixed(ppl, 3)}`); // animator.add(epoch + 1, [ppl])
      }
    }
    print(`perplexity ${pyFixed(ppl, 1)} on ${device}`);
    print(predict('first citizen'));
    print(predict('citizen'));
  }

  const [num_epochs, lr] = [20, 1];
  train_ch8(net, train_iter, vocab, lr, num_epochs, device);

  net = new RNNModelScratch(vocab.length, num_hiddens, device, get_params, init_rnn_state, rnn);
  train_ch8(net, train_iter, vocab, lr, num_epochs, device, true);
}

await runIfMain(import.meta, main);
