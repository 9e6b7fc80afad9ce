# The Python side's twin of py.mjs's makeAttempt: the ports of PyTorch's test files print each call's result, or
# 'raises' where PyTorch raises, so that the two outputs can be compared line by line.


def attempt(label, f):
    try:
        r = f()
    except Exception:
        print(label, 'raises')
        return
    print(label, r)
