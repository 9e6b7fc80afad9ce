"""The makemore transformer of examples/makemore in PyTorch 1.13: the same model, data split rule, batches and
AdamW recipe as karpathy/makemore's makemore.py (4 layers, 4 heads, 64 channels, block size from the data,
lr 5e-4, weight decay 0.01, betas (0.9, 0.99), batch 32), written for this project, giving PyTorch's numbers.

  /usr/bin/python3 bench/torch/makemore.py --max-steps 10000          the training, makemore.py's lines
  /usr/bin/python3 bench/torch/makemore.py --bench 100 --warmup 20    only times the training step (W12)

It prints the loss line every 10 steps and train/test losses every 500 as makemore.py does, then a final line
and an `@@` JSON line ({steps, train_loss, test_loss, median_step_ms} or, with --bench, {step_ms: [...]})
for bench/run.mjs. GELU is F.gelu(approximate='tanh'), the same function as makemore.py's NewGELU composite
(and PyTorch's faster form of it). Threads: --threads (default 2).
"""
import argparse
import json
import math
import os
import time

import torch
import torch.nn as nn
from torch.nn import functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
NAMES = os.path.join(HERE, '..', '..', 'examples', 'makemore', 'names.txt')


class SelfAttention(nn.Module):
    """Multi-head attention over the past: one projection to q, k, v; scores masked above the diagonal."""

    def __init__(self, n_embd, n_head, block_size):
        super().__init__()
        self.c_attn = nn.Linear(n_embd, 3 * n_embd)
        self.c_proj = nn.Linear(n_embd, n_embd)
        self.register_buffer('bias', torch.tril(torch.ones(block_size, block_size)).view(1, 1, block_size, block_size))
        self.n_head = n_head

    def forward(self, x):
        b, t, c = x.shape
        hs = c // self.n_head
        q, k, v = (z.view(b, t, self.n_head, hs).transpose(1, 2) for z in self.c_attn(x).split(c, dim=2))
        scores = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(hs))
        scores = scores.masked_fill(self.bias[:, :, :t, :t] == 0, float('-inf'))
        y = F.softmax(scores, dim=-1) @ v
        return self.c_proj(y.transpose(1, 2).contiguous().view(b, t, c))


class Layer(nn.Module):
    def __init__(self, n_embd, n_head, block_size):
        super().__init__()
        self.ln_1 = nn.LayerNorm(n_embd)
        self.attn = SelfAttention(n_embd, n_head, block_size)
        self.ln_2 = nn.LayerNorm(n_embd)
        self.mlp = nn.ModuleDict(dict(c_fc=nn.Linear(n_embd, 4 * n_embd), c_proj=nn.Linear(4 * n_embd, n_embd)))

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp.c_proj(F.gelu(self.mlp.c_fc(self.ln_2(x)), approximate='tanh'))


class CharTransformer(nn.Module):
    def __init__(self, vocab_size, block_size, n_layer, n_head, n_embd):
        super().__init__()
        self.transformer = nn.ModuleDict(dict(
            wte=nn.Embedding(vocab_size, n_embd),
            wpe=nn.Embedding(block_size, n_embd),
            h=nn.ModuleList([Layer(n_embd, n_head, block_size) for _ in range(n_layer)]),
            ln_f=nn.LayerNorm(n_embd),
        ))
        self.lm_head = nn.Linear(n_embd, vocab_size, bias=False)

    def forward(self, idx, targets=None):
        t = idx.shape[1]
        tr = self.transformer
        x = tr.wte(idx) + tr.wpe(torch.arange(t).unsqueeze(0))
        for layer in tr.h:
            x = layer(x)
        logits = self.lm_head(tr.ln_f(x))
        if targets is None:
            return logits, None
        return logits, F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1), ignore_index=-1)


