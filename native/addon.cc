// The addon entry: per-environment state (the kernel table in force), the export table, and the one
// boundary where tg::Error becomes a JS TypeError/RangeError/Error.
#include <napi.h>

#include <cstdlib>
#include <string>

#include "binding/ops.h"
#include "binding/storage.h"
#include "core/error.h"
#include "core/parallel.h"
#include "core/parallel_tuning.h"
#include "cpu/kernel_table.h"

namespace tg {

class TgAddon : public Napi::Addon<TgAddon> {
 public:
  ~TgAddon() { detach_storage_tracker(); }

  TgAddon(Napi::Env env, Napi::Object exports) {
    const char* error = nullptr;
    kt_ = select_kernel_table(std::getenv("TG_CPU_CAPABILITY"), &error);
    if (kt_ == nullptr) {
      Napi::Error::New(env, std::string("TG_CPU_CAPABILITY=") + std::getenv("TG_CPU_CAPABILITY") + ": " + error)
          .ThrowAsJavaScriptException();
      return;
    }
    attach_storage_tracker(env);
    DefineAddon(exports, {
        InstanceMethod<&TgAddon::Call<ops::alloc>>("alloc"),
        InstanceMethod<&TgAddon::Call<ops::dispose>>("dispose"),
        InstanceMethod<&TgAddon::Call<ops::address>>("address"),
        InstanceMethod<&TgAddon::Call<ops::fill>>("fill"),
        InstanceMethod<&TgAddon::Call<ops::binary>>("binary"),
        InstanceMethod<&TgAddon::Call<ops::binary_scalar>>("binaryScalar"),
        InstanceMethod<&TgAddon::Call<ops::unary>>("unary"),
        InstanceMethod<&TgAddon::Call<ops::cast>>("cast"),
        InstanceMethod<&TgAddon::Call<ops::gather>>("gather"),
        InstanceMethod<&TgAddon::Call<ops::strided_copy>>("stridedCopy"),
        InstanceMethod<&TgAddon::Call<ops::reduce_all>>("reduceAll"),
        InstanceMethod<&TgAddon::Call<ops::reduce_dims>>("reduceDims"),
        InstanceMethod<&TgAddon::Call<ops::dot>>("dot"),
        InstanceMethod<&TgAddon::Call<ops::gemm>>("gemm"),
        InstanceMethod<&TgAddon::Call<ops::gemm_pack_b>>("gemmPackB"),
        InstanceMethod<&TgAddon::Call<ops::gemm_linear>>("gemmLinear"),
        InstanceMethod<&TgAddon::Call<ops::binary_backward>>("binaryBackward"),
        InstanceMethod<&TgAddon::Call<ops::adam_step>>("adamStep"),
        InstanceMethod<&TgAddon::Call<ops::sgd_step>>("sgdStep"),
        InstanceMethod<&TgAddon::Call<ops::optim_step>>("optimStep"),
        InstanceMethod<&TgAddon::Call<ops::where>>("where"),
        InstanceMethod<&TgAddon::Call<ops::clamp>>("clamp"),
        InstanceMethod<&TgAddon::Call<ops::argmax>>("argmax"),
        InstanceMethod<&TgAddon::Call<ops::argmin>>("argmin"),
        InstanceMethod<&TgAddon::Call<ops::softmax>>("softmax"),
        InstanceMethod<&TgAddon::Call<ops::log_softmax>>("logSoftmax"),
        InstanceMethod<&TgAddon::Call<ops::softmax_backward>>("softmaxBackward"),
        InstanceMethod<&TgAddon::Call<ops::log_softmax_backward>>("logSoftmaxBackward"),
        InstanceMethod<&TgAddon::Call<ops::index_gather>>("indexGather"),
        InstanceMethod<&TgAddon::Call<ops::index_scatter>>("indexScatter"),
        InstanceMethod<&TgAddon::Call<ops::index_select>>("indexSelect"),
        InstanceMethod<&TgAddon::Call<ops::index_put_dim>>("indexPutDim"),
        InstanceMethod<&TgAddon::Call<ops::index_offsets>>("indexOffsets"),
        InstanceMethod<&TgAddon::Call<ops::index_take>>("indexTake"),
        InstanceMethod<&TgAddon::Call<ops::index_runs>>("indexRuns"),
        InstanceMethod<&TgAddon::Call<ops::im2col>>("im2col"),
        InstanceMethod<&TgAddon::Call<ops::col2im>>("col2im"),
        InstanceMethod<&TgAddon::Call<ops::conv_forward>>("convForward"),
        InstanceMethod<&TgAddon::Call<ops::conv_backward>>("convBackward"),
        InstanceMethod<&TgAddon::Call<ops::max_pool2d>>("maxPool2d"),
        InstanceMethod<&TgAddon::Call<ops::max_pool2d_backward>>("maxPool2dBackward"),
        InstanceMethod<&TgAddon::Call<ops::channel_stats>>("channelStats"),
        InstanceMethod<&TgAddon::Call<ops::channel_affine>>("channelAffine"),
        InstanceMethod<&TgAddon::Call<ops::layer_norm>>("layerNorm"),
        InstanceMethod<&TgAddon::Call<ops::layer_norm_backward>>("layerNormBackward"),
        InstanceMethod<&TgAddon::Call<ops::sdpa>>("sdpa"),
        InstanceMethod<&TgAddon::Call<ops::sdpa_backward>>("sdpaBackward"),
        InstanceMethod<&TgAddon::Call<ops::lstm_cell>>("lstmCell"),
        InstanceMethod<&TgAddon::Call<ops::lstm_cell_backward>>("lstmCellBackward"),
        InstanceMethod<&TgAddon::Call<ops::linalg>>("linalg"),
        InstanceMethod<&TgAddon::Call<ops::scan>>("scan"),
        InstanceMethod<&TgAddon::Call<ops::topk>>("topk"),
        InstanceMethod<&TgAddon::Call<ops::binary_strided>>("binaryStrided"),
        InstanceMethod<&TgAddon::OpCodes>("opCodes"),
        InstanceMethod<&TgAddon::Capability>("capability"),
        InstanceMethod<&TgAddon::Capabilities>("capabilities"),
        InstanceMethod<&TgAddon::SetCapability>("setCapability"),
        InstanceMethod<&TgAddon::GetNumThreads>("getNumThreads"),
        InstanceMethod<&TgAddon::SetNumThreads>("setNumThreads"),
        InstanceMethod<&TgAddon::GetPoolStats>("poolStats"),
        InstanceMethod<&TgAddon::SetChunksPerThread>("setChunksPerThread"),
        InstanceMethod<&TgAddon::SetPoolCpuTiming>("setPoolCpuTiming"),
        InstanceMethod<&TgAddon::CachedBytes>("cachedBytes"),
        InstanceMethod<&TgAddon::EmptyCache>("emptyCache"),
        InstanceMethod<&TgAddon::SweepStorage>("sweepStorage"),
    });
  }

