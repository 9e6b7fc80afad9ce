# PyTorch twin of transformer_tutorial.mjs: pytorch/tutorials beginner_source/transformer_tutorial.py ("Language
# Modeling with nn.Transformer and torchtext", commit 00109f5abe4d664833ae7cde8b694b41356adb2b), statement by
# statement.
# Stand-ins: WikiText2 is examples/ports/tiny_shakespeare.txt, its lines split 80/10/10 into train/val/test;
# get_tokenizer('basic_english') and build_vocab_from_iterator are their torchtext algorithms written out
# (lower-case, punctuation split off; tokens by frequency, then alphabetically, after the specials); the model is
# smaller (emsize 32, d_hid 32, bptt 8, batch sizes 4 and 2, log_interval 2) and has dropout 0 (dropout's draws
# are each library's own stream); every parameter is first drawn by detrand.init_ and init_weights's uniform_
# draws from detrand; the log lines leave out the elapsed times; the best model is kept with a state_dict copy.
# Run: /usr/bin/python3 examples/ports/transformer_tutorial.py > examples/ports/transformer_tutorial.expected.txt
import copy
import math
import os
import re
from collections import Counter
from typing import Tuple

import torch
from torch import nn, Tensor
from torch.nn import TransformerEncoder, TransformerEncoderLayer

import detrand

detrand.seed(7)


def uniform_(t, a, b):
    """Tensor.uniform_ from detrand"""
    with torch.no_grad():
        return t.copy_(torch.tensor([a + (b - a) * v for v in detrand.uniform(t.numel())]).reshape(t.shape))


class TransformerModel(nn.Module):

    def __init__(self, ntoken: int, d_model: int, nhead: int, d_hid: int,
                 nlayers: int, dropout: float = 0.5):
        super().__init__()
        self.model_type = 'Transformer'
        self.pos_encoder = PositionalEncoding(d_model, dropout)
        encoder_layers = TransformerEncoderLayer(d_model, nhead, d_hid, dropout)
        self.transformer_encoder = TransformerEncoder(encoder_layers, nlayers)
        self.embedding = nn.Embedding(ntoken, d_model)
        self.d_model = d_model
        self.linear = nn.Linear(d_model, ntoken)
        detrand.init_(self)  # the layers' default init, from detrand

        self.init_weights()

    def init_weights(self) -> None:
        initrange = 0.1
        uniform_(self.embedding.weight.data, -initrange, initrange)
        self.linear.bias.data.zero_()
        uniform_(self.linear.weight.data, -initrange, initrange)

    def forward(self, src: Tensor, src_mask: Tensor = None) -> Tensor:
        src = self.embedding(src) * math.sqrt(self.d_model)
        src = self.pos_encoder(src)
        output = self.transformer_encoder(src, src_mask)
        output = self.linear(output)
        return output


class PositionalEncoding(nn.Module):

    def __init__(self, d_model: int, dropout: float = 0.1, max_len: int = 5000):
        super().__init__()
        self.dropout = nn.Dropout(p=dropout)

        position = torch.arange(max_len).unsqueeze(1)
        div_term = torch.exp(torch.arange(0, d_model, 2) * (-math.log(10000.0) / d_model))
        pe = torch.zeros(max_len, 1, d_model)
        pe[:, 0, 0::2] = torch.sin(position * div_term)
        pe[:, 0, 1::2] = torch.cos(position * div_term)
        self.register_buffer('pe', pe)

    def forward(self, x: Tensor) -> Tensor:
        x = x + self.pe[:x.size(0)]
        return self.dropout(x)


_patterns = [r"\'", r"\"", r"\.", r"<br \/>", r",", r"\(", r"\)", r"\!", r"\?", r"\;", r"\:", r"\s+"]
_replacements = [" '  ", "", " . ", " ", " , ", " ( ", " ) ", " ! ", " ? ", " ", " ", " "]


def get_tokenizer(name):
    """torchtext.data.utils.get_tokenizer('basic_english')"""
    def _basic_english_normalize(line):
        line = line.lower()
        for pattern_re, replaced_str in zip(_patterns, _replacements):
            line = re.sub(pattern_re, replaced_str, line)
        return line.split()
    return _basic_english_normalize


class Vocab:
    """torchtext.vocab.build_vocab_from_iterator's Vocab: itos, stoi, a default index"""
    def __init__(self, itos):
        self.itos = itos
        self.stoi = {t: i for i, t in enumerate(itos)}
        self.default = None

    def set_default_index(self, i):
        self.default = i

    def __getitem__(self, token):
        return self.stoi.get(token, self.default)

    def __call__(self, tokens):
        return [self[t] for t in tokens]

    def __len__(self):
        return len(self.itos)


def build_vocab_from_iterator(iterator, specials):
    counter = Counter()
    for tokens in iterator:
        counter.update(tokens)
    ordered = sorted(counter.items(), key=lambda x: (-x[1], x[0]))
    return Vocab(specials + [t for t, _ in ordered if t not in specials])


