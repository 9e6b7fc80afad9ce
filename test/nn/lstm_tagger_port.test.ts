// A port, line by line, of PyTorch's tutorial "Sequence Models and Long-Short Term Memory Networks"
// (pytorch/tutorials, beginner_source/nlp/sequence_models_tutorial.py): an LSTM stepped one element at a time and
// over a whole sequence, then an LSTM part-of-speech tagger trained for 300 epochs with SGD. The weights and the
// random inputs come from PyTorch (tensorgrad's generator is not PyTorch's), recorded by gen_rnn.py; what the
// tutorial prints is compared as printed. Deliberate differences: Variable is gone (as in today's PyTorch);
// log_softmax's implicit dim (deprecated in PyTorch) is spelled dim 1; the Python dict and tuple prints are built
// from their parts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { dec, type TensorJson as TJ } from '../helpers/module_fixture.js';

const T = (JSON.parse(readFileSync(join(__dirname, '../fixtures/rnn.json'), 'utf8')) as { tutorial: Record<string, unknown> }).tutorial as {
  lstm: [string, TJ][]; inputs: TJ[]; hidden0: TJ[]; hidden1: TJ[]; stepwise: string[]; printed: string[]; model: [string, TJ][];
  word_to_ix: string; before: string; after: string; afterValues: TJ; losses: number[];
};
const state = (s: [string, TJ][]): Record<string, Tensor> => Object.fromEntries(s.map(([k, t]) => [k, dec(t)]));
const nn = tg.nn, F = tg.nn.functional;
const pyTuple = (ts: Tensor[]): string => `(${ts.map(String).join(', ')})`;

