# PyTorch twin of word_language_model.mjs: pytorch/examples word_language_model, model.py (RNNModel for LSTM, GRU,
# RNN_TANH and RNN_RELU; PositionalEncoding; TransformerModel, an nn.Transformer subclass) as stored at commit
# 001d493285083b54cacbc1334cb26338bdff2455, driven by main.py's loop (data.Corpus, batchify, get_batch,
# repackage_hidden, train with clip_grad_norm_ and the hand-written SGD step, evaluate, the lr annealing).
# Stand-ins: the corpus is examples/ports/tiny_shakespeare.txt (bundled) split into train / valid / test lines; the
# parameters are re-drawn from detrand after construction (the model's uniform_ inits with detrand's values, every
# other parameter as detrand.init_); dropout is 0 (PyTorch's and tensorgrad's dropout streams differ); the models
# are small (emsize 16, nhid 16, 2 layers, bptt 8, batch 4, 3 epochs) and the timings (ms/batch, seconds) are left
# out of the printed lines; checkpoints are not saved.
# Run: /usr/bin/python3 examples/ports/word_language_model.py > examples/ports/word_language_model.expected.txt
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

import detrand

detrand.seed(10)


class Dictionary(object):
    def __init__(self):
        self.word2idx = {}
        self.idx2word = []

    def add_word(self, word):
        if word not in self.word2idx:
            self.idx2word.append(word)
            self.word2idx[word] = len(self.idx2word) - 1
        return self.word2idx[word]

    def __len__(self):
        return len(self.idx2word)


class Corpus(object):
    """data.py's Corpus over one file: the first 60% of its lines train, the next 20% valid, the rest test."""
    def __init__(self, path):
        self.dictionary = Dictionary()
        with open(path, 'r', encoding="utf8") as f:
            lines = f.readlines()
        a, b = len(lines) * 6 // 10, len(lines) * 8 // 10
        self.train = self.tokenize(lines[:a])
        self.valid = self.tokenize(lines[a:b])
        self.test = self.tokenize(lines[b:])

    def tokenize(self, lines):
        for line in lines:
            words = line.split() + ['<eos>']
            for word in words:
                self.dictionary.add_word(word)
        idss = []
        for line in lines:
            words = line.split() + ['<eos>']
            ids = []
            for word in words:
                ids.append(self.dictionary.word2idx[word])
            idss.append(torch.tensor(ids).type(torch.int64))
        return torch.cat(idss)


class RNNModel(nn.Module):
    """Container module with an encoder, a recurrent module, and a decoder."""

    def __init__(self, rnn_type, ntoken, ninp, nhid, nlayers, dropout=0.5, tie_weights=False):
        super(RNNModel, self).__init__()
        self.ntoken = ntoken
        self.drop = nn.Dropout(dropout)
        self.encoder = nn.Embedding(ntoken, ninp)
        if rnn_type in ['LSTM', 'GRU']:
            self.rnn = getattr(nn, rnn_type)(ninp, nhid, nlayers, dropout=dropout)
        else:
            try:
                nonlinearity = {'RNN_TANH': 'tanh', 'RNN_RELU': 'relu'}[rnn_type]
            except KeyError as e:
                raise ValueError("""An invalid option for `--model` was supplied,
                                 options are ['LSTM', 'GRU', 'RNN_TANH' or 'RNN_RELU']""") from e
            self.rnn = nn.RNN(ninp, nhid, nlayers, nonlinearity=nonlinearity, dropout=dropout)
        self.decoder = nn.Linear(nhid, ntoken)

        if tie_weights:
            if nhid != ninp:
                raise ValueError('When using the tied flag, nhid must be equal to emsize')
            self.decoder.weight = self.encoder.weight

        detrand.init_(self)  # stand-in for the constructors' own random init
        self.init_weights()

        self.rnn_type = rnn_type
        self.nhid = nhid
        self.nlayers = nlayers

    def init_weights(self):
        initrange = 0.1
        with torch.no_grad():  # nn.init.uniform_(w, -initrange, initrange), from detrand
            self.encoder.weight.copy_((detrand.rand(*self.encoder.weight.shape) * 2 - 1) * initrange)
        nn.init.zeros_(self.decoder.bias)
        with torch.no_grad():
            self.decoder.weight.copy_((detrand.rand(*self.decoder.weight.shape) * 2 - 1) * initrange)

    def forward(self, input, hidden):
        emb = self.drop(self.encoder(input))
        output, hidden = self.rnn(emb, hidden)
        output = self.drop(output)
        decoded = self.decoder(output)
        decoded = decoded.view(-1, self.ntoken)
        return F.log_softmax(decoded, dim=1), hidden

    def init_hidden(self, bsz):
        weight = next(self.parameters())
        if self.rnn_type == 'LSTM':
            return (weight.new_zeros(self.nlayers, bsz, self.nhid),
                    weight.new_zeros(self.nlayers, bsz, self.nhid))
        else:
            return weight.new_zeros(self.nlayers, bsz, self.nhid)


