// The tridiagonal reduction and the symmetric tridiagonal eigensolvers behind eigh (native/cpu/linalg_eig_kernels.cc), for the ISA-compiled
// linalg sources only (TG_CPU_NS names the instruction set's namespace).
#pragma once
#include <cstdint>

namespace tg {
namespace TG_CPU_NS {

// Householder reduction of the symmetric n x n row-major a (its upper triangle; destroyed) to the tridiagonal
// (d, e) by panels of nb (Note [Blocked sytrd]): reflector k (tau[k], for rows k+1..n-1) is stored in column k
// of the (n - 1) x (n - 1) zero-initialized H from row k + 1 on (its unit first entry implied), orgqr's layout.
void sytrd_upper(double* a, int64_t n, int64_t nb, double* d, double* e, double* H, double* tau);

// Implicit QL (EISPACK tql2) on the tridiagonal (d, e), e[i] coupling i and i + 1 (e[n - 1] ignored): d takes
// the eigenvalues (unsorted), the rows of the n x n Z are rotated along (start from I: Z's rows are then the
// eigenvectors). False if a value did not converge in 60 sweeps.
bool tql2(double* d, double* e, double* Z, int64_t n);

// Divide and conquer (LAPACK's dstedc) on the same (d, e): d takes the eigenvalues (unsorted), the n x n S
// their eigenvectors as columns. False if QL failed on a leaf.
bool tridiag_eigvecs(double* d, double* e, double* S, int64_t n);

}  // namespace TG_CPU_NS
}  // namespace tg