describe('PyTorch tutorial port: Sequence Models and LSTM Networks', () => {
  it('LSTMs in PyTorch: stepping one element at a time and the whole sequence at once print what PyTorch prints', () => {
    const lstm = new nn.LSTM(3, 3); // Input dim is 3, output dim is 3
    lstm.loadStateDict(state(T.lstm));
    let inputs: Tensor[] | Tensor = T.inputs.map(dec); // make a sequence of length 5
    // initialize the hidden state.
    let hidden: [Tensor, Tensor] = [dec(T.hidden0[0]), dec(T.hidden0[1])];
    let out!: Tensor;
    for (const i of inputs) {
      // Step through the sequence one element at a time.
      [out, hidden] = lstm(i.view(1, 1, -1), hidden) as [Tensor, [Tensor, Tensor]];
    }
    expect(String(out)).toBe(T.stepwise[0]);
    expect(pyTuple(hidden)).toBe(T.stepwise[1]);
    // alternatively, we can do the entire sequence all at once.
    inputs = tg.cat(inputs).view(inputs.length, 1, -1);
    hidden = [dec(T.hidden1[0]), dec(T.hidden1[1])]; // clean out hidden state
    [out, hidden] = lstm(inputs, hidden) as [Tensor, [Tensor, Tensor]];
    expect(String(out)).toBe(T.printed[0]);
    expect(pyTuple(hidden)).toBe(T.printed[1]);
    // the last slice of out is the last hidden state
    expect(out.index(-1).equal(hidden[0].index(0))).toBe(true);
  });

  it('an LSTM part-of-speech tagger trains for 300 epochs to PyTorch’s loss curve and tag scores', () => {
    const prepareSequence = (seq: string[], toIx: Record<string, number>): Tensor => tg.tensor(seq.map((w) => toIx[w]), { dtype: 'int32' });
    const trainingData: [string[], string[]][] = [
      ['The dog ate the apple'.split(' '), ['DET', 'NN', 'V', 'DET', 'NN']],
      ['Everybody read that book'.split(' '), ['NN', 'V', 'DET', 'NN']],
    ];
    const wordToIx: Record<string, number> = {};
    for (const [sent] of trainingData) for (const word of sent) if (!(word in wordToIx)) wordToIx[word] = Object.keys(wordToIx).length;
    expect(`{${Object.entries(wordToIx).map(([k, v]) => `'${k}': ${v}`).join(', ')}}`).toBe(T.word_to_ix);
    const tagToIx: Record<string, number> = { DET: 0, NN: 1, V: 2 };
    const EMBEDDING_DIM = 6, HIDDEN_DIM = 6;

    class LSTMTagger extends nn.Module {
      hiddenDim: number;
      wordEmbeddings: InstanceType<typeof nn.Embedding>;
      lstm: InstanceType<typeof nn.LSTM>;
      hidden2tag: InstanceType<typeof nn.Linear>;
      hidden: [Tensor, Tensor];
      constructor(embeddingDim: number, hiddenDim: number, vocabSize: number, tagsetSize: number) {
        super();
        this.hiddenDim = hiddenDim;
        this.wordEmbeddings = new nn.Embedding(vocabSize, embeddingDim);
        // The LSTM takes word embeddings as inputs, and outputs hidden states with dimensionality hiddenDim.
        this.lstm = new nn.LSTM(embeddingDim, hiddenDim);
        // The linear layer that maps from hidden state space to tag space
        this.hidden2tag = new nn.Linear(hiddenDim, tagsetSize);
        this.hidden = this.initHidden();
      }
      initHidden(): [Tensor, Tensor] {
        // The axes semantics are (num_layers, minibatch_size, hidden_dim)
        return [tg.zeros(1, 1, this.hiddenDim), tg.zeros(1, 1, this.hiddenDim)];
      }
      override forward(sentence: Tensor): Tensor {
        const embeds = this.wordEmbeddings(sentence) as Tensor;
        let lstmOut: Tensor;
        [lstmOut, this.hidden] = this.lstm(embeds.view(sentence.shape[0], 1, -1), this.hidden) as [Tensor, [Tensor, Tensor]];
        const tagSpace = this.hidden2tag(lstmOut.view(sentence.shape[0], -1)) as Tensor;
        return F.logSoftmax(tagSpace, 1);
      }
    }

    const model = new LSTMTagger(EMBEDDING_DIM, HIDDEN_DIM, Object.keys(wordToIx).length, Object.keys(tagToIx).length);
    // PyTorch's names for the tagger's parameters (word_embeddings.weight, lstm.weight_ih_l0, ...), so its weights load
    expect(Object.keys(model.stateDict())).toEqual(T.model.map(([k]) => k.replace(/^word_embeddings/, 'wordEmbeddings')));
    model.loadStateDict(Object.fromEntries(T.model.map(([k, t]) => [k.replace(/^word_embeddings/, 'wordEmbeddings'), dec(t)])));
    const lossFunction = new nn.NLLLoss();
    const optimizer = new tg.optim.SGD(model.parameters(), { lr: 0.1 });

    // See what the scores are before training
    let inputs = prepareSequence(trainingData[0][0], wordToIx);
    let tagScores = model(inputs) as Tensor;
    expect(String(tagScores)).toBe(T.before);

    const losses: number[] = [];
    for (let epoch = 0; epoch < 300; epoch++) {
      for (const [sentence, tags] of trainingData) {
        model.zeroGrad();
        model.hidden = model.initHidden();
        const sentenceIn = prepareSequence(sentence, wordToIx);
        const targets = prepareSequence(tags, tagToIx);
        tagScores = model(sentenceIn) as Tensor;
        const loss = lossFunction(tagScores, targets) as Tensor;
        loss.backward();
        optimizer.step();
        losses.push(loss.item() as number);
      }
    }
    // float32 through 600 SGD steps: the curves agree to rounding all the way
    const drift = Math.max(...losses.map((l, i) => Math.abs(l - T.losses[i])));
    expect(drift).toBeLessThan(1e-4);
    inputs = prepareSequence(trainingData[0][0], wordToIx);
    tagScores = model(inputs) as Tensor;
    expect(tagScores.sub(dec(T.afterValues)).abs().max().item()).toBeLessThan(1e-4);
    expect(String(tagScores)).toBe(T.after);
    // DET NOUN VERB DET NOUN, the correct sequence
    expect(tagScores.argmax(1).tolist()).toEqual([0, 1, 2, 0, 1]);
  });
});
