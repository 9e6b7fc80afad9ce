// tg::Error and TG_CHECK: napi-free error reporting so kernels stay testable in plain C++.
#pragma once
#include <sstream>
#include <stdexcept>
#include <string>

namespace tg {

enum class ErrorKind { Error, Type, Range };

struct Error : std::runtime_error {
  ErrorKind kind;
  Error(ErrorKind k, const std::string& msg) : std::runtime_error(msg), kind(k) {}
};

namespace detail {
inline void concat(std::ostringstream&) {}
template <typename T, typename... R>
void concat(std::ostringstream& os, const T& v, const R&... rest) {
  os << v;
  concat(os, rest...);
}
}  // namespace detail

template <typename... Args>
[[noreturn]] void fail(ErrorKind kind, const Args&... args) {
  std::ostringstream os;
  detail::concat(os, args...);
  throw Error(kind, os.str());
}

}  // namespace tg

// TG_CHECK(cond, kind, message parts...): the C++ side's cheap re-check of what lib/ already validated.
#define TG_CHECK(cond, kind, ...)                  \
  do {                                             \
    if (!(cond)) ::tg::fail(::tg::ErrorKind::kind, __VA_ARGS__); \
  } while (0)
