# Install build (node-gyp, run by `npm install`). CMakeLists.txt builds the same addon from the same sources;
# test/meta/build.test.ts checks that the two lists agree.
{
  "variables": {
    "tg_kernel_sources": [
      "native/cpu/unary_kernels.cc",
      "native/cpu/binary_kernels.cc",
      "native/cpu/reduce_kernels.cc",
      "native/cpu/copy_kernels.cc",
      "native/cpu/blas_kernels.cc",
      "native/cpu/softmax_kernels.cc",
      "native/cpu/optim_kernels.cc",
      "native/cpu/index_kernels.cc",
      "native/cpu/conv_kernels.cc",
      "native/cpu/pool_kernels.cc",
      "native/cpu/gemm_kernels.cc",
      "native/cpu/norm_kernels.cc",
      "native/cpu/attention_kernels.cc",
      "native/cpu/rnn_kernels.cc",
      "native/cpu/linalg_kernels.cc",
      "native/cpu/linalg_eig_kernels.cc",
      "native/cpu/scan_kernels.cc"
    ],
    "tg_common_cflags": ["-O3", "-std=c++17", "-fvisibility=hidden", "-fno-math-errno", "-fexceptions", "-Wall", "-Wno-unused-function", "-Wno-maybe-uninitialized"]
  },
  "target_defaults": {
    "include_dirs": ["<!@(node -p \"require('node-addon-api').include\")", "native"],
    # NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS: a worker terminated mid-op (worker.terminate()) makes napi_throw
    # fail; without it node-addon-api throws a C++ exception out of the callback and the process aborts
    # ("terminate called after throwing an instance of 'Napi::Error'"; test/robustness/threads.test.ts).
    "defines": ["NAPI_VERSION=8", "NODE_ADDON_API_DISABLE_DEPRECATED", "NAPI_CPP_EXCEPTIONS", "NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS"],
    "cflags!": ["-fno-exceptions"],
    "cflags_cc!": ["-fno-exceptions", "-std=gnu++1y", "-std=gnu++17"],
    "cflags_cc": ["<@(tg_common_cflags)"],
    "xcode_settings": {
      "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
      "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
      "OTHER_CPLUSPLUSFLAGS": ["-O3", "-fvisibility=hidden", "-fno-math-errno"]
    }
  },
  "conditions": [
    ["target_arch=='x64'", {
      "targets": [
        {
          "target_name": "tg_kernels_default",
          "type": "static_library",
          "sources": ["<@(tg_kernel_sources)"],
          "defines": ["TG_CPU_NS=cpu_default", "TG_CPU_DEFAULT=1"]
        },
        {
          "target_name": "tg_kernels_avx2",
          "type": "static_library",
          "sources": ["<@(tg_kernel_sources)"],
          "defines": ["TG_CPU_NS=cpu_avx2", "TG_CPU_AVX2=1"],
          "cflags_cc": ["-mavx2", "-mfma", "-mf16c"],
          "xcode_settings": {"OTHER_CPLUSPLUSFLAGS": ["-mavx2", "-mfma", "-mf16c"]}
        },
        {
          "target_name": "tg_kernels_avx512",
          "type": "static_library",
          "sources": ["<@(tg_kernel_sources)"],
          "defines": ["TG_CPU_NS=cpu_avx512", "TG_CPU_AVX512=1"],
          "cflags_cc": ["-mavx512f", "-mavx512dq", "-mavx512vl", "-mavx512bw", "-mavx2", "-mfma", "-mf16c"],
          "xcode_settings": {"OTHER_CPLUSPLUSFLAGS": ["-mavx512f", "-mavx512dq", "-mavx512vl", "-mavx512bw", "-mavx2", "-mfma", "-mf16c"]}
        },
        {
          "target_name": "tensorgrad",
          "sources": [
            "native/addon.cc",
            "native/binding/ops.cc",
            "native/binding/index_ops.cc",
            "native/binding/conv.cc",
            "native/binding/pool_ops.cc",
            "native/binding/norm.cc",
            "native/binding/attention.cc",
            "native/binding/rnn.cc",
            "native/binding/linalg.cc",
            "native/binding/scan.cc",
            "native/binding/storage.cc",
            "native/core/parallel.cc",
            "native/cpu/dispatch.cc"
          ],
          "dependencies": ["tg_kernels_default", "tg_kernels_avx2", "tg_kernels_avx512"],
          "libraries": ["-lpthread"]
        }
      ]
    }, {
      "targets": [
        {
          "target_name": "tg_kernels_neon",
          "type": "static_library",
          "sources": ["<@(tg_kernel_sources)"],
          "defines": ["TG_CPU_NS=cpu_neon", "TG_CPU_NEON=1"]
        },
        {
          "target_name": "tensorgrad",
          "sources": [
            "native/addon.cc",
            "native/binding/ops.cc",
            "native/binding/index_ops.cc",
            "native/binding/conv.cc",
            "native/binding/pool_ops.cc",
            "native/binding/norm.cc",
            "native/binding/attention.cc",
            "native/binding/rnn.cc",
            "native/binding/linalg.cc",
            "native/binding/scan.cc",
            "native/binding/storage.cc",
            "native/core/parallel.cc",
            "native/cpu/dispatch.cc"
          ],
          "dependencies": ["tg_kernels_neon"],
          "libraries": ["-lpthread"]
        }
      ]
    }]
  ]
}
