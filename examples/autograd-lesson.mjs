// The lesson tensorgrad was created from (Dive into Deep Learning, "Automatic Differentiation"), cell by
// cell, printing what the PyTorch notebook prints. Run: npm run example
import tg from 'tensorgrad';

const show = (label, value) => console.log(`${label}\n${value}\n`);

// A Simple Example
const x = tg.arange(4);
show('x', x);
x.requiresGrad_(true); // same as tg.arange(4, { requiresGrad: true })
show('x.grad  (the default value is null)', x.grad);

let y = tg.mul(2, tg.dot(x, x));
show('y = 2 * dot(x, x)', y);

y.backward();
show('x.grad', x.grad);
show('x.grad == 4 * x', x.grad.eq(x.mul(4)));

// PyTorch accumulates the gradient by default, so clear it first.
x.grad.zero_();
y = x.sum();
y.backward();
show('x.grad after y = x.sum()', x.grad);
show('x.sum()', x.sum());

// Backward for non-scalar variables: sum the partial derivatives (same as y.backward(onesLike(x))).
x.grad.zero_();
y = x.mul(x);
y.sum().backward();
show('x.grad after y = x * x', x.grad);

// Detaching computation
x.grad.zero_();
y = x.mul(x);
const u = y.detach();
const z = u.mul(x);
z.sum().backward();
show('x.grad == u', x.grad.eq(u));

x.grad.zero_();
y.sum().backward();
show('x.grad == 2 * x', x.grad.eq(x.mul(2)));

// Computing the gradient of JS control flow
function f(a) {
  let b = a.mul(2);
  while (b.norm() < 10) b = b.mul(2);
  const c = b.sum() > 0 ? b : b.mul(100);
  return c;
}

const a = tg.randn([], { requiresGrad: true });
console.log(String(a));
const d = f(a);
d.backward();
show('d', d);
show('a.grad == d / a', a.grad.eq(d.div(a)));
