# Regenerates the test datasets in Analysis.Tests/TestData and prints the reference values the statistics
# tests compare against. Run: Rscript scripts/r-reference.R   (R 4.2, package stats only)
out <- "Analysis.Tests/TestData"
p <- function(label, x) cat(sprintf("%s = %s\n", label, paste(sprintf("%.17g", x), collapse = ", ")))

# --- datasets ------------------------------------------------------------------------------------------
write.csv(sleep[, c("extra", "group", "ID")], file.path(out, "sleep.csv"), row.names = FALSE, quote = FALSE)
write.csv(mtcars, file.path(out, "mtcars.csv"), row.names = FALSE, quote = FALSE)
write.csv(data.frame(g1 = sleep$extra[1:10], g2 = sleep$extra[11:20]), file.path(out, "sleep_wide.csv"), row.names = FALSE, quote = FALSE)

set.seed(20261128)
n <- 60
g <- sample(c("alpha", "beta", "gamma"), n, replace = TRUE, prob = c(0.5, 0.3, 0.2))
x1 <- round(rnorm(n, 10, 2), 3); x2 <- round(rnorm(n, 0, 1), 3); x3 <- round(runif(n), 4)
y <- round(2 + 1.5 * x1 - 0.7 * x2 + 3 * x3 + rnorm(n), 3)
x4 <- x1 + x2                       # exactly collinear with x1 and x2
k <- rep(5, n)                      # constant
y[c(3, 17)] <- NA; x2[c(8, 40)] <- NA; g[c(25)] <- NA
gen <- data.frame(y, x1, x2, x3, x4, k, g)
write.csv(gen, file.path(out, "generated.csv"), row.names = FALSE, quote = FALSE, na = "NA")

set.seed(7)
big <- data.frame(u = rnorm(400))
big$v <- round(big$u * 3 + rnorm(400, sd = 2.5), 4); big$u <- round(big$u, 4)
write.csv(big, file.path(out, "strong.csv"), row.names = FALSE, quote = FALSE)

tiny <- data.frame(a = c(3.1, 1.2, 5.6, 4.4, 2.0, 6.3, 0.7), b = c(2.2, 0.9, 4.1, 6.0, 1.5, 5.2, 1.1))
write.csv(tiny, file.path(out, "tiny.csv"), row.names = FALSE, quote = FALSE)

set.seed(11)
yr <- 2000:2039
a <- round(rnorm(40, 10, 3), 4)
ill <- data.frame(yr = yr, yr2 = yr^2, yr3 = yr^3, a = a, b = a + round(1e-6 * rnorm(40), 12))
ill$y <- round(5 + 0.3 * (yr - 2000) + 0.01 * (yr - 2000)^2 + 2 * a + rnorm(40), 4)
write.csv(ill, file.path(out, "illconditioned.csv"), row.names = FALSE, quote = FALSE)

# --- reference values ----------------------------------------------------------------------------------
cat("## sleep\n")
w <- t.test(extra ~ group, data = sleep)
p("welch t, df, p, ci, est", c(w$statistic, w$parameter, w$p.value, w$conf.int, w$estimate[1] - w$estimate[2]))
s <- t.test(extra ~ group, data = sleep, var.equal = TRUE)
p("student t, df, p, ci", c(s$statistic, s$parameter, s$p.value, s$conf.int))
pr <- t.test(sleep$extra[1:10], sleep$extra[11:20], paired = TRUE, conf.level = 0.9)
p("paired(g1,g2) 0.9 t, df, p, ci, est", c(pr$statistic, pr$parameter, pr$p.value, pr$conf.int, pr$estimate))

