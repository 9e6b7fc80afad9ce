// Port of d2l-en (commit 23d7a5aecceee57d1292c56e90cce307f183bb0a) chapter_attention-mechanisms-and-transformers/
// attention-scoring-functions.md, multihead-attention.md and self-attention-and-positional-encoding.md, the
// PyTorch tab cell by cell: masked_softmax (a boolean-mask assignment X[~mask] = value, repeat_interleave),
// scaled dot-product and additive attention (bmm, broadcasting unsqueeze, squeeze), multi-head attention
// (reshape/permute round trips) and the sinusoidal positional encoding (strided slice assignment P[:, :, 0::2]).
// d2l_attention.py is the PyTorch twin (its header lists the stand-ins) and d2l_attention.expected.txt what it
// prints under PyTorch 1.13 (test/ports/d2l_attention.test.ts compares).
// Run: node examples/ports/d2l_attention.mjs
import * as detrand from './detrand.mjs';
import { runIfMain } from './py.mjs';

export function main(tg, print) {
  const nn = tg.nn;
  const S = tg.slice();
  detrand.seed(4);

  function check_shape(a, shape) {
    // d2l.check_shape, printing what it checks
    if (a.shape.join() !== shape.join()) throw new Error(`tensor's shape ${a.shape} != expected shape ${shape}`);
    print(a);
  }

  // -------------------------------------------------------------------------- attention-scoring-functions.md
  function masked_softmax(X, valid_lens) { // @save
    // Perform softmax operation by masking elements on the last axis.
    // X: 3D tensor, valid_lens: 1D or 2D tensor
    function _sequence_mask(X, valid_len, value = 0) {
      const maxlen = X.size(1);
      const mask = tg.arange(maxlen, { dtype: tg.float32 }).index([null, S]).lt(valid_len.index([S, null]));
      X.indexPut_(mask.logicalNot(), value);
      return X;
    }

    if (valid_lens === null) return nn.functional.softmax(X, { dim: -1 });
    const shape = X.shape;
    if (valid_lens.dim() === 1) valid_lens = tg.repeatInterleave(valid_lens, shape[1]);
    else valid_lens = valid_lens.reshape(-1);
    // On the last axis, replace masked elements with a very large negative
    // value, whose exponentiation outputs 0
    X = _sequence_mask(X.reshape(-1, shape.at(-1)), valid_lens, -1e6);
    return nn.functional.softmax(X.reshape(shape), { dim: -1 });
  }

  print(masked_softmax(detrand.rand(tg, [2, 2, 4]), tg.tensor([2, 3], { dtype: tg.long })));

  print(masked_softmax(detrand.rand(tg, [2, 2, 4]), tg.tensor([[1, 3], [2, 4]], { dtype: tg.long })));

  const Q = tg.ones([2, 3, 4]);
  const K = tg.ones([2, 4, 6]);
  check_shape(tg.bmm(Q, K), [2, 3, 6]);

  class DotProductAttention extends nn.Module { // @save
    // Scaled dot product attention.
    constructor(dropout) {
      super();
      this.dropout = new nn.Dropout(dropout);
    }

    // Shape of queries: (batch_size, no. of queries, d)
    // Shape of keys: (batch_size, no. of key-value pairs, d)
    // Shape of values: (batch_size, no. of key-value pairs, value dimension)
    // Shape of valid_lens: (batch_size,) or (batch_size, no. of queries)
    forward(queries, keys, values, valid_lens = null) {
      const d = queries.shape.at(-1);
      // Swap the last two dimensions of keys with keys.transpose(1, 2)
      const scores = tg.bmm(queries, keys.transpose(1, 2)).div(Math.sqrt(d));
      this.attention_weights = masked_softmax(scores, valid_lens);
      return tg.bmm(this.dropout(this.attention_weights), values);
    }
  }

  let queries = detrand.randn(tg, [2, 1, 2]);
  const keys = detrand.randn(tg, [2, 10, 2]);
  const values = detrand.randn(tg, [2, 10, 4]);
  let valid_lens = tg.tensor([2, 6], { dtype: tg.long });

  let attention = new DotProductAttention(0.5);
  print(attention.eval());
  check_shape(attention(queries, keys, values, valid_lens), [2, 1, 4]);

  // d2l.show_heatmaps(d2l.reshape(attention.attention_weights, (1, 1, 2, 10)), xlabel='Keys', ylabel='Queries')
  print(attention.attention_weights.reshape([1, 1, 2, 10]));

  class AdditiveAttention extends nn.Module { // @save
    // Additive attention.
    constructor(num_hiddens, dropout) {
      super();
      this.W_k = new nn.Linear(2, num_hiddens, { bias: false }); // nn.LazyLinear(num_hiddens, bias=False)
      this.W_q = new nn.Linear(20, num_hiddens, { bias: false }); // nn.LazyLinear(num_hiddens, bias=False)
      this.w_v = new nn.Linear(num_hiddens, 1, { bias: false }); // nn.LazyLinear(1, bias=False)
      this.dropout = new nn.Dropout(dropout);
      detrand.init_(tg, this);
    }

    forward(queries, keys, values, valid_lens) {
      [queries, keys] = [this.W_q(queries), this.W_k(keys)];
      // After dimension expansion, shape of queries: (batch_size, no. of
      // queries, 1, num_hiddens) and shape of keys: (batch_size, 1, no. of
      // key-value pairs, num_hiddens). Sum them up with broadcasting
      let features = queries.unsqueeze(2).add(keys.unsqueeze(1));
      features = tg.tanh(features);
      // There is only one output of self.w_v, so we remove the last
      // one-dimensional entry from the shape. Shape of scores: (batch_size,
      // no. of queries, no. of key-value pairs)
      const scores = this.w_v(features).squeeze(-1);
      this.attention_weights = masked_softmax(scores, valid_lens);
      // Shape of values: (batch_size, no. of key-value pairs, value
      // dimension)
      return tg.bmm(this.dropout(this.attention_weights), values);
    }
  }

  queries = detrand.randn(tg, [2, 1, 20]);
  attention = new AdditiveAttention(8, 0.1);
  print(attention.eval());
  check_shape(attention(queries, keys, values, valid_lens), [2, 1, 4]);

  // d2l.show_heatmaps(d2l.reshape(attention.attention_weights, (1, 1, 2, 10)), xlabel='Keys', ylabel='Queries')
  print(attention.attention_weights.reshape([1, 1, 2, 10]));

  // -------------------------------------------------------------------------- multihead-attention.md
  const add_to_class = (Class) => (obj) => { // @save
    // Register functions as methods in created class.
    Class.prototype[obj.name] = obj;
  };

  class MultiHeadAttention extends nn.Module { // @save
    // Multi-head attention.
    constructor(num_hiddens, num_heads, dropout, bias = false) {
      super();
      this.num_heads = num_heads;
      this.attention = new DotProductAttention(dropout);
      this.W_q = new nn.Linear(num_hiddens, num_hiddens, { bias }); // nn.LazyLinear(num_hiddens, bias=bias)
      this.W_k = new nn.Linear(num_hiddens, num_hiddens, { bias });
      this.W_v = new nn.Linear(num_hiddens, num_hiddens, { bias });
      this.W_o = new nn.Linear(num_hiddens, num_hiddens, { bias });
      detrand.init_(tg, this);
    }

    forward(queries, keys, values, valid_lens) {
      // Shape of queries, keys, or values:
      // (batch_size, no. of queries or key-value pairs, num_hiddens)
      // Shape of valid_lens: (batch_size,) or (batch_size, no. of queries)
      // After transposing, shape of output queries, keys, or values:
      // (batch_size * num_heads, no. of queries or key-value pairs,
      // num_hiddens / num_heads)
      queries = this.transpose_qkv(this.W_q(queries));
      keys = this.transpose_qkv(this.W_k(keys));
      values = this.transpose_qkv(this.W_v(values));

      if (valid_lens !== null) {
        // On axis 0, copy the first item (scalar or vector) for num_heads
        // times, then copy the next item, and so on
        valid_lens = tg.repeatInterleave(valid_lens, { repeats: this.num_heads, dim: 0 });
      }

      // Shape of output: (batch_size * num_heads, no. of queries,
      // num_hiddens / num_heads)
      const output = this.attention(queries, keys, values, valid_lens);
      // Shape of output_concat: (batch_size, no. of queries, num_hiddens)
      const output_concat = this.transpose_output(output);
      return this.W_o(output_concat);
    }
  }

  add_to_class(MultiHeadAttention)(function transpose_qkv(X) { // @save
    // Transposition for parallel computation of multiple attention heads.
    // Shape of input X: (batch_size, no. of queries or key-value pairs,
    // num_hiddens). Shape of output X: (batch_size, no. of queries or
    // key-value pairs, num_heads, num_hiddens / num_heads)
    X = X.reshape(X.shape[0], X.shape[1], this.num_heads, -1);
    // Shape of output X: (batch_size, num_heads, no. of queries or key-value
    // pairs, num_hiddens / num_heads)
    X = X.permute(0, 2, 1, 3);
    // Shape of output: (batch_size * num_heads, no. of queries or key-value
    // pairs, num_hiddens / num_heads)
    return X.reshape(-1, X.shape[2], X.shape[3]);
  });

  add_to_class(MultiHeadAttention)(function transpose_output(X) { // @save
    // Reverse the operation of transpose_qkv.
    X = X.reshape(-1, this.num_heads, X.shape[1], X.shape[2]);
    X = X.permute(0, 2, 1, 3);
    return X.reshape(X.shape[0], X.shape[1], -1);
  });

  let num_hiddens = 100, num_heads = 5;
  attention = new MultiHeadAttention(num_hiddens, num_heads, 0.5);
  print(attention.eval());
  let batch_size = 2, num_queries = 4;
  const num_kvpairs = 6;
  valid_lens = tg.tensor([3, 2], { dtype: tg.long });
  let X = tg.ones([batch_size, num_queries, num_hiddens]);
  const Y = tg.ones([batch_size, num_kvpairs, num_hiddens]);
  check_shape(attention(X, Y, Y, valid_lens), [batch_size, num_queries, num_hiddens]);

  // -------------------------------------------------------------------------- self-attention-and-positional-encoding.md
  [num_hiddens, num_heads] = [100, 5];
  attention = new MultiHeadAttention(num_hiddens, num_heads, 0.5);
  attention.eval();
  [batch_size, num_queries, valid_lens] = [2, 4, tg.tensor([3, 2], { dtype: tg.long })];
  X = tg.ones([batch_size, num_queries, num_hiddens]);
  check_shape(attention(X, X, X, valid_lens), [batch_size, num_queries, num_hiddens]);

  class PositionalEncoding extends nn.Module { // @save
    // Positional encoding.
    constructor(num_hiddens, dropout, max_len = 1000) {
      super();
      this.dropout = new nn.Dropout(dropout);
      // Create a long enough P
      this.P = tg.zeros([1, max_len, num_hiddens]);
      const X = tg.arange(max_len, { dtype: tg.float32 }).reshape(-1, 1)
        .div(tg.pow(10000, tg.arange(0, num_hiddens, 2, { dtype: tg.float32 }).div(num_hiddens)));
      this.P.indexPut_([S, S, tg.slice(0, null, 2)], tg.sin(X));
      this.P.indexPut_([S, S, tg.slice(1, null, 2)], tg.cos(X));
    }

    forward(X) {
      X = X.add(this.P.index([S, tg.slice(null, X.shape[1]), S]));
      return this.dropout(X);
    }
  }

  const encoding_dim = 32, num_steps = 60;
  const pos_encoding = new PositionalEncoding(encoding_dim, 0);
  X = pos_encoding(tg.zeros([1, num_steps, encoding_dim]));
  let P = pos_encoding.P.index([S, tg.slice(null, X.shape[1]), S]);
  // d2l.plot(d2l.arange(num_steps), P[0, :, 6:10].T, xlabel='Row (position)', figsize=(6, 2.5),
  //          legend=["Col %d" % d for d in d2l.arange(6, 10)])
  print(P.index([0, S, tg.slice(6, 10)]).T);
  print(`[${tg.arange(6, 10, { dtype: tg.long }).tolist().map((d) => `'Col ${d}'`).join(', ')}]`);

  for (let i = 0; i < 8; i++) print(`${i} in binary is ${i.toString(2).padStart(3, '0')}`);

  P = P.index([0, S, S]).unsqueeze(0).unsqueeze(0);
  // d2l.show_heatmaps(P, xlabel='Column (encoding dimension)', ylabel='Row (position)', figsize=(3.5, 4), cmap='Blues')
  print(P);
}

await runIfMain(import.meta, main);
