// Port of the PyTorch tutorial "Sequence Models and Long-Short Term Memory Networks": pytorch/tutorials
// beginner_source/nlp/sequence_models_tutorial.py (commit 0d1e0f7576479586ee777d5387153830750025eb), statement
// by statement: an nn.LSTM stepped by hand and over a whole sequence, then the LSTM part-of-speech tagger trained
// for 300 epochs. sequence_models.py is the PyTorch twin and sequence_models.expected.txt what it prints under
// PyTorch 1.13 (test/ports/sequence_models.test.ts compares). torch.manual_seed/randn become detrand and every
// module's parameters are drawn from it. `autograd.Variable(t)` is `t` itself (as in PyTorch since 0.4);
// `torch.LongTensor(idxs)` is an int64 tensor; F.log_softmax needs its dim (docs/porting.md).
// Run: node examples/ports/sequence_models.mjs
import * as detrand from './detrand.mjs';
import { pyTuple, runIfMain } from './py.mjs';

export function main(tg, print) {
  const nn = tg.nn, F = tg.nn.functional, optim = tg.optim;
  detrand.seed(1); // torch.manual_seed(1)

  const lstm = detrand.init_(tg, new nn.LSTM(3, 3)); // Input dim is 3, output dim is 3
  let inputs = Array.from({ length: 5 }, () => detrand.randn(tg, [1, 3])); // make a sequence of length 5

  // initialize the hidden state.
  let hidden = [detrand.randn(tg, [1, 1, 3]), detrand.randn(tg, [1, 1, 3])];
  let out;
  for (const i of inputs) {
    // Step through the sequence one element at a time.
    // after each step, hidden contains the hidden state.
    [out, hidden] = lstm(i.view(1, 1, -1), hidden);
  }

  inputs = tg.cat(inputs).view(inputs.length, 1, -1);
  hidden = [detrand.randn(tg, [1, 1, 3]), detrand.randn(tg, [1, 1, 3])]; // clean out hidden state
  [out, hidden] = lstm(inputs, hidden);
  print(out);
  print(pyTuple(...hidden));

  function prepare_sequence(seq, to_ix) {
    const idxs = seq.map((w) => to_ix.get(w));
    const tensor = tg.tensor(idxs, { dtype: 'int64' }); // torch.LongTensor(idxs)
    return tensor;
  }

  const training_data = [
    ['The dog ate the apple'.split(' '), ['DET', 'NN', 'V', 'DET', 'NN']],
    ['Everybody read that book'.split(' '), ['NN', 'V', 'DET', 'NN']],
  ];
  const word_to_ix = new Map();
  for (const [sent] of training_data)
    for (const word of sent) if (!word_to_ix.has(word)) word_to_ix.set(word, word_to_ix.size);
  print(`{${[...word_to_ix].map(([k, v]) => `'${k}': ${v}`).join(', ')}}`);
  const tag_to_ix = new Map([['DET', 0], ['NN', 1], ['V', 2]]);

  const EMBEDDING_DIM = 6;
  const HIDDEN_DIM = 6;

  class LSTMTagger extends nn.Module {
    constructor(embedding_dim, hidden_dim, vocab_size, tagset_size) {
      super();
      this.hidden_dim = hidden_dim;

      this.word_embeddings = new nn.Embedding(vocab_size, embedding_dim);

      // The LSTM takes word embeddings as inputs, and outputs hidden states
      // with dimensionality hidden_dim.
      this.lstm = new nn.LSTM(embedding_dim, hidden_dim);

      // The linear layer that maps from hidden state space to tag space
      this.hidden2tag = new nn.Linear(hidden_dim, tagset_size);
      this.hidden = this.init_hidden();
    }

    init_hidden() {
      return [tg.zeros(1, 1, this.hidden_dim), tg.zeros(1, 1, this.hidden_dim)];
    }

    forward(sentence) {
      const embeds = this.word_embeddings(sentence);
      let lstm_out;
      [lstm_out, this.hidden] = this.lstm(embeds.view(sentence.size(0), 1, -1), this.hidden);
      const tag_space = this.hidden2tag(lstm_out.view(sentence.size(0), -1));
      const tag_scores = F.logSoftmax(tag_space, { dim: 1 }); // F.log_softmax(tag_space): the implicit dim is 1
      return tag_scores;
    }
  }

  const model = detrand.init_(tg, new LSTMTagger(EMBEDDING_DIM, HIDDEN_DIM, word_to_ix.size, tag_to_ix.size));
  const loss_function = new nn.NLLLoss();
  const optimizer = new optim.SGD(model.parameters(), { lr: 0.1 });

  inputs = prepare_sequence(training_data[0][0], word_to_ix);
  let tag_scores = model(inputs);
  print(tag_scores);

  let loss;
  for (let epoch = 0; epoch < 300; epoch++) { // again, normally you would NOT do 300 epochs, it is toy data
    for (const [sentence, tags] of training_data) {
      model.zeroGrad();
      model.hidden = model.init_hidden();
      const sentence_in = prepare_sequence(sentence, word_to_ix);
      const targets = prepare_sequence(tags, tag_to_ix);
      tag_scores = model(sentence_in);
      loss = loss_function(tag_scores, targets);
      loss.backward();
      optimizer.step();
    }
  }

  inputs = prepare_sequence(training_data[0][0], word_to_ix);
  tag_scores = model(inputs);
  print(tag_scores);

  // Not in the tutorial: the model, its parameter names, the last loss and the predicted tags.
  print(model);
  print(`[${model.namedParameters().map(([name]) => `'${name}'`).join(', ')}]`);
  print(loss, tag_scores.argmax(1));
}

await runIfMain(import.meta, main);
