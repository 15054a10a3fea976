/* Exact signed-rank p-values beyond R's reach (issue #21), as references for RankTestsTests.
 * R's psignrank counts in doubles and gives NaN past 1,023 differences; this counts the subsets of the ranks 1..n
 * summing to k in long double (64-bit mantissa, exponent to 1e4932, so 2^2000 needs no rescaling), adding only
 * positive numbers, and prints R's two-sided p-value for d_k = ((k * 7) mod 2003 + 0.5) * (k mod 3 == 0 ? -1 : 1).
 * Build and run: gcc -O2 -o /tmp/signrank scripts/signrank-reference.c && /tmp/signrank 2000 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 2000;
    /* |d_k| are distinct (7 is invertible mod the prime 2003), so the rank of |d_k| is its order among them. */
    double *mag = malloc(sizeof(double) * n);
    int *neg = malloc(sizeof(int) * n);
    for (int k = 1; k <= n; k++) { mag[k - 1] = (k * 7) % 2003 + 0.5; neg[k - 1] = k % 3 == 0; }
    long long v = 0;
    for (int i = 0; i < n; i++) {
        if (neg[i]) continue;
        int rank = 1;
        for (int j = 0; j < n; j++) if (mag[j] < mag[i]) rank++;
        v += rank;
    }
    long long max = (long long)n * (n + 1) / 2;
    long long low = v < max - v ? v : max - v; /* the tail on the statistic's side, by symmetry */
    long double *c = calloc(low + 1, sizeof(long double));
    c[0] = 1;
    for (int r = 1; r <= n; r++)
        for (long long k = low; k >= r; k--) c[k] += c[k - r];
    long double tail = 0;
    for (long long k = 0; k <= low; k++) tail += c[k];
    long double total = 1;
    for (int r = 0; r < n; r++) total *= 2;
    long double p = 2 * tail / total;
    if (p > 1) p = 1;
    printf("n = %d, V = %lld, two-sided p = %.20Le\n", n, v, p);
    return 0;
}