class PositionalEncoding(nn.Module):
    def __init__(self, d_model, dropout=0.1, max_len=5000):
        super(PositionalEncoding, self).__init__()
        self.dropout = nn.Dropout(p=dropout)

        pe = torch.zeros(max_len, d_model)
        position = torch.arange(0, max_len, dtype=torch.float).unsqueeze(1)
        div_term = torch.exp(torch.arange(0, d_model, 2).float() * (-math.log(10000.0) / d_model))
        pe[:, 0::2] = torch.sin(position * div_term)
        pe[:, 1::2] = torch.cos(position * div_term)
        pe = pe.unsqueeze(0).transpose(0, 1)
        self.register_buffer('pe', pe)

    def forward(self, x):
        x = x + self.pe[:x.size(0), :]
        return self.dropout(x)


class TransformerModel(nn.Transformer):
    """Container module with an encoder, a recurrent or transformer module, and a decoder."""

    def __init__(self, ntoken, ninp, nhead, nhid, nlayers, dropout=0.5):
        super(TransformerModel, self).__init__(d_model=ninp, nhead=nhead, dim_feedforward=nhid, num_encoder_layers=nlayers,
                                               dropout=dropout)  # (dropout passed: the stand-in's 0)
        self.model_type = 'Transformer'
        self.src_mask = None
        self.pos_encoder = PositionalEncoding(ninp, dropout)

        self.input_emb = nn.Embedding(ntoken, ninp)
        self.ninp = ninp
        self.decoder = nn.Linear(ninp, ntoken)

        detrand.init_(self)  # stand-in for the constructors' own random init
        self.init_weights()

    def _generate_square_subsequent_mask(self, sz):
        mask = (torch.triu(torch.ones(sz, sz)) == 1).transpose(0, 1)
        mask = mask.float().masked_fill(mask == 0, float('-inf')).masked_fill(mask == 1, float(0.0))
        return mask

    def init_weights(self):
        initrange = 0.1
        with torch.no_grad():
            self.input_emb.weight.copy_((detrand.rand(*self.input_emb.weight.shape) * 2 - 1) * initrange)
        nn.init.zeros_(self.decoder.bias)
        with torch.no_grad():
            self.decoder.weight.copy_((detrand.rand(*self.decoder.weight.shape) * 2 - 1) * initrange)

    def forward(self, src, has_mask=True):
        if has_mask:
            device = src.device
            if self.src_mask is None or self.src_mask.size(0) != len(src):
                mask = self._generate_square_subsequent_mask(len(src)).to(device)
                self.src_mask = mask
        else:
            self.src_mask = None

        src = self.input_emb(src) * math.sqrt(self.ninp)
        src = self.pos_encoder(src)
        output = self.encoder(src, mask=self.src_mask)
        output = self.decoder(output)
        return F.log_softmax(output, dim=-1)


corpus = Corpus(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'tiny_shakespeare.txt'))


def batchify(data, bsz):
    # Work out how cleanly we can divide the dataset into bsz parts.
    nbatch = data.size(0) // bsz
    # Trim off any extra elements that wouldn't cleanly fit (remainders).
    data = data.narrow(0, 0, nbatch * bsz)
    # Evenly divide the data across the bsz batches.
    data = data.view(bsz, -1).t().contiguous()
    return data


