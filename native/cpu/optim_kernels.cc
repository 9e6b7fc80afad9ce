// Fused optimizer updates: one pass over a parameter and its state (SGD, Adam, AdamW; RMSprop, Adagrad,
// Adadelta, Adamax, NAdam, RAdam), float32 and float64.
// Compiled once per ISA.
#include <cmath>
#include <cstdint>
#include <type_traits>

#include "cpu/kernel_table.h"
#include "cpu/loops.h"

namespace tg {
namespace TG_CPU_NS {
namespace {

// Note [Fused optimizer steps]: PyTorch 1.13's default (single-tensor) Adam makes about a dozen passes over
// each parameter, one per tensor op; here each element is read and written once. Every step is the same
// arithmetic as PyTorch's op sequence, in the parameter's dtype, with the hyperparameters rounded to that dtype
// as PyTorch's scalar arguments are, so results agree with PyTorch to rounding (the compiler may fuse a
// multiply-add where PyTorch rounds twice, or the reverse). Each element depends on its own values only, so
// the split across threads cannot change a result.

// Calls run(std::integral_constant<bool, flags[0]>, ...): runtime options become template arguments, so each
// combination gets its own branch-free loop.
template <size_t N, bool... kSet, typename F>
void with_flags(const bool (&flags)[N], const F& run) {
  if constexpr (sizeof...(kSet) == N) {
    run(std::integral_constant<bool, kSet>{}...);
  } else {
    if (flags[sizeof...(kSet)]) with_flags<N, kSet..., true>(flags, run);
    else with_flags<N, kSet..., false>(flags, run);
  }
}

// One chunk of Adam; the options are template parameters so the loop has no branches and vectorizes.
template <typename T, bool kMaximize, bool kCoupled, bool kDecoupled, bool kAmsgrad>
void adam_chunk(T* __restrict param, const T* __restrict grad, T* __restrict m, T* __restrict v,
                T* __restrict vmax, int64_t begin, int64_t end, const AdamHyper& h) {
  const T beta1 = T(h.beta1), one_minus_beta1 = T(1 - h.beta1);
  const T beta2 = T(h.beta2), one_minus_beta2 = T(1 - h.beta2);
  const T weight_decay = T(h.weight_decay), decay = T(h.param_decay);
  const T neg_step_size = T(-h.step_size), bc2_sqrt = T(h.bias_correction2_sqrt), eps = T(h.eps);
  for (int64_t i = begin; i < end; ++i) {
    T g = kMaximize ? -grad[i] : grad[i];
    T p = param[i];
    if (kCoupled) g = g + weight_decay * p;              // Adam: grad.add(param, alpha=weight_decay)
    if (kDecoupled) p = p * decay;                       // AdamW: param.mul_(1 - lr * weight_decay)
    const T mi = m[i] * beta1 + one_minus_beta1 * g;     // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
    const T vi = v[i] * beta2 + one_minus_beta2 * g * g;  // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2)
    m[i] = mi;
    v[i] = vi;
    T second = vi;
    if (kAmsgrad) {  // torch.maximum(max_exp_avg_sq, exp_avg_sq): NaN from either side wins
      const T cur = vmax[i];
      second = (cur > vi || cur != cur) ? cur : vi;
      vmax[i] = second;
    }
    const T denom = std::sqrt(second) / bc2_sqrt + eps;  // (sqrt(v) / sqrt(bias_correction2)).add_(eps)
    param[i] = p + neg_step_size * mi / denom;           // param.addcdiv_(exp_avg, denom, value=-step_size)
  }
}

template <typename T>
void adam_kernel(void* param, const void* grad, void* m, void* v, void* vmax, int64_t n, const AdamHyper& h) {
  const bool flags[4] = {h.maximize, h.weight_decay != 0, h.param_decay != 1, vmax != nullptr};
  with_flags(flags, [&](auto... f) {
    parallel_for(0, n, kGrainSize, [&](int64_t b, int64_t e) {
      adam_chunk<T, decltype(f)::value...>(static_cast<T*>(param), static_cast<const T*>(grad), static_cast<T*>(m),
                                           static_cast<T*>(v), static_cast<T*>(vmax), b, e, h);
    });
  });
}

// One chunk of SGD, options as template parameters (see adam_chunk).
template <typename T, bool kMaximize, bool kDecay, bool kMomentum, bool kNesterov>
void sgd_chunk(T* __restrict param, const T* __restrict grad, T* __restrict buf, int64_t begin, int64_t end,
               const SgdHyper& h) {
  const T weight_decay = T(h.weight_decay), momentum = T(h.momentum), one_minus_dampening = T(1 - h.dampening);
  const T neg_lr = T(-h.lr);
  const bool first = h.first_step;
  for (int64_t i = begin; i < end; ++i) {
    T d = kMaximize ? -grad[i] : grad[i];
    const T p = param[i];
    if (kDecay) d = d + weight_decay * p;  // d_p.add(param, alpha=weight_decay)
    if (kMomentum) {
      // The first step clones d_p into the buffer; later ones buf.mul_(momentum).add_(d_p, alpha=1 - dampening).
      const T bi = first ? d : buf[i] * momentum + one_minus_dampening * d;
      buf[i] = bi;
      d = kNesterov ? d + momentum * bi : bi;
    }
    param[i] = p + neg_lr * d;  // param.add_(d_p, alpha=-lr)
  }
}

template <typename T>
void sgd_kernel(void* param, const void* grad, void* buf, int64_t n, const SgdHyper& h) {
  const bool flags[4] = {h.maximize, h.weight_decay != 0, buf != nullptr, h.nesterov};
  with_flags(flags, [&](auto... f) {
    parallel_for(0, n, kGrainSize, [&](int64_t b, int64_t e) {
      sgd_chunk<T, decltype(f)::value...>(static_cast<T*>(param), static_cast<const T*>(grad), static_cast<T*>(buf),
                                          b, e, h);
    });
  });
}

// The other optimizers (lib/optim/*.ts), each PyTorch 1.13's _single_tensor_<name> op for op in T, so every
// intermediate rounds to the parameter's dtype as PyTorch's tensor ops do (see Note [Fused optimizer steps]).
// h[] per kind:
//   RMSprop  alpha, eps, weight_decay, momentum, lr, centered, maximize;  s0 square_avg, s1 grad_avg, s2 momentum_buffer
//   Adagrad  clr (lr / (1 + (step - 1) * lr_decay)), weight_decay, eps, maximize;  s0 sum
//   Adadelta rho, eps, weight_decay, lr, maximize;  s0 square_avg, s1 acc_delta
//   Adamax   beta1, beta2, eps, weight_decay, clr (lr / (1 - beta1^step)), maximize;  s0 exp_avg, s1 exp_inf
//   NAdam    beta1, beta2, eps, weight_decay, bias_correction2, grad coefficient, exp_avg coefficient;  s0, s1 moments
//   RAdam    beta1, beta2, eps, weight_decay, bias_correction1, lr, sqrt(bias_correction2), rect, rectified;  s0, s1
template <typename T>
void other_chunk(OptimKind kind, T* __restrict p, const T* __restrict grad, T* __restrict s0, T* __restrict s1,
                 T* __restrict s2, int64_t begin, int64_t end, const double* h) {
  const T a = T(h[0]), b = T(h[1]), c = T(h[2]), d = T(h[3]);
  switch (kind) {
    case OptimKind::RMSprop: {
      const T one_minus_alpha = T(1 - h[0]), neg_lr = T(-h[4]);
      const bool centered = h[5] != 0, maximize = h[6] != 0, decay = h[2] != 0, momentum = h[3] > 0;
      for (int64_t i = begin; i < end; ++i) {
        T g = maximize ? -grad[i] : grad[i];
        if (decay) g = g + c * p[i];                              // grad.add(param, alpha=weight_decay)
        const T sq = s0[i] * a + one_minus_alpha * g * g;          // square_avg.mul_(alpha).addcmul_(grad, grad, 1 - alpha)
        s0[i] = sq;
        T avg;
        if (centered) {
          const T ga = s1[i] * a + one_minus_alpha * g;            // grad_avg.mul_(alpha).add_(grad, alpha=1 - alpha)
          s1[i] = ga;
          avg = std::sqrt(sq + -ga * ga);                          // square_avg.addcmul(grad_avg, grad_avg, -1).sqrt_()
        } else {
          avg = std::sqrt(sq);
        }
        avg = avg + b;                                             // .add_(eps)
        if (momentum) {
          const T buf = s2[i] * d + g / avg;                       // buf.mul_(momentum).addcdiv_(grad, avg)
          s2[i] = buf;
          p[i] = p[i] + neg_lr * buf;                              // param.add_(buf, alpha=-lr)
        } else {
          p[i] = p[i] + neg_lr * g / avg;                          // param.addcdiv_(grad, avg, value=-lr)
        }
      }
      break;
    }
    case OptimKind::Adagrad: {
      const T neg_clr = T(-h[0]);
      const bool decay = h[1] != 0, maximize = h[3] != 0;
      for (int64_t i = begin; i < end; ++i) {
        T g = maximize ? -grad[i] : grad[i];
        if (decay) g = g + b * p[i];
        const T sum = s0[i] + g * g;                               // state_sum.addcmul_(grad, grad, value=1)
        s0[i] = sum;
        p[i] = p[i] + neg_clr * g / (std::sqrt(sum) + c);          // param.addcdiv_(grad, sum.sqrt().add_(eps), -clr)
      }
      break;
    }
    case OptimKind::Adadelta: {
      const T one_minus_rho = T(1 - h[0]), neg_lr = T(-h[3]);
      const bool decay = h[2] != 0, maximize = h[4] != 0;
      for (int64_t i = begin; i < end; ++i) {
        T g = maximize ? -grad[i] : grad[i];
        if (decay) g = g + c * p[i];
        const T sq = s0[i] * a + one_minus_rho * g * g;            // square_avg.mul_(rho).addcmul_(grad, grad, 1 - rho)
        s0[i] = sq;
        const T std_ = std::sqrt(sq + b);                          // square_avg.add(eps).sqrt_()
        const T delta = std::sqrt(s1[i] + b) / std_ * g;           // acc_delta.add(eps).sqrt_().div_(std).mul_(grad)
        s1[i] = s1[i] * a + one_minus_rho * delta * delta;         // acc_delta.mul_(rho).addcmul_(delta, delta, 1 - rho)
        p[i] = p[i] + neg_lr * delta;                              // param.add_(delta, alpha=-lr)
      }
      break;
    }
    case OptimKind::Adamax: {
      const T one_minus_beta1 = T(1 - h[0]), neg_clr = T(-h[4]);
      const bool decay = h[3] != 0, maximize = h[5] != 0;
      for (int64_t i = begin; i < end; ++i) {
        T g = maximize ? -grad[i] : grad[i];
        if (decay) g = g + d * p[i];
        const T m = s0[i] * a + one_minus_beta1 * g;               // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
        s0[i] = m;
        const T x = s1[i] * b, y = std::abs(g) + c;                // amax(exp_inf * beta2, |grad| + eps): NaN wins
        const T u = (x != x || x > y) ? x : y;
        s1[i] = u;
        p[i] = p[i] + neg_clr * m / u;                             // param.addcdiv_(exp_avg, exp_inf, value=-clr)
      }
      break;
    }
    case OptimKind::NAdam: {
      const T one_minus_beta1 = T(1 - h[0]), one_minus_beta2 = T(1 - h[1]), bc2 = T(h[4]);
      const T grad_coef = T(h[5]), avg_coef = T(h[6]);
      const bool decay = h[3] != 0;
      for (int64_t i = begin; i < end; ++i) {
        T g = grad[i];
        if (decay) g = g + d * p[i];
        const T m = s0[i] * a + one_minus_beta1 * g;
        const T v = s1[i] * b + one_minus_beta2 * g * g;
        s0[i] = m;
        s1[i] = v;
        const T denom = std::sqrt(v / bc2) + c;                    // exp_avg_sq.div(bias_correction2).sqrt().add_(eps)
        const T q = p[i] + grad_coef * g / denom;                  // param.addcdiv_(grad, denom, value=...)
        p[i] = q + avg_coef * m / denom;                           // param.addcdiv_(exp_avg, denom, value=...)
      }
      break;
    }
    case OptimKind::RAdam: {
      const T one_minus_beta1 = T(1 - h[0]), one_minus_beta2 = T(1 - h[1]), bc1 = T(h[4]), lr = T(h[5]);
      const T sqrt_bc2 = T(h[6]), rect = T(h[7]);
      const bool decay = h[3] != 0, rectified = h[8] != 0;
      for (int64_t i = begin; i < end; ++i) {
        T g = grad[i];
        if (decay) g = g + d * p[i];
        const T m = s0[i] * a + one_minus_beta1 * g;
        const T v = s1[i] * b + one_minus_beta2 * g * g;
        s0[i] = m;
        s1[i] = v;
        const T corrected = m / bc1 * lr;                          // exp_avg / bias_correction1 * lr
        if (rectified) {
          const T adaptive = T(1) / (std::sqrt(v) + c) * sqrt_bc2;  // sqrt(bc2) / (sqrt(v) + eps): reciprocal * scalar
          p[i] = p[i] - corrected * adaptive * rect;
        } else {
          p[i] = p[i] - corrected;
        }
      }
      break;
    }
  }
}

template <typename T>
void other_kernel(OptimKind kind, void* param, const void* grad, void* s0, void* s1, void* s2, int64_t n, const double* h) {
  parallel_for(0, n, kGrainSize, [&](int64_t b, int64_t e) {
    other_chunk<T>(kind, static_cast<T*>(param), static_cast<const T*>(grad), static_cast<T*>(s0), static_cast<T*>(s1),
                   static_cast<T*>(s2), b, e, h);
  });
}

}  // namespace

void register_optim_kernels(KernelTable& t) {
  t.optim_step[int(DType::Float32)] = &other_kernel<float>;
  t.optim_step[int(DType::Float64)] = &other_kernel<double>;
  t.adam[int(DType::Float32)] = &adam_kernel<float>;
  t.adam[int(DType::Float64)] = &adam_kernel<double>;
  t.sgd[int(DType::Float32)] = &sgd_kernel<float>;
  t.sgd[int(DType::Float64)] = &sgd_kernel<double>;
}

}  // namespace TG_CPU_NS
}  // namespace tg