 private:
  // Every native entry point runs through here: a tg::Error (or any std::exception) becomes a JS exception.
  template <ops::Fn F>
  Napi::Value Call(const Napi::CallbackInfo& info) {
    try {
      return F(info, *kt_);
    } catch (const Error& e) {
      Throw(info.Env(), e.kind, e.what());
    } catch (const std::bad_alloc&) {
      Throw(info.Env(), ErrorKind::Range, "out of memory");
    } catch (const Napi::Error&) {
      throw;
    } catch (const std::exception& e) {
      Throw(info.Env(), ErrorKind::Error, e.what());
    }
    return info.Env().Undefined();
  }

  static void Throw(Napi::Env env, ErrorKind kind, const char* msg) {
    switch (kind) {
      case ErrorKind::Type: throw Napi::TypeError::New(env, msg);
      case ErrorKind::Range: throw Napi::RangeError::New(env, msg);
      default: throw Napi::Error::New(env, msg);
    }
  }

  Napi::Value OpCodes(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Napi::Object codes = Napi::Object::New(env);
    Napi::Object binary = Napi::Object::New(env), unary = Napi::Object::New(env), reduce = Napi::Object::New(env);
#define TG_CODE(name) binary.Set(#name, static_cast<int>(BinaryOp::name));
    TG_BINARY_OPS(TG_CODE)
#undef TG_CODE
#define TG_CODE(name) unary.Set(#name, static_cast<int>(UnaryOp::name));
    TG_UNARY_OPS(TG_CODE)
#undef TG_CODE
    reduce.Set("sum", int(ReduceOp::sum));
    reduce.Set("prod", int(ReduceOp::prod));
    reduce.Set("max", int(ReduceOp::max));
    reduce.Set("min", int(ReduceOp::min));
    reduce.Set("sumsq", int(ReduceOp::sumsq));
    codes.Set("binary", binary);
    codes.Set("unary", unary);
    codes.Set("reduce", reduce);
    return codes;
  }

