/* log and pow got new symbol versions in glibc 2.29 (new implementations); binding the binary to the original
   versions keeps the C library it needs at glibc 2.28 (scripts/release/glibc-sysroot.sh, docs/releasing.md).
   Linked with -Wl,--wrap=log -Wl,--wrap=pow, so every call to log or pow comes here. */
#if defined(__aarch64__)
#define GLIBC_BASE "GLIBC_2.17"
#else
#define GLIBC_BASE "GLIBC_2.2.5"
#endif
double glibc_compat_log(double x);
double glibc_compat_pow(double x, double y);
__asm__(".symver glibc_compat_log,log@" GLIBC_BASE);
__asm__(".symver glibc_compat_pow,pow@" GLIBC_BASE);
double __wrap_log(double x) { return glibc_compat_log(x); }
double __wrap_pow(double x, double y) { return glibc_compat_pow(x, y); }