def WikiText2(split=None):
    lines = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'tiny_shakespeare.txt')).read().split('\n')
    n = len(lines)
    splits = {'train': lines[:int(n * 0.8)], 'valid': lines[int(n * 0.8):int(n * 0.9)], 'test': lines[int(n * 0.9):]}
    return splits[split] if split else (splits['train'], splits['valid'], splits['test'])


train_iter = WikiText2(split='train')
tokenizer = get_tokenizer('basic_english')
vocab = build_vocab_from_iterator(map(tokenizer, train_iter), specials=['<unk>'])
vocab.set_default_index(vocab['<unk>'])


def data_process(raw_text_iter) -> Tensor:
    """Converts raw text into a flat Tensor."""
    data = [torch.tensor(vocab(tokenizer(item)), dtype=torch.long) for item in raw_text_iter]
    return torch.cat(tuple(filter(lambda t: t.numel() > 0, data)))


# ``train_iter`` was "consumed" by the process of building the vocab,
# so we have to create it again
train_iter, val_iter, test_iter = WikiText2()
train_data = data_process(train_iter)
val_data = data_process(val_iter)
test_data = data_process(test_iter)

device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')


def batchify(data: Tensor, bsz: int) -> Tensor:
    seq_len = data.size(0) // bsz
    data = data[:seq_len * bsz]
    data = data.view(bsz, seq_len).t().contiguous()
    return data.to(device)


batch_size = 4
eval_batch_size = 2
train_data = batchify(train_data, batch_size)  # shape ``[seq_len, batch_size]``
val_data = batchify(val_data, eval_batch_size)
test_data = batchify(test_data, eval_batch_size)

bptt = 8


def get_batch(source: Tensor, i: int) -> Tuple[Tensor, Tensor]:
    seq_len = min(bptt, len(source) - 1 - i)
    data = source[i:i+seq_len]
    target = source[i+1:i+1+seq_len].reshape(-1)
    return data, target


ntokens = len(vocab)  # size of vocabulary
emsize = 32  # embedding dimension
d_hid = 32  # dimension of the feedforward network model in ``nn.TransformerEncoder``
nlayers = 2  # number of ``nn.TransformerEncoderLayer`` in ``nn.TransformerEncoder``
nhead = 2  # number of heads in ``nn.MultiheadAttention``
dropout = 0.0  # dropout probability
model = TransformerModel(ntokens, emsize, nhead, d_hid, nlayers, dropout).to(device)
print(ntokens, tuple(train_data.shape), tuple(val_data.shape), tuple(test_data.shape))
print(model)

criterion = nn.CrossEntropyLoss()
lr = 5.0  # learning rate
optimizer = torch.optim.SGD(model.parameters(), lr=lr)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 1.0, gamma=0.95)


def train(model: nn.Module) -> None:
    model.train()  # turn on train mode
    total_loss = 0.
    log_interval = 2

    num_batches = len(train_data) // bptt
    for batch, i in enumerate(range(0, train_data.size(0) - 1, bptt)):
        data, targets = get_batch(train_data, i)
        output = model(data)
        output_flat = output.view(-1, ntokens)
        loss = criterion(output_flat, targets)

        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 0.5)
        optimizer.step()

        total_loss += loss.item()
        if batch % log_interval == 0 and batch > 0:
            lr = scheduler.get_last_lr()[0]
            cur_loss = total_loss / log_interval
            ppl = math.exp(cur_loss)
            print(f'| epoch {epoch:3d} | {batch:5d}/{num_batches:5d} batches | '
                  f'lr {lr:02.2f} | '
                  f'loss {cur_loss:5.2f} | ppl {ppl:8.2f}')
            total_loss = 0


def evaluate(model: nn.Module, eval_data: Tensor) -> float:
    model.eval()  # turn on evaluation mode
    total_loss = 0.
    with torch.no_grad():
        for i in range(0, eval_data.size(0) - 1, bptt):
            data, targets = get_batch(eval_data, i)
            seq_len = data.size(0)
            output = model(data)
            output_flat = output.view(-1, ntokens)
            total_loss += seq_len * criterion(output_flat, targets).item()
    return total_loss / (len(eval_data) - 1)


best_val_loss = float('inf')
epochs = 3

best_model_params = None
for epoch in range(1, epochs + 1):
    train(model)
    val_loss = evaluate(model, val_data)
    val_ppl = math.exp(val_loss)
    print('-' * 89)
    print(f'| end of epoch {epoch:3d} | '
        f'valid loss {val_loss:5.2f} | valid ppl {val_ppl:8.2f}')
    print('-' * 89)

    if val_loss < best_val_loss:
        best_val_loss = val_loss
        best_model_params = copy.deepcopy(model.state_dict())  # torch.save(model.state_dict(), best_model_params_path)

    scheduler.step()
model.load_state_dict(best_model_params) # load best model states

test_loss = evaluate(model, test_data)
test_ppl = math.exp(test_loss)
print('=' * 89)
print(f'| End of training | test loss {test_loss:5.2f} | '
      f'test ppl {test_ppl:8.2f}')
print('=' * 89)