class Words:
    """x = <START>=0 then the characters, y = the characters then <STOP>=0, y padded with -1 (ignored)."""

    def __init__(self, words, chars, max_len):
        self.words, self.set = words, set(words)
        self.stoi = {ch: i + 1 for i, ch in enumerate(chars)}
        self.length = max_len + 1

    def batch(self, indices):
        x = torch.zeros(len(indices), self.length, dtype=torch.long)
        y = torch.full((len(indices), self.length), -1, dtype=torch.long)
        for r, i in enumerate(indices):
            ix = torch.tensor([self.stoi[ch] for ch in self.words[i]], dtype=torch.long)
            x[r, 1:1 + len(ix)] = ix
            y[r, :len(ix)] = ix
            y[r, len(ix)] = 0
        return x, y


def datasets(path):
    with open(path) as f:
        words = [w.strip() for w in f.read().splitlines()]
    words = [w for w in words if w]
    chars = sorted(set(''.join(words)))
    max_len = max(len(w) for w in words)
    n_test = min(1000, int(len(words) * 0.1))
    rp = torch.randperm(len(words)).tolist()
    train = Words([words[i] for i in rp[:-n_test]], chars, max_len)
    test = Words([words[i] for i in rp[-n_test:]], chars, max_len)
    return train, test, len(chars) + 1, max_len + 1


@torch.inference_mode()
def evaluate(model, data, batch_size=100, max_batches=10):
    """makemore.py's evaluate: shuffled batches, stopping after batch index max_batches (so up to 11)."""
    model.eval()
    order = torch.randperm(len(data.words)).tolist()
    losses = []
    for i, at in enumerate(range(0, len(order), batch_size)):
        losses.append(model(*data.batch(order[at:at + batch_size]))[1].item())
        if i >= max_batches:
            break
    model.train()
    return torch.tensor(losses).mean().item()


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--input-file', default=NAMES)
    p.add_argument('--max-steps', type=int, default=10000)
    p.add_argument('--seed', type=int, default=3407)
    p.add_argument('--n-layer', type=int, default=4)
    p.add_argument('--n-head', type=int, default=4)
    p.add_argument('--n-embd', type=int, default=64)
    p.add_argument('--batch-size', type=int, default=32)
    p.add_argument('--learning-rate', type=float, default=5e-4)
    p.add_argument('--weight-decay', type=float, default=0.01)
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--bench', type=int, default=0, help='time this many steps after --warmup and stop')
    p.add_argument('--warmup', type=int, default=20)
    a = p.parse_args()

    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    train, test, vocab_size, block_size = datasets(a.input_file)
    model = CharTransformer(vocab_size, block_size, a.n_layer, a.n_head, a.n_embd)
    opt = torch.optim.AdamW(model.parameters(), lr=a.learning_rate, weight_decay=a.weight_decay, betas=(0.9, 0.99), eps=1e-8)

    def step():
        x, y = train.batch(torch.randint(len(train.words), (a.batch_size,)).tolist())
        _, loss = model(x, y)
        model.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return loss

    if a.bench:
        for _ in range(a.warmup):
            step()
        times = []
        for _ in range(a.bench):
            t0 = time.perf_counter()
            step()
            times.append((time.perf_counter() - t0) * 1000)
        print('@@' + json.dumps({'step_ms': times, 'threads': torch.get_num_threads()}))
        return

    times = []
    for s in range(a.max_steps):
        t0 = time.perf_counter()
        loss = step()
        lv = loss.item()
        times.append((time.perf_counter() - t0) * 1000)
        if s % 10 == 0:
            print(f'step {s} | loss {lv:.4f} | step time {times[-1]:.2f}ms', flush=True)
        if s > 0 and s % 500 == 0:
            print(f'step {s} train loss: {evaluate(model, train)} test loss: {evaluate(model, test)}', flush=True)
    train_loss, test_loss = evaluate(model, train), evaluate(model, test)
    timed = sorted(times[10:] if len(times) > 10 else times)
    med = timed[len(timed) // 2] if len(timed) % 2 else (timed[len(timed) // 2 - 1] + timed[len(timed) // 2]) / 2
    print(f'final ({len(times)} steps): train loss {train_loss:.4f} | test loss {test_loss:.4f} | '
          f'median step time {med:.2f}ms on {torch.get_num_threads()} threads')
    print('@@' + json.dumps({'steps': len(times), 'train_loss': train_loss, 'test_loss': test_loss, 'median_step_ms': med}))


if __name__ == '__main__':
    main()
