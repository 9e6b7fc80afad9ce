// Fused optimizer updates: one pass over a parameter and its state (SGD, Adam, AdamW), float32 and float64.
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

}  // namespace

void register_optim_kernels(KernelTable& t) {
  t.adam[int(DType::Float32)] = &adam_kernel<float>;
  t.adam[int(DType::Float64)] = &adam_kernel<double>;
  t.sgd[int(DType::Float32)] = &sgd_kernel<float>;
  t.sgd[int(DType::Float64)] = &sgd_kernel<double>;
}

}  // namespace TG_CPU_NS
}  // namespace tg
