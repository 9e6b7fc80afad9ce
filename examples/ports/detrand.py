# A random stream that PyTorch and tensorgrad compute bit for bit alike (detrand.mjs is its twin): the ports
# replace torch.rand/randn/randint and the default parameter init by it, because torch's Mersenne-Twister
# stream and tensorgrad's Philox stream differ. Every value is k / 2**24 from a 32-bit integer hash, so both
# languages produce the same doubles and round them to float32 the same way.
import math
import torch

_state = [0]


def seed(s):
    _state[0] = s * 1_000_003


def _hash(x):
    x &= 0xFFFFFFFF
    x ^= x >> 16
    x = (x * 0x7FEB352D) & 0xFFFFFFFF
    x ^= x >> 15
    x = (x * 0x846CA68B) & 0xFFFFFFFF
    x ^= x >> 16
    return x


def uniform(n):
    start = _state[0]
    _state[0] += n
    return [(_hash(start + i) >> 8) / 16777216 for i in range(n)]


def _numel(shape):
    return math.prod(shape)


def rand(*shape, dtype=torch.float32):
    return torch.tensor(uniform(_numel(shape)), dtype=dtype).reshape(shape)


def randn(*shape, dtype=torch.float32):
    u = uniform(12 * _numel(shape))
    return torch.tensor([sum(u[12 * i:12 * i + 12]) - 6 for i in range(_numel(shape))], dtype=dtype).reshape(shape)


def randint(low, high, shape):
    return torch.tensor([low + math.floor(v * (high - low)) for v in uniform(_numel(shape))]).reshape(shape)


def init_(module):
    """nn.Linear's default init in distribution (uniform in +-1/sqrt(fan_in) for weight and bias), from this
    stream, parameter by parameter in named_parameters() order."""
    with torch.no_grad():
        fan_in = None
        for name, p in module.named_parameters():
            if p.dim() >= 2:
                fan_in = _numel(p.shape[1:])
            bound = 1 / math.sqrt(fan_in)
            p.copy_(torch.tensor([(2 * v - 1) * bound for v in uniform(p.numel())]).reshape(p.shape))
    return module