cat("## mtcars\n")
o <- t.test(mtcars$mpg, mu = 20, conf.level = 0.99)
p("one-sample mpg mu=20 0.99 t, df, p, ci, est", c(o$statistic, o$parameter, o$p.value, o$conf.int, o$estimate))
am <- t.test(mpg ~ am, data = mtcars)
p("welch mpg~am t, df, p, ci, est", c(am$statistic, am$parameter, am$p.value, am$conf.int, am$estimate[1] - am$estimate[2]))
am2 <- t.test(mtcars$mpg[mtcars$am == 1], mtcars$mpg[mtcars$am == 0])   # groups = [1, 0]
p("welch mpg groups [1,0] t, est", c(am2$statistic, am2$estimate[1] - am2$estimate[2]))
a <- anova(lm(mpg ~ factor(cyl), data = mtcars))
p("anova mpg~cyl F, df1, df2, p, ssb, ssw", c(a$`F value`[1], a$Df, a$`Pr(>F)`[1], a$`Sum Sq`))
p("anova group means (4,6,8)", tapply(mtcars$mpg, mtcars$cyl, mean))
p("anova group sds (4,6,8)", tapply(mtcars$mpg, mtcars$cyl, sd))
m <- summary(lm(mpg ~ wt + hp + qsec, data = mtcars))
p("lm mpg~wt+hp+qsec coef", m$coefficients[, 1]); p("  se", m$coefficients[, 2])
p("  t", m$coefficients[, 3]); p("  p", m$coefficients[, 4])
p("  r2, adj, F, df1, df2, sigma", c(m$r.squared, m$adj.r.squared, m$fstatistic, m$sigma))
p("  F p", pf(m$fstatistic[1], m$fstatistic[2], m$fstatistic[3], lower.tail = FALSE))
c1 <- chisq.test(table(mtcars$am, mtcars$vs))
p("chisq am x vs (Yates) X2, df, p", c(c1$statistic, c1$parameter, c1$p.value)); p("  expected", c1$expected)
c2 <- chisq.test(table(mtcars$am, mtcars$vs), correct = FALSE)
p("chisq am x vs (no Yates) X2, p", c(c2$statistic, c2$p.value))
c3 <- suppressWarnings(chisq.test(table(mtcars$cyl, mtcars$gear)))
p("chisq cyl x gear X2, df, p", c(c3$statistic, c3$parameter, c3$p.value)); p("  observed", c3$observed)
cm <- cor(mtcars[, c("mpg", "wt", "hp", "qsec")])
p("pearson mpg,wt,hp,qsec r", cm)
pv <- outer(1:4, 1:4, Vectorize(function(i, j) if (i == j) 0 else cor.test(mtcars[[c("mpg","wt","hp","qsec")[i]]], mtcars[[c("mpg","wt","hp","qsec")[j]]])$p.value))
p("  p", pv)
sp <- cor(mtcars$mpg, mtcars$hp, method = "spearman")
spt <- suppressWarnings(cor.test(mtcars$mpg, mtcars$hp, method = "spearman"))
p("spearman mpg,hp (ties) r, p", c(sp, spt$p.value))

cat("## generated\n")
d <- read.csv(file.path(out, "generated.csv"))
cc <- complete.cases(d[, c("y", "x1", "x2", "x3")])
p("rows used by lm(y~x1+x2+x3)", sum(cc))
mg <- summary(lm(y ~ x1 + x2 + x3, data = d))
p("lm coef", mg$coefficients[, 1]); p("  se", mg$coefficients[, 2]); p("  p", mg$coefficients[, 4])
p("  r2, adj, F, sigma", c(mg$r.squared, mg$adj.r.squared, mg$fstatistic[1], mg$sigma))
rd <- lm(y ~ x1 + x2 + x4, data = d)
p("rank-deficient lm: NA coefficient for x4?", as.numeric(is.na(coef(rd)["x4"])))
ag <- anova(lm(y ~ factor(g), data = d))
p("anova y~g F, df1, df2, p, ssb, ssw", c(ag$`F value`[1], ag$Df, ag$`Pr(>F)`[1], ag$`Sum Sq`))
p("  n used", sum(complete.cases(d[, c("y", "g")])))
p("  group sizes (alpha, beta, gamma)", table(d$g[complete.cases(d[, c("y", "g")])]))
cs <- cor.test(d$y, d$x3, method = "spearman")      # n = 58 complete, no ties: AS 89 Edgeworth
p("spearman y,x3 rho, p, n", c(cs$estimate, cs$p.value, sum(complete.cases(d[, c("y", "x3")]))))
gw <- t.test(y ~ g, data = d[d$g %in% c("alpha", "gamma"), ])
p("welch y by g groups [alpha, gamma] t, df, p", c(gw$statistic, gw$parameter, gw$p.value))
cor3 <- cor(d[, c("y", "x1", "x2", "x3")], use = "complete.obs")
p("pearson y,x1,x2,x3 listwise r", cor3)
p("  n", sum(complete.cases(d[, c("y", "x1", "x2", "x3")])))

cat("## strong\n")
st <- read.csv(file.path(out, "strong.csv"))
ct <- cor.test(st$u, st$v)
p("pearson u,v r, p", c(ct$estimate, ct$p.value))
ms <- summary(lm(v ~ u, data = st))
p("lm v~u slope p, F p", c(ms$coefficients[2, 4], pf(ms$fstatistic[1], ms$fstatistic[2], ms$fstatistic[3], lower.tail = FALSE)))