batch_size, eval_batch_size, bptt, clip, log_interval = 4, 2, 8, 0.25, 1
train_data = batchify(corpus.train, batch_size)
val_data = batchify(corpus.valid, eval_batch_size)
test_data = batchify(corpus.test, eval_batch_size)
ntokens = len(corpus.dictionary)
print('vocab size', ntokens, 'train', list(train_data.shape), 'valid', list(val_data.shape), 'test', list(test_data.shape))
criterion = nn.NLLLoss()


def repackage_hidden(h):
    """Wraps hidden states in new Tensors, to detach them from their history."""
    if isinstance(h, torch.Tensor):
        return h.detach()
    else:
        return tuple(repackage_hidden(v) for v in h)


def get_batch(source, i):
    seq_len = min(bptt, len(source) - 1 - i)
    data = source[i:i+seq_len]
    target = source[i+1:i+1+seq_len].view(-1)
    return data, target


def evaluate(model, data_source):
    # Turn on evaluation mode which disables dropout.
    model.eval()
    total_loss = 0.
    if model.model_type != 'Transformer':
        hidden = model.init_hidden(eval_batch_size)
    with torch.no_grad():
        for i in range(0, data_source.size(0) - 1, bptt):
            data, targets = get_batch(data_source, i)
            if model.model_type == 'Transformer':
                output = model(data)
                output = output.view(-1, ntokens)
            else:
                output, hidden = model(data, hidden)
                hidden = repackage_hidden(hidden)
            total_loss += len(data) * criterion(output, targets).item()
    return total_loss / (len(data_source) - 1)


def train(model, epoch, lr):
    # Turn on training mode which enables dropout.
    model.train()
    total_loss = 0.
    if model.model_type != 'Transformer':
        hidden = model.init_hidden(batch_size)
    for batch, i in enumerate(range(0, train_data.size(0) - 1, bptt)):
        data, targets = get_batch(train_data, i)
        # Starting each batch, we detach the hidden state from how it was previously produced.
        # If we didn't, the model would try backpropagating all the way to start of the dataset.
        model.zero_grad()
        if model.model_type == 'Transformer':
            output = model(data)
            output = output.view(-1, ntokens)
        else:
            hidden = repackage_hidden(hidden)
            output, hidden = model(data, hidden)
        loss = criterion(output, targets)
        loss.backward()

        # `clip_grad_norm` helps prevent the exploding gradient problem in RNNs / LSTMs.
        torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
        for p in model.parameters():
            p.data.add_(p.grad, alpha=-lr)

        total_loss += loss.item()

        if batch % log_interval == 0 and batch > 0:
            cur_loss = total_loss / log_interval
            print('| epoch {:3d} | {:5d}/{:5d} batches | lr {:02.2f} | loss {:5.2f} | ppl {:8.2f}'.format(
                epoch, batch, len(train_data) // bptt, lr, cur_loss, math.exp(cur_loss)))
            total_loss = 0


for name in ('LSTM', 'GRU', 'RNN_TANH', 'RNN_RELU', 'Transformer'):
    if name == 'Transformer':
        model = TransformerModel(ntokens, 16, 2, 16, 2, 0.0)
    else:
        model = RNNModel(name, ntokens, 16, 16, 2, 0.0, tie_weights=(name == 'GRU'))
        model.model_type = name
    print(name, sum(p.numel() for p in model.parameters()), 'parameters')
    lr = 20.0 if name != 'Transformer' else 5.0
    best_val_loss = None
    for epoch in range(1, 4):
        train(model, epoch, lr)
        val_loss = evaluate(model, val_data)
        print('-' * 89)
        print('| end of epoch {:3d} | valid loss {:5.2f} | valid ppl {:8.2f}'.format(epoch, val_loss, math.exp(val_loss)))
        print('-' * 89)
        if not best_val_loss or val_loss < best_val_loss:
            best_val_loss = val_loss
        else:
            # Anneal the learning rate if no improvement has been seen in the validation dataset.
            lr /= 4.0
    test_loss = evaluate(model, test_data)
    print('=' * 89)
    print('| End of training | test loss {:5.2f} | test ppl {:8.2f}'.format(test_loss, math.exp(test_loss)))
    print('=' * 89)