  Napi::Value Capability(const Napi::CallbackInfo& info) { return Napi::String::New(info.Env(), kt_->name); }

  Napi::Value Capabilities(const Napi::CallbackInfo& info) {
    const char* names[8];
    int n = supported_capabilities(names, 8);
    Napi::Array out = Napi::Array::New(info.Env(), n);
    for (int i = 0; i < n; ++i) out.Set(i, names[i]);
    return out;
  }

  // Test hook (like Highway's SetSupportedTargetsForTest): switch this environment's kernel table.
  Napi::Value SetCapability(const Napi::CallbackInfo& info) {
    if (!info[0].IsString()) throw Napi::TypeError::New(info.Env(), "setCapability: expected a capability name");
    std::string name = info[0].As<Napi::String>();
    const char* error = nullptr;
    const KernelTable* kt = select_kernel_table(name.c_str(), &error);
    if (kt == nullptr) throw Napi::RangeError::New(info.Env(), "setCapability: '" + name + "': " + error);
    kt_ = kt;
    return info.Env().Undefined();
  }

  Napi::Value GetNumThreads(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), get_num_threads()); }

  Napi::Value SetNumThreads(const Napi::CallbackInfo& info) {
    if (!info[0].IsNumber()) throw Napi::TypeError::New(info.Env(), "setNumThreads: expected a number");
    int n = info[0].As<Napi::Number>().Int32Value();
    if (n < 1 || n > 1024) throw Napi::RangeError::New(info.Env(), "setNumThreads: expected 1..1024, got " + std::to_string(n));
    set_num_threads(n);
    return info.Env().Undefined();
  }

  // Probe hook (bench/scaling-probe.cjs): the thread pool's counters, tg::PoolStats.
  Napi::Value GetPoolStats(const Napi::CallbackInfo& info) {
    const tg::PoolStats s = pool_stats();
    Napi::Object o = Napi::Object::New(info.Env());
    o.Set("jobs", double(s.jobs));
    o.Set("busy", double(s.busy));
    o.Set("chunks", double(s.chunks));
    o.Set("workerChunks", double(s.worker_chunks));
    o.Set("callerSleeps", double(s.caller_sleeps));
    o.Set("workerSleeps", double(s.worker_sleeps));
    o.Set("workCalls", double(s.work_calls));
    o.Set("workNs", double(s.work_ns));
    o.Set("chunkCpuNs", double(pool_chunk_cpu_ns()));
    return o;
  }

  // Probe hook: set_pool_cpu_timing (core/parallel_tuning.h).
  Napi::Value SetPoolCpuTiming(const Napi::CallbackInfo& info) {
    set_pool_cpu_timing(info[0].ToBoolean().Value());
    return info.Env().Undefined();
  }

  // Probe hook: Note [Chunks per thread]. Returns the previous setting.
  Napi::Value SetChunksPerThread(const Napi::CallbackInfo& info) {
    if (!info[0].IsNumber()) throw Napi::TypeError::New(info.Env(), "setChunksPerThread: expected a number");
    const int n = info[0].As<Napi::Number>().Int32Value();
    if (n < 1 || n > 64) throw Napi::RangeError::New(info.Env(), "setChunksPerThread: expected 1..64, got " + std::to_string(n));
    const int old = chunks_per_thread();
    set_chunks_per_thread(n);
    return Napi::Number::New(info.Env(), old);
  }

  Napi::Value CachedBytes(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), static_cast<double>(cached_bytes()));
  }

  Napi::Value EmptyCache(const Napi::CallbackInfo& info) {
    empty_cache();
    return info.Env().Undefined();
  }

  Napi::Value SweepStorage(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), static_cast<double>(sweep_storage()));
  }

  const KernelTable* kt_ = nullptr;
};

}  // namespace tg

using TgAddon = tg::TgAddon;
NODE_API_ADDON(TgAddon)
