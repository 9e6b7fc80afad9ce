# Cross-checks the docs' expected tensor outputs against PyTorch 1.13 (issue 17): translates the simple examples
# (tg.* calls, options objects as keywords) to Python and compares repr() with each '// tensor(...)' comment.
# Heuristic: examples it cannot translate are skipped, and int32 index tensors or bool literals that the translation
# turns into other dtypes show up as mismatches to read by eye. Dev tool, not a test:
#   node scripts/doc-examples-torch.cjs | /usr/bin/python3 scripts/doc-examples-torch.py
import sys
import json, re, math, torch
import torch.nn.functional as F
torch.set_printoptions(precision=4)
ex = json.load(sys.stdin)
def snake(s): return re.sub(r'(?<=[a-z0-9])([A-Z])', lambda m: '_' + m.group(1).lower(), s)
SNAKE_OK = {'logSoftmax':'log_softmax'}
def split_top(s):
    parts, depth, cur, q = [], 0, '', None
    for c in s:
        if q:
            cur += c
            if c == q: q = None
            continue
        if c in '\'"': q = c
        if c in '([{': depth += 1
        if c in ')]}': depth -= 1
        if c == ',' and depth == 0: parts.append(cur); cur = ''
        else: cur += c
    if cur.strip(): parts.append(cur)
    return parts
def opts(m):
    inner = m.group(1)
    kv = []
    for p in split_top(inner):
        k, v = p.split(':', 1)
        kv.append(f"{snake(k.strip())}={v.strip()}")
    return ', '.join(kv) + ')'
def tr(line):
    if '=>' in line and 'function' not in line and re.search(r'\)\s*=>|\w\s*=>', line): raise ValueError('arrow')
    if 'tg.slice' in line or '.index(' in line or 'require(' in line or 'new ' in line or 'class ' in line: raise ValueError('unsupported')
    l = re.sub(r'^(const|let)\s+', '', line.strip()).rstrip(';')
    l = l.replace('Math.PI', 'math.pi').replace('Math.E', 'math.e').replace('Math.sqrt', 'math.sqrt')
    l = re.sub(r'\bNaN\b', "float('nan')", l); l = re.sub(r'\bInfinity\b', "float('inf')", l)
    l = re.sub(r'\btrue\b', 'True', l); l = re.sub(r'\bfalse\b', 'False', l); l = re.sub(r'\bnull\b', 'None', l)
    # options objects closing a call
    for _ in range(3): l = re.sub(r'\{\s*([^{}]*?)\s*\}\)', opts, l)
    l = l.replace("dtype='int32'", 'dtype=torch.int32').replace("dtype='float64'", 'dtype=torch.float64').replace("dtype='float32'", 'dtype=torch.float32')
    l = l.replace("'int32')", 'torch.int32)').replace("'float64')", 'torch.float64)')
    l = re.sub(r'tg\.nn\.functional\.(\w+)\(', lambda m: f'F.{snake(m.group(1))}(', l)
    l = re.sub(r'tg\.linalg\.(\w+)\(', lambda m: f'torch.linalg.{snake(m.group(1))}(', l)
    l = re.sub(r'tg\.nn\.init\.(\w+)\(', lambda m: f'torch.nn.init.{snake(m.group(1))}(', l)
    # tensor literal: float32 unless dtype given
    def tens(m):
        args = m.group(1)
        return f'torch.tensor({args})' if 'dtype=' in args else f'torch.tensor({args}, dtype=torch.float32)'
    l = re.sub(r'tg\.tensor\(((?:[^()]|\([^()]*\))*)\)', tens, l)
    l = re.sub(r'tg\.(\w+)\(', lambda m: f'torch.{snake(m.group(1))}(', l)
    l = re.sub(r'\.(\w+)\(', lambda m: '.' + snake(m.group(1)) + '(', l)
    if 'tg.' in l: raise ValueError('tg left')
    return l
norm = lambda s: re.sub(r'\s+', ' ', s).replace('[ ', '[').replace('( ', '(').strip()
ok = bad = skipped = 0
mism = []
for e in ex:
    try:
        py = [tr(c) for c in e['code']]
    except Exception as err:
        skipped += 1; continue
    ns = {'torch': torch, 'F': F, 'math': math}
    torch.manual_seed(0)
    try:
        for c, p, x in zip(e['code'], py, e['exp']):
            if x and x.startswith('tensor('):
                m = re.match(r'^(\w+)\s*=\s*(.*)$', p)
                if m: exec(p, ns); v = ns[m.group(1)]
                else: v = eval(p, ns)
                if isinstance(v, torch.Tensor):
                    got = repr(v)
                    if norm(got) == norm(x): ok += 1
                    else: bad += 1; mism.append((e['where'], c, x, got))
            else:
                exec(p, ns)
    except Exception as err:
        skipped += 1; mism.append((e['where'], 'ERR', str(err)[:100], ' | '.join(py)))
print('ok', ok, 'bad', bad, 'skipped examples', skipped)
for m in mism: print(m)
