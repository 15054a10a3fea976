# The expected values of Analysis.Tests/Domain/PAdjustTests.cs: R's p.adjust for every method on four families,
# written to Analysis.Tests/TestData/p_adjust.csv with 17 significant digits.
#   Rscript scripts/p-adjust-reference.R > Analysis.Tests/TestData/p_adjust.csv
families <- list(
  one = c(0.0123),
  two = c(0.04, 0.01),
  # 52 p-values: 50 present, with ties (three equal to the third), and two missing.
  fifty = local({ p <- round(((1:52 * 37) %% 101) / 101 * 0.3, 3); p[c(5, 17)] <- NA; p[c(20, 21)] <- p[3]; p }),
  # Hommel's own family of 30, some very small.
  hommel30 = c(round(((1:27 * 13) %% 31) / 31 * 0.1, 4), 1e-6, 2e-5, 0.0003)
)
methods <- c("holm", "hochberg", "hommel", "bonferroni", "BH", "BY", "none")
cat("family,method,index,p,adjusted\n")
for (f in names(families)) {
  p <- families[[f]]
  for (m in methods) {
    a <- p.adjust(p, method = m)
    for (i in seq_along(p)) {
      cat(f, ",", m, ",", i, ",", if (is.na(p[i])) "NA" else sprintf("%.17g", p[i]), ",",
          if (is.na(a[i])) "NA" else sprintf("%.17g", a[i]), "\n", sep = "")
    }
  }
}