cat("## ill-conditioned\n")
il <- read.csv(file.path(out, "illconditioned.csv"))
m1 <- summary(lm(y ~ yr + yr2 + yr3, data = il))
p("lm y~yr+yr2+yr3 coef", m1$coefficients[, 1]); p("  se", m1$coefficients[, 2]); p("  r2", m1$r.squared)
m2 <- summary(lm(y ~ a + b, data = il))
p("lm y~a+b coef", m2$coefficients[, 1]); p("  se", m2$coefficients[, 2]); p("  sigma", m2$sigma)

cat("## tiny (exact Spearman, n = 7)\n")
ti <- cor.test(tiny$a, tiny$b, method = "spearman")
p("spearman a,b rho, p", c(ti$estimate, ti$p.value))

# --- issue #11: the statistician's next tools, and the fixes to the six types ------------------------------
write.csv(InsectSprays, file.path(out, "insectsprays.csv"), row.names = FALSE, quote = FALSE)

cat("## effect sizes\n")
pooled_d <- function(x, y) (mean(x) - mean(y)) / sqrt(((length(x) - 1) * var(x) + (length(y) - 1) * var(y)) / (length(x) + length(y) - 2))
sx <- sleep$extra[sleep$group == 1]; sy <- sleep$extra[sleep$group == 2]
p("cohensD two-sample sleep (pooled SD)", pooled_d(sx, sy))
p("cohensD paired sleep_wide mean(d)/sd(d)", mean(sx - sy) / sd(sx - sy))
p("cohensD one-sample mtcars$mpg mu = 20", (mean(mtcars$mpg) - 20) / sd(mtcars$mpg))
am <- anova(lm(mpg ~ factor(cyl), data = mtcars))
p("etaSquared mpg ~ cyl", am$`Sum Sq`[1] / sum(am$`Sum Sq`))

cat("## levene\n")
lev <- function(x, g, f) { o <- oneway.test(abs(x - ave(x, g, FUN = f)) ~ g, var.equal = TRUE); c(o$statistic, o$parameter, o$p.value) }
p("levene mpg ~ cyl median: F, df1, df2, p", lev(mtcars$mpg, factor(mtcars$cyl), median))
p("levene mpg ~ cyl mean: F, df1, df2, p", lev(mtcars$mpg, factor(mtcars$cyl), mean))
p("levene count ~ spray median: F, df1, df2, p", lev(InsectSprays$count, InsectSprays$spray, median))

cat("## spearman at n = 1290 (exact/Edgeworth, R's n <= 1290)\n")
i <- 1:1290; sx1 <- (i * 7919) %% 1291; sy1 <- (i * 104729) %% 1297 + 0.05 * sx1
s1290 <- cor.test(sx1, sy1, method = "spearman")
p("spearman n=1290 rho, p", c(s1290$estimate, s1290$p.value))

cat("## rank tests\n")
write.csv(airquality[, c("Ozone", "Month")], file.path(out, "airquality.csv"), row.names = FALSE, quote = FALSE, na = "NA")
mw <- suppressWarnings(wilcox.test(extra ~ group, data = sleep))          # ties: normal, corrected
p("mannwhitney extra ~ group W, p", c(mw$statistic, mw$p.value))
mw2 <- suppressWarnings(wilcox.test(mpg ~ am, data = mtcars, correct = FALSE))   # numeric grouping, ties, no correction
p("mannwhitney mpg ~ am (correct = FALSE) W, p", c(mw2$statistic, mw2$p.value))
tiny2 <- data.frame(v = c(tiny$a, tiny$b), g = rep(c("a", "b"), each = 7))
mw3 <- wilcox.test(v ~ g, data = tiny2)                                   # no ties, n < 50: exact
p("mannwhitney tiny a vs b (exact) W, p", c(mw3$statistic, mw3$p.value))
p("  medians mpg by am", tapply(mtcars$mpg, mtcars$am, median))
sw <- suppressWarnings(wilcox.test(sleep$extra[1:10], sleep$extra[11:20], paired = TRUE))   # ties and zeros
p("wilcoxon paired sleep V, p", c(sw$statistic, sw$p.value))
sw2 <- wilcox.test(tiny$a, tiny$b, paired = TRUE)                         # exact
p("wilcoxon paired tiny a, b (exact) V, p", c(sw2$statistic, sw2$p.value))
sw3 <- suppressWarnings(wilcox.test(mtcars$mpg, mu = 20, exact = FALSE, correct = FALSE))
p("wilcoxon mpg mu = 20 (exact = FALSE, correct = FALSE) V, p", c(sw3$statistic, sw3$p.value))
kw <- kruskal.test(count ~ spray, data = InsectSprays)
p("kruskal count ~ spray H, df, p", c(kw$statistic, kw$parameter, kw$p.value))
kw2 <- kruskal.test(Ozone ~ Month, data = airquality)                    # missing values, unequal groups
p("kruskal Ozone ~ Month H, df, p", c(kw2$statistic, kw2$parameter, kw2$p.value))
aq <- airquality[complete.cases(airquality[, c("Ozone", "Month")]), ]
p("  mean ranks by month", tapply(rank(aq$Ozone), aq$Month, mean)); p("  n", nrow(aq))

