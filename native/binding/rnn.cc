// N-API wrappers of the fused LSTM cell kernels (native/cpu/rnn_kernels.cc). No math here.
#include "binding/args.h"
#include "binding/ops.h"
#include "binding/storage.h"

namespace tg {
namespace ops {

// lstmCell(hw, xw, c, h, hy, cy, ws): hw and xw of rows x 4h, c of rows x h; writes hy and cy (rows x h) and the
// workspace ws (rows x 5h).
Napi::Value lstm_cell(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "lstmCell";
  ArrayArg c = array_arg(info[2], name);
  const int64_t h = int_arg(info[3], name, "the hidden size");
  TG_CHECK(h > 0 && c.numel % h == 0, Range, name, ": hidden size ", h, " does not divide ", c.numel, " elements");
  const int64_t rows = c.numel / h;
  void* hw = sized_arg(info[0], c.dtype, rows * 4 * h, false, name, "hw");
  void* xw = sized_arg(info[1], c.dtype, rows * 4 * h, false, name, "xw");
  void* hy = sized_arg(info[4], c.dtype, rows * h, false, name, "hy");
  void* cy = sized_arg(info[5], c.dtype, rows * h, false, name, "cy");
  void* ws = sized_arg(info[6], c.dtype, rows * 5 * h, false, name, "the workspace");
  LstmCellFn fn = kt.lstm_cell[int(c.dtype)];
  TG_CHECK(fn != nullptr, Type, name, ": not implemented for dtype ", dtype_name(c.dtype));
  fn(hw, xw, c.data, hy, cy, ws, rows, h);
  return info.Env().Undefined();
}

// lstmCellBackward(dhy | null, dcy | null, c, ws, h, dgates, dc | null): writes dgates (rows x 4h) and dc.
Napi::Value lstm_cell_backward(const Napi::CallbackInfo& info, const KernelTable& kt) {
  const char* name = "lstmCellBackward";
  ArrayArg c = array_arg(info[2], name);
  const int64_t h = int_arg(info[4], name, "the hidden size");
  TG_CHECK(h > 0 && c.numel % h == 0, Range, name, ": hidden size ", h, " does not divide ", c.numel, " elements");
  const int64_t rows = c.numel / h;
  void* dhy = sized_arg(info[0], c.dtype, rows * h, true, name, "dhy");
  void* dcy = sized_arg(info[1], c.dtype, rows * h, true, name, "dcy");
  void* ws = sized_arg(info[3], c.dtype, rows * 5 * h, false, name, "the workspace");
  void* dgates = sized_arg(info[5], c.dtype, rows * 4 * h, false, name, "dgates");
  void* dc = sized_arg(info[6], c.dtype, rows * h, true, name, "dc");
  LstmCellBackwardFn fn = kt.lstm_cell_backward[int(c.dtype)];
  TG_CHECK(fn != nullptr, Type, name, ": not implemented for dtype ", dtype_name(c.dtype));
  fn(dhy, dcy, c.data, ws, dgates, dc, rows, h);
  return info.Env().Undefined();
}

}  // namespace ops
}  // namespace tg
