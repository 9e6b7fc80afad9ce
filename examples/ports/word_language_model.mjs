// Port of pytorch/examples word_language_model: model.py (RNNModel for LSTM, GRU, RNN_TANH and RNN_RELU;
// PositionalEncoding; TransformerModel, an nn.Transformer subclass) as stored at commit
// 001d493285083b54cacbc1334cb26338bdff2455, driven by main.py's loop (data.Corpus, batchify, get_batch,
// repackage_hidden, train with clip_grad_norm_ and the hand-written SGD step, evaluate, the lr annealing);
// word_language_model.py is the PyTorch twin (its header lists the stand-ins: the bundled tiny_shakespeare.txt, detrand
// parameters, dropout 0, small models, no timings) and word_language_model.expected.txt what it prints under
// PyTorch 1.13 (test/ports/word_language_model.test.ts compares). str.format's '{:5.2f}' is pyFixed and padStart.
// Run: node examples/ports/word_language_model.mjs
import { readFileSync } from 'node:fs';
import * as detrand from './detrand.mjs';
import { pyFixed, runIfMain } from './py.mjs';

export function main(tg, print) {
  const nn = tg.nn;
  const F = tg.nn.functional;
  const S = tg.slice();
  detrand.seed(10);

  const uniform_ = (w, a, b) => tg.noGrad(() => w.copy_(detrand.rand(tg, w.shape).mul(b - a).add(a))); // from detrand
  const fmt = (x, width, digits) => pyFixed(x, digits).padStart(width);
  const d = (n, width) => String(n).padStart(width);

  class Dictionary {
    constructor() {
      this.word2idx = new Map();
      this.idx2word = [];
    }

    add_word(word) {
      if (!this.word2idx.has(word)) {
        this.idx2word.push(word);
        this.word2idx.set(word, this.idx2word.length - 1);
      }
      return this.word2idx.get(word);
    }

    get length() {
      return this.idx2word.length;
    }
  }

  /** data.py's Corpus over one file: the first 60% of its lines train, the next 20% valid, the rest test. */
  class Corpus {
    constructor(url) {
      this.dictionary = new Dictionary();
      const lines = readFileSync(url, 'utf8').split(/(?<=\n)/);
      const [a, b] = [Math.floor((lines.length * 6) / 10), Math.floor((lines.length * 8) / 10)];
      this.train = this.tokenize(lines.slice(0, a));
      this.valid = this.tokenize(lines.slice(a, b));
      this.test = this.tokenize(lines.slice(b));
    }

    tokenize(lines) {
      const words = (line) => [...line.split(/\s+/).filter(Boolean), '<eos>'];
      for (const line of lines) for (const word of words(line)) this.dictionary.add_word(word);
      const idss = lines.map((line) => tg.tensor(words(line).map((w) => this.dictionary.word2idx.get(w)), { dtype: 'int64' }));
      return tg.cat(idss);
    }
  }

  class RNNModel extends nn.Module {
    /** Container module with an encoder, a recurrent module, and a decoder. */
    constructor(rnn_type, ntoken, ninp, nhid, nlayers, dropout = 0.5, tie_weights = false) {
      super();
      this.ntoken = ntoken;
      this.drop = new nn.Dropout(dropout);
      this.encoder = new nn.Embedding(ntoken, ninp);
      if (rnn_type === 'LSTM' || rnn_type === 'GRU') {
        this.rnn = new nn[rnn_type](ninp, nhid, nlayers, { dropout });
      } else {
        const nonlinearity = { RNN_TANH: 'tanh', RNN_RELU: 'relu' }[rnn_type];
        if (nonlinearity === undefined) {
          throw new RangeError(`An invalid option for \`--model\` was supplied,
                                 options are ['LSTM', 'GRU', 'RNN_TANH' or 'RNN_RELU']`);
        }
        this.rnn = new nn.RNN(ninp, nhid, nlayers, { nonlinearity, dropout });
      }
      this.decoder = new nn.Linear(nhid, ntoken);

      if (tie_weights) {
        if (nhid !== ninp) throw new RangeError('When using the tied flag, nhid must be equal to emsize');
        this.decoder.weight = this.encoder.weight;
      }

      detrand.init_(tg, this); // stand-in for the constructors' own random init
      this.init_weights();

      this.rnn_type = rnn_type;
      this.nhid = nhid;
      this.nlayers = nlayers;
    }

    init_weights() {
      const initrange = 0.1;
      uniform_(this.encoder.weight, -initrange, initrange);
      nn.init.zeros_(this.decoder.bias);
      uniform_(this.decoder.weight, -initrange, initrange);
    }

    forward(input, hidden) {
      const emb = this.drop(this.encoder(input));
      let output;
      [output, hidden] = this.rnn(emb, hidden);
      output = this.drop(output);
      let decoded = this.decoder(output);
      decoded = decoded.view(-1, this.ntoken);
      return [F.logSoftmax(decoded, { dim: 1 }), hidden];
    }

    init_hidden(bsz) {
      const weight = this.parameters()[0]; // next(self.parameters()): parameters() is an array
      if (this.rnn_type === 'LSTM') return [weight.newZeros([this.nlayers, bsz, this.nhid]), weight.newZeros([this.nlayers, bsz, this.nhid])];
      return weight.newZeros([this.nlayers, bsz, this.nhid]);
    }
  }

  class PositionalEncoding extends nn.Module {
    constructor(d_model, dropout = 0.1, max_len = 5000) {
      super();
      this.dropout = new nn.Dropout({ p: dropout });

      const pe = tg.zeros(max_len, d_model);
      const position = tg.arange(0, max_len, { dtype: tg.float }).unsqueeze(1);
      const div_term = tg.exp(tg.arange(0, d_model, 2, { dtype: 'int64' }).float().mul(-Math.log(10000.0) / d_model));
      pe.indexPut_([S, tg.slice(0, null, 2)], tg.sin(position.mul(div_term)));
      pe.indexPut_([S, tg.slice(1, null, 2)], tg.cos(position.mul(div_term)));
      this.registerBuffer('pe', pe.unsqueeze(0).transpose(0, 1));
    }

    forward(x) {
      x = x.add(this.pe.index([tg.slice(null, x.size(0)), S]));
      return this.dropout(x);
    }
  }

  class TransformerModel extends nn.Transformer {
    /** Container module with an encoder, a recurrent or transformer module, and a decoder. */
    constructor(ntoken, ninp, nhead, nhid, nlayers, dropout = 0.5) {
      super({ dModel: ninp, nhead, dimFeedforward: nhid, numEncoderLayers: nlayers, dropout }); // (dropout passed: the stand-in's 0)
      this.model_type = 'Transformer';
      this.src_mask = null;
      this.pos_encoder = new PositionalEncoding(ninp, dropout);

      this.input_emb = new nn.Embedding(ntoken, ninp);
      this.ninp = ninp;
      this.decoder = new nn.Linear(ninp, ntoken);

      detrand.init_(tg, this); // stand-in for the constructors' own random init
      this.init_weights();
    }

    _generate_square_subsequent_mask(sz) {
      let mask = tg.triu(tg.ones(sz, sz)).eq(1).transpose(0, 1);
      mask = mask.float().maskedFill(mask.eq(0), -Infinity).maskedFill(mask.eq(1), 0.0);
      return mask;
    }

    init_weights() {
      const initrange = 0.1;
      uniform_(this.input_emb.weight, -initrange, initrange);
      nn.init.zeros_(this.decoder.bias);
      uniform_(this.decoder.weight, -initrange, initrange);
    }

    forward(src, has_mask = true) {
      if (has_mask) {
        if (this.src_mask === null || this.src_mask.size(0) !== src.size(0)) this.src_mask = this._generate_square_subsequent_mask(src.size(0));
      } else this.src_mask = null;

      src = this.input_emb(src).mul(Math.sqrt(this.ninp));
      src = this.pos_encoder(src);
      let output = this.encoder(src, { mask: this.src_mask });
      output = this.decoder(output);
      return F.logSoftmax(output, { dim: -1 });
    }
  }

  const corpus = new Corpus(new URL('./tiny_shakespeare.txt', import.meta.url));

  function batchify(data, bsz) {
    // Work out how cleanly we can divide the dataset into bsz parts.
    const nbatch = Math.floor(data.size(0) / bsz);
    // Trim off any extra elements that wouldn't cleanly fit (remainders).
    data = data.narrow(0, 0, nbatch * bsz);
    // Evenly divide the data across the bsz batches.
    return data.view(bsz, -1).t().contiguous();
  }

  const [batch_size, eval_batch_size, bptt, clip, log_interval] = [4, 2, 8, 0.25, 1];
  const train_data = batchify(corpus.train, batch_size);
  const val_data = batchify(corpus.valid, eval_batch_size);
  const test_data = batchify(corpus.test, eval_batch_size);
  const ntokens = corpus.dictionary.length;
  const shape = (t) => `[${t.shape.join(', ')}]`;
  print('vocab size', ntokens, 'train', shape(train_data), 'valid', shape(val_data), 'test', shape(test_data));
  const criterion = new nn.NLLLoss();

  /** Wraps hidden states in new Tensors, to detach them from their history. */
  const repackage_hidden = (h) => (h instanceof tg.Tensor ? h.detach() : h.map(repackage_hidden));

  function get_batch(source, i) {
    const seq_len = Math.min(bptt, source.size(0) - 1 - i);
    const data = source.index(tg.slice(i, i + seq_len));
    const target = source.index(tg.slice(i + 1, i + 1 + seq_len)).view(-1);
    return [data, target];
  }

  function evaluate(model, data_source) {
    // Turn on evaluation mode which disables dropout.
    model.eval();
    let total_loss = 0.0;
    let hidden;
    if (model.model_type !== 'Transformer') hidden = model.init_hidden(eval_batch_size);
    tg.noGrad(() => {
      for (let i = 0; i < data_source.size(0) - 1; i += bptt) {
        const [data, targets] = get_batch(data_source, i);
        let output;
        if (model.model_type === 'Transformer') {
          output = model(data);
          output = output.view(-1, ntokens);
        } else {
          [output, hidden] = model(data, hidden);
          hidden = repackage_hidden(hidden);
        }
        total_loss += data.size(0) * criterion(output, targets).item();
      }
    });
    return total_loss / (data_source.size(0) - 1);
  }

  function train(model, epoch, lr) {
    // Turn on training mode which enables dropout.
    model.train();
    let total_loss = 0.0;
    let hidden;
    if (model.model_type !== 'Transformer') hidden = model.init_hidden(batch_size);
    for (let batch = 0, i = 0; i < train_data.size(0) - 1; batch++, i += bptt) {
      const [data, targets] = get_batch(train_data, i);
      // Starting each batch, we detach the hidden state from how it was previously produced.
      // If we didn't, the model would try backpropagating all the way to start of the dataset.
      model.zeroGrad();
      let output;
      if (model.model_type === 'Transformer') {
        output = model(data);
        output = output.view(-1, ntokens);
      } else {
        hidden = repackage_hidden(hidden);
        [output, hidden] = model(data, hidden);
      }
      const loss = criterion(output, targets);
      loss.backward();

      // `clip_grad_norm` helps prevent the exploding gradient problem in RNNs / LSTMs.
      nn.utils.clipGradNorm_(model.parameters(), clip);
      for (const p of model.parameters()) p.data.add_(p.grad, { alpha: -lr });

      total_loss += loss.item();

      if (batch % log_interval === 0 && batch > 0) {
        const cur_loss = total_loss / log_interval;
        print(`| epoch ${d(epoch, 3)} | ${d(batch, 5)}/${d(Math.floor(train_data.size(0) / bptt), 5)} batches | lr ${fmt(lr, 2, 2)} | ` +
          `loss ${fmt(cur_loss, 5, 2)} | ppl ${fmt(Math.exp(cur_loss), 8, 2)}`);
        total_loss = 0;
      }
    }
  }

  for (const name of ['LSTM', 'GRU', 'RNN_TANH', 'RNN_RELU', 'Transformer']) {
    let model;
    if (name === 'Transformer') model = new TransformerModel(ntokens, 16, 2, 16, 2, 0.0);
    else {
      model = new RNNModel(name, ntokens, 16, 16, 2, 0.0, name === 'GRU');
      model.model_type = name;
    }
    print(name, [...model.parameters()].reduce((n, p) => n + p.numel(), 0), 'parameters');
    let lr = name !== 'Transformer' ? 20.0 : 5.0;
    let best_val_loss = null;
    for (let epoch = 1; epoch < 4; epoch++) {
      train(model, epoch, lr);
      const val_loss = evaluate(model, val_data);
      print('-'.repeat(89));
      print(`| end of epoch ${d(epoch, 3)} | valid loss ${fmt(val_loss, 5, 2)} | valid ppl ${fmt(Math.exp(val_loss), 8, 2)}`);
      print('-'.repeat(89));
      if (!best_val_loss || val_loss < best_val_loss) best_val_loss = val_loss;
      // Anneal the learning rate if no improvement has been seen in the validation dataset.
      else lr /= 4.0;
    }
    const test_loss = evaluate(model, test_data);
    print('='.repeat(89));
    print(`| End of training | test loss ${fmt(test_loss, 5, 2)} | test ppl ${fmt(Math.exp(test_loss), 8, 2)}`);
    print('='.repeat(89));
  }
}

await runIfMain(import.meta, main);