cat("## logistic and categorical predictors\n")
mc <- data.frame(mpg = mtcars$mpg, wt = mtcars$wt, hp = mtcars$hp, vs = mtcars$vs,
                 am = ifelse(mtcars$am == 1, "manual", "auto"),
                 gear = c("three", "four", "five")[match(mtcars$gear, c(3, 4, 5))])
write.csv(mc, file.path(out, "mtcars_text.csv"), row.names = FALSE, quote = FALSE)
lg <- summary(glm(factor(am) ~ wt + hp, family = binomial, data = mc))
p("logistic am ~ wt + hp estimate", lg$coefficients[, 1]); p("  se", lg$coefficients[, 2]); p("  z", lg$coefficients[, 3]); p("  p", lg$coefficients[, 4])
p("  deviance, null, df res, df null, aic", c(lg$deviance, lg$null.deviance, lg$df.residual, lg$df.null, lg$aic))
lc <- summary(glm(vs ~ mpg + gear, family = binomial, data = mc))     # gear: levels five (reference), four, three
p("logistic vs ~ mpg + gear terms", seq_along(rownames(lc$coefficients))); cat("  names:", rownames(lc$coefficients), "\n")
p("  estimate", lc$coefficients[, 1]); p("  se", lc$coefficients[, 2]); p("  p", lc$coefficients[, 4])
p("  deviance, null, aic", c(lc$deviance, lc$null.deviance, lc$aic))
qs <- data.frame(x = c(1, 2, 3, 4, 4, 5, 6, 7), y = c(0, 0, 0, 0, 1, 1, 1, 1))
write.csv(qs, file.path(out, "quasiseparated.csv"), row.names = FALSE, quote = FALSE)
lq <- withCallingHandlers(summary(glm(y ~ x, family = binomial, data = qs)), warning = function(w) { cat("  R warns:", conditionMessage(w), "\n"); invokeRestart("muffleWarning") })
p("logistic quasi-separated y ~ x estimate", lq$coefficients[, 1]); p("  se", lq$coefficients[, 2]); p("  deviance, aic", c(lq$deviance, lq$aic))
lr <- summary(lm(mpg ~ wt + gear, data = mc))
p("lm mpg ~ wt + gear (gearfour, gearthree) estimate", lr$coefficients[, 1]); p("  se", lr$coefficients[, 2]); p("  r2, F", c(lr$r.squared, lr$fstatistic[1]))

cat("## shapiro and tukey\n")
sm <- shapiro.test(mtcars$mpg); sh <- shapiro.test(mtcars$hp)
p("shapiro mpg, hp: W, p, W, p", c(sm$statistic, sm$p.value, sh$statistic, sh$p.value))
tk <- TukeyHSD(aov(mpg ~ factor(cyl), data = mtcars))$`factor(cyl)`   # rows 6-4, 8-4, 8-6
p("tukey mpg ~ cyl diff", tk[, "diff"]); p("  lwr", tk[, "lwr"]); p("  upr", tk[, "upr"]); p("  p adj", tk[, "p adj"])
tk2 <- TukeyHSD(aov(count ~ spray, data = InsectSprays), conf.level = 0.99)$spray
p("tukey count ~ spray (0.99) diff", tk2[, "diff"]); p("  lwr", tk2[, "lwr"]); p("  upr", tk2[, "upr"]); p("  p adj", tk2[, "p adj"])

cat("## fisher and kendall\n")
f2 <- fisher.test(table(mtcars$am, mtcars$vs))
p("fisher am x vs: p, odds ratio, ci", c(f2$p.value, f2$estimate, f2$conf.int))
f3 <- fisher.test(table(mtcars$cyl, mtcars$gear))
p("fisher cyl x gear (3x3): p", f3$p.value)
k1 <- suppressWarnings(cor.test(mtcars$mpg, mtcars$wt, method = "kendall"))   # ties: normal
p("kendall mpg, wt: tau, p", c(k1$estimate, k1$p.value))
k2 <- cor.test(tiny$a, tiny$b, method = "kendall")                              # n = 7, no ties: exact
p("kendall tiny a, b: tau, p", c(k2$estimate, k2$p.value))
