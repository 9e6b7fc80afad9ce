// Port of the PyTorch tutorial "Language Modeling with nn.Transformer and torchtext": pytorch/tutorials
// beginner_source/transformer_tutorial.py (commit 00109f5abe4d664833ae7cde8b694b41356adb2b), statement by
// statement: nn.TransformerEncoder of nn.TransformerEncoderLayer (nn.MultiheadAttention inside), a registered
// positional-encoding buffer, batchify's view/t/contiguous, CrossEntropyLoss, SGD with clip_grad_norm_ and a
// StepLR, evaluation under no_grad and the best model's state dict reloaded. transformer_tutorial.py is the
// PyTorch twin (its header lists the stand-ins: torchtext's tokenizer and vocab written out, a small model on
// examples/ports/tiny_shakespeare.txt) and transformer_tutorial.expected.txt what it prints under PyTorch 1.13
// (test/ports/transformer_tutorial.test.ts compares).
// Run: node examples/ports/transformer_tutorial.mjs
import { readFileSync } from 'node:fs';
import * as detrand from './detrand.mjs';
import { pyTuple, runIfMain } from './py.mjs';

export function main(tg, print) {
  const nn = tg.nn;
  const { TransformerEncoder, TransformerEncoderLayer } = nn;
  const S = tg.slice();
  detrand.seed(7);

  function uniform_(t, a, b) {
    // Tensor.uniform_ from detrand
    return tg.noGrad(() => t.copy_(tg.tensor(detrand.uniform(t.numel()).map((v) => a + (b - a) * v)).reshape(t.shape)));
  }

  class TransformerModel extends nn.Module {
    constructor(ntoken, d_model, nhead, d_hid, nlayers, dropout = 0.5) {
      super();
      this.model_type = 'Transformer';
      this.pos_encoder = new PositionalEncoding(d_model, dropout);
      const encoder_layers = new TransformerEncoderLayer(d_model, nhead, d_hid, dropout);
      this.transformer_encoder = new TransformerEncoder(encoder_layers, nlayers);
      this.embedding = new nn.Embedding(ntoken, d_model);
      this.d_model = d_model;
      this.linear = new nn.Linear(d_model, ntoken);
      detrand.init_(tg, this); // the layers' default init, from detrand

      this.init_weights();
    }

    init_weights() {
      const initrange = 0.1;
      uniform_(this.embedding.weight.data, -initrange, initrange);
      this.linear.bias.data.zero_();
      uniform_(this.linear.weight.data, -initrange, initrange);
    }

    forward(src, src_mask = null) {
      src = this.embedding(src).mul(Math.sqrt(this.d_model));
      src = this.pos_encoder(src);
      let output = this.transformer_encoder(src, src_mask);
      output = this.linear(output);
      return output;
    }
  }

  class PositionalEncoding extends nn.Module {
    constructor(d_model, dropout = 0.1, max_len = 5000) {
      super();
      this.dropout = new nn.Dropout({ p: dropout });

      const position = tg.arange(max_len, { dtype: tg.long }).unsqueeze(1);
      const div_term = tg.exp(tg.arange(0, d_model, 2, { dtype: tg.long }).mul(-Math.log(10000.0) / d_model));
      const pe = tg.zeros(max_len, 1, d_model);
      pe.indexPut_([S, 0, tg.slice(0, null, 2)], tg.sin(position.mul(div_term)));
      pe.indexPut_([S, 0, tg.slice(1, null, 2)], tg.cos(position.mul(div_term)));
      this.registerBuffer('pe', pe);
    }

    forward(x) {
      x = x.add(this.pe.index(tg.slice(null, x.size(0))));
      return this.dropout(x);
    }
  }

  // torchtext.data.utils.get_tokenizer('basic_english')
  const _patterns = [/'/g, /"/g, /\./g, /<br \/>/g, /,/g, /\(/g, /\)/g, /!/g, /\?/g, /;/g, /:/g, /\s+/g];
  const _replacements = [" '  ", '', ' . ', ' ', ' , ', ' ( ', ' ) ', ' ! ', ' ? ', ' ', ' ', ' '];
  function get_tokenizer() {
    return (line) => {
      line = line.toLowerCase();
      _patterns.forEach((re, k) => { line = line.replace(re, _replacements[k]); });
      return line.split(/\s+/).filter((t) => t !== '');
    };
  }

  class Vocab {
    // torchtext.vocab.build_vocab_from_iterator's Vocab: itos, stoi, a default index
    constructor(itos) {
      this.itos = itos;
      this.stoi = new Map(itos.map((t, i) => [t, i]));
      this.default = null;
    }

    set_default_index(i) {
      this.default = i;
    }

    get(token) {
      return this.stoi.has(token) ? this.stoi.get(token) : this.default;
    }

    call(tokens) {
      return tokens.map((t) => this.get(t));
    }

    get length() {
      return this.itos.length;
    }
  }

  function build_vocab_from_iterator(iterator, specials) {
    const counter = new Map();
    for (const tokens of iterator) for (const t of tokens) counter.set(t, (counter.get(t) ?? 0) + 1);
    // sorted(counter.items(), key=lambda x: (-x[1], x[0])): Python compares strings by code point, as < does
    const ordered = [...counter].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    return new Vocab([...specials, ...ordered.map(([t]) => t).filter((t) => !specials.includes(t))]);
  }

  function WikiText2(split = null) {
    const lines = readFileSync(new URL('./tiny_shakespeare.txt', import.meta.url), 'utf8').split('\n');
    const n = lines.length;
    const splits = {
      train: lines.slice(0, Math.floor(n * 0.8)), valid: lines.slice(Math.floor(n * 0.8), Math.floor(n * 0.9)),
      test: lines.slice(Math.floor(n * 0.9)),
    };
    return split ? splits[split] : [splits.train, splits.valid, splits.test];
  }

  let train_iter = WikiText2('train');
  const tokenizer = get_tokenizer('basic_english');
  const vocab = build_vocab_from_iterator(train_iter.map(tokenizer), ['<unk>']);
  vocab.set_default_index(vocab.get('<unk>'));

  function data_process(raw_text_iter) {
    // Converts raw text into a flat Tensor.
    const data = raw_text_iter.map((item) => tg.tensor(vocab.call(tokenizer(item)), { dtype: tg.long }));
    return tg.cat(data.filter((t) => t.numel() > 0));
  }

  // ``train_iter`` was "consumed" by the process of building the vocab,
  // so we have to create it again
  let val_iter, test_iter;
  [train_iter, val_iter, test_iter] = WikiText2();
  let train_data = data_process(train_iter);
  let val_data = data_process(val_iter);
  let test_data = data_process(test_iter);

  function batchify(data, bsz) {
    const seq_len = Math.floor(data.size(0) / bsz);
    data = data.index(tg.slice(null, seq_len * bsz));
    data = data.view(bsz, seq_len).t().contiguous();
    return data;
  }

  const batch_size = 4;
  const eval_batch_size = 2;
  train_data = batchify(train_data, batch_size); // shape ``[seq_len, batch_size]``
  val_data = batchify(val_data, eval_batch_size);
  test_data = batchify(test_data, eval_batch_size);

  const bptt = 8;
  function get_batch(source, i) {
    const seq_len = Math.min(bptt, source.size(0) - 1 - i);
    const data = source.index(tg.slice(i, i + seq_len));
    const target = source.index(tg.slice(i + 1, i + 1 + seq_len)).reshape(-1);
    return [data, target];
  }

  const ntokens = vocab.length; // size of vocabulary
  const emsize = 32; // embedding dimension
  const d_hid = 32; // dimension of the feedforward network model in ``nn.TransformerEncoder``
  const nlayers = 2; // number of ``nn.TransformerEncoderLayer`` in ``nn.TransformerEncoder``
  const nhead = 2; // number of heads in ``nn.MultiheadAttention``
  const dropout = 0.0; // dropout probability
  const model = new TransformerModel(ntokens, emsize, nhead, d_hid, nlayers, dropout);
  print(ntokens, pyTuple(...train_data.shape), pyTuple(...val_data.shape), pyTuple(...test_data.shape));
  print(model);

  const criterion = new nn.CrossEntropyLoss();
  const lr = 5.0; // learning rate
  const optimizer = new tg.optim.SGD(model.parameters(), { lr });
  const scheduler = new tg.optim.lrScheduler.StepLR(optimizer, 1.0, { gamma: 0.95 });

  const f2 = (v, w) => v.toFixed(2).padStart(w);
  let epoch;

  function train(model) {
    model.train(); // turn on train mode
    let total_loss = 0.0;
    const log_interval = 2;

    const num_batches = Math.floor(train_data.size(0) / bptt);
    let batch = 0;
    for (let i = 0; i < train_data.size(0) - 1; i += bptt, batch++) {
      const [data, targets] = get_batch(train_data, i);
      const output = model(data);
      const output_flat = output.view(-1, ntokens);
      const loss = criterion(output_flat, targets);

      optimizer.zeroGrad();
      loss.backward();
      nn.utils.clipGradNorm_(model.parameters(), 0.5);
      optimizer.step();

      total_loss += loss.item();
      if (batch % log_interval === 0 && batch > 0) {
        const lr = scheduler.getLastLr()[0];
        const cur_loss = total_loss / log_interval;
        const ppl = Math.exp(cur_loss);
        print(`| epoch ${String(epoch).padStart(3)} | ${String(batch).padStart(5)}/${String(num_batches).padStart(5)} batches | ` +
          `lr ${f2(lr, 2)} | ` +
          `loss ${f2(cur_loss, 5)} | ppl ${f2(ppl, 8)}`);
        total_loss = 0;
      }
    }
  }

  function evaluate(model, eval_data) {
    model.eval(); // turn on evaluation mode
    let total_loss = 0.0;
    tg.noGrad(() => {
      for (let i = 0; i < eval_data.size(0) - 1; i += bptt) {
        const [data, targets] = get_batch(eval_data, i);
        const seq_len = data.size(0);
        const output = model(data);
        const output_flat = output.view(-1, ntokens);
        total_loss += seq_len * criterion(output_flat, targets).item();
      }
    });
    return total_loss / (eval_data.size(0) - 1);
  }

  let best_val_loss = Infinity;
  const epochs = 3;

  let best_model_params = null;
  for (epoch = 1; epoch < epochs + 1; epoch++) {
    train(model);
    const val_loss = evaluate(model, val_data);
    const val_ppl = Math.exp(val_loss);
    print('-'.repeat(89));
    print(`| end of epoch ${String(epoch).padStart(3)} | ` +
      `valid loss ${f2(val_loss, 5)} | valid ppl ${f2(val_ppl, 8)}`);
    print('-'.repeat(89));

    if (val_loss < best_val_loss) {
      best_val_loss = val_loss;
      // copy.deepcopy(model.state_dict()) (torch.save(model.state_dict(), best_model_params_path))
      best_model_params = Object.fromEntries(Object.entries(model.stateDict()).map(([k, v]) => [k, v.clone()]));
    }

    scheduler.step();
  }
  model.loadStateDict(best_model_params); // load best model states

  const test_loss = evaluate(model, test_data);
  const test_ppl = Math.exp(test_loss);
  print('='.repeat(89));
  print(`| End of training | test loss ${f2(test_loss, 5)} | ` +
    `test ppl ${f2(test_ppl, 8)}`);
  print('='.repeat(89));
}

await runIfMain(import.meta, main);
