# Golden values for lib/estimate (issue 3), computed with R's plm, sandwich,
# lmtest and car. Run from the repository root: bash scripts/oracle/run.sh
# Writes test/fixtures/oracle/<dataset>.json. Each file holds the dataset itself
# (synthetic data are simulated here with a fixed seed and rounded to 6
# decimals so that JSON carries them exactly; Grunfeld is the real panel that
# ships with plm) and, for each model, the estimates and every SE convention.
#
# Which software each key reproduces (see docs/estimation.md). Only plm's own
# conventions are computed here; the Stata, fixest and "full" presets are pinned
# by independent Python implementations (scripts/oracle/py_oracle.py:
# linearmodels for Stata's xtreg, pyfixest for fixest), not by formulas of ours.
#   iid               plm's default vcov (s^2 with df = n - k - dof_FE)
#   hc1:plm, hc1:plm-hc1, hc1:plm-sss   plm vcovHC(method = "white1", type = "HC0" / "HC1" / "sss")
#   cluster:plm       plm vcovHC(cluster = "group", type = "HC0")   (plm's default)
#   cluster:plm-hc1   plm vcovHC(cluster = "group", type = "HC1")
#   cluster:plm-sss   plm vcovHC(cluster = "group", type = "sss")
# plus stata_published.json: the example of fixest's vignette "On standard-errors"
# (set.seed(0) data) with the Stata xtreg SE the vignette prints.
suppressPackageStartupMessages({
  library(plm); library(sandwich); library(lmtest); library(car); library(jsonlite)
})
out_dir <- "test/fixtures/oracle"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

nested_in <- function(f, cl) all(tapply(as.character(cl), f, function(v) length(unique(v))) == 1)

# iterative singleton removal over the FE columns
singleton_mask <- function(d, fe) {
  drop <- rep(FALSE, nrow(d))
  repeat {
    changed <- FALSE
    for (f in fe) {
      tab <- table(d[[f]][!drop])
      s <- !drop & d[[f]] %in% names(tab)[tab == 1]
      if (any(s)) { drop <- drop | s; changed <- TRUE }
    }
    if (!changed) break
  }
  drop
}

fit_one <- function(d, y, x, fe, cluster, unit, time, drop_singletons = FALSE) {
  sing <- singleton_mask(d, fe)
  n_sing <- sum(sing)
  if (drop_singletons) d <- d[!sing, , drop = FALSE]
  pd <- pdata.frame(d, index = c(unit, time), drop.index = FALSE, row.names = FALSE)
  effect <- if (length(fe) == 2) "twoways" else "individual"
  fml <- as.formula(paste(y, "~", paste(x, collapse = " + ")))
  m <- plm(fml, data = pd, model = "within", effect = effect)
  b <- coef(m)
  terms <- names(b)
  k <- length(b)
  n <- nobs(m)
  dropped <- setdiff(x, terms)
  # FE degrees of freedom from the rank of the dummy matrix (independent of plm)
  dm <- model.matrix(as.formula(paste("~", paste(sprintf("factor(%s)", fe), collapse = " + "))), d)
  dof_fe <- qr(dm)$rank
  stopifnot(df.residual(m) == n - k - dof_fe)
  cl <- d[[cluster]]
  G <- length(unique(cl))
  nested_dof <- sum(sapply(fe, function(f) if (nested_in(d[[f]], cl)) length(unique(d[[f]])) - 1 else 0))
  Kfull <- k + dof_fe
  V <- list()
  V[["iid"]] <- vcov(m)
  h0 <- vcovHC(m, method = "white1", type = "HC0")
  V[["hc1:plm"]] <- h0
  V[["hc1:plm-hc1"]] <- vcovHC(m, method = "white1", type = "HC1")
  V[["hc1:plm-sss"]] <- vcovHC(m, method = "white1", type = "sss")
  c0 <- vcovHC(m, cluster = "group", type = "HC0")
  V[["cluster:plm"]] <- c0
  V[["cluster:plm-hc1"]] <- vcovHC(m, cluster = "group", type = "HC1")
  V[["cluster:plm-sss"]] <- vcovHC(m, cluster = "group", type = "sss")
  se <- lapply(V, function(v) as.list(sqrt(diag(v))[terms]))
  pv <- lapply(names(V), function(nm) {
    df <- if (startsWith(nm, "cluster")) G - 1 else n - k - dof_fe
    t <- b / sqrt(diag(V[[nm]])[terms])
    as.list(2 * pt(-abs(t), df))
  })
  names(pv) <- names(V)
  # Wald F of all slopes with each vcov (car), df2 = G - 1 when clustered
  wald <- lapply(names(V), function(nm) {
    lh <- linearHypothesis(m, terms, vcov. = V[[nm]], test = "F")
    f <- lh$F[2]
    df2 <- if (startsWith(nm, "cluster")) G - 1 else n - k - dof_fe
    list(stat = f, df1 = k, df2 = df2, p_value = pf(f, k, df2, lower.tail = FALSE))
  })
  names(wald) <- names(V)
  # LSDV (dummy variables) by lm: same slopes, overall R^2
  lfml <- as.formula(paste(y, "~", paste(c(x, sprintf("factor(%s)", fe)), collapse = " + ")))
  l <- lm(lfml, data = d)
  stopifnot(max(abs(coef(l)[terms] - b)) < 1e-8 * max(abs(b)))
  r2 <- summary(l)$r.squared
  # within regressors, VIF = 1/(1 - uncentered R^2_j)
  Xw <- model.matrix(m)[, terms, drop = FALSE]
  vif <- sapply(seq_len(k), function(j) {
    if (k == 1) return(1)
    r <- lm.fit(Xw[, -j, drop = FALSE], Xw[, j])$residuals
    1 / (sum(r^2) / sum(Xw[, j]^2))
  })
  names(vif) <- terms
  # Stata-style constant: regress (y~ + ybar) on [1, X~ + xbar], same factor
  yv <- d[[y]]; ybar <- mean(yv)
  xbar <- colMeans(as.matrix(d[, terms, drop = FALSE]))
  yw <- as.numeric(pmodel.response(m, model = "within", effect = effect))
  Z <- cbind(`(Intercept)` = 1, sweep(Xw, 2, xbar, "+"))
  lz <- lm.fit(Z, yw + ybar)
  stopifnot(max(abs(lz$coefficients[-1] - b)) < 1e-8 * max(abs(b)))
  stopifnot(max(abs(lz$residuals - as.numeric(residuals(m)))) < 1e-8 * max(abs(yv)))
  e <- lz$residuals
  B <- solve(crossprod(Z))
  cons <- list()
  for (nm in names(V)) {
    if (nm == "iid") {
      v0 <- sum(e^2) / (n - Kfull) * B[1, 1]
    } else {
      if (startsWith(nm, "cluster")) {
        U <- rowsum(Z * e, cl)
        M <- crossprod(U)
      } else {
        M <- crossprod(Z * e)
      }
      # the factor is the ratio of the slopes' vcov (plm) to their HC0 vcov
      base <- if (startsWith(nm, "cluster")) c0 else h0
      fac <- V[[nm]][terms[1], terms[1]] / base[terms[1], terms[1]]
      v0 <- fac * (B %*% M %*% B)[1, 1]
    }
    cons[[nm]] <- list(estimate = unname(lz$coefficients[1]), std_error = sqrt(v0))
  }
  list(
    y = y, x = I(x), fe = I(fe), cluster = cluster, drop_singletons = drop_singletons,
    nobs = n, groups = lapply(setNames(fe, fe), function(f) length(unique(d[[f]]))),
    nclusters = G, dof_fe = dof_fe, nested_dof = nested_dof, singletons = n_sing,
    coef = as.list(b), dropped = I(dropped),
    r2_within = unname(r.squared(m)), adj_r2_within = unname(r.squared(m, dfcor = TRUE)), r2 = r2,
    rss = sum(residuals(m)^2),
    se = se, p_value = pv, wald = wald, vif = as.list(vif), constant = cons
  )
}

write_fixture <- function(name, description, source, d, models) {
  obj <- list(name = name, description = description, source = source,
              generated_by = "scripts/oracle/fe_oracle.R",
              r_version = R.version.string,
              packages = list(plm = as.character(packageVersion("plm")), sandwich = as.character(packageVersion("sandwich")),
                              car = as.character(packageVersion("car"))),
              data = as.list(d), models = models)
  write_json(obj, file.path(out_dir, paste0(name, ".json")), auto_unbox = TRUE, digits = NA, pretty = FALSE)
  cat("wrote", name, "\n")
}

sim_panel <- function(N, T, seed, keep = 1) {
  set.seed(seed)
  d <- expand.grid(time = 1:T, unit = 1:N)[, c("unit", "time")]
  a <- rnorm(N); g <- rnorm(T)
  d$x1 <- round(rnorm(nrow(d)) + 0.5 * a[d$unit], 6)
  d$x2 <- round(rnorm(nrow(d)) + 0.3 * g[d$time], 6)
  d$x3 <- round(runif(nrow(d)) + 0.2 * d$x1, 6)
  e <- rnorm(nrow(d)) * (1 + 0.5 * abs(d$x1)) + rnorm(N)[d$unit] * 0.5
  d$y <- round(1 + 0.8 * d$x1 - 0.5 * d$x2 + 0.3 * d$x3 + a[d$unit] + g[d$time] + e, 6)
  if (keep < 1) d <- d[sort(sample(nrow(d), round(keep * nrow(d)))), ]
  rownames(d) <- NULL
  d
}

models_for <- function(d, x, extra = list()) {
  c(list(
    fit_one(d, "y", x, c("unit", "time"), "unit", "unit", "time"),
    fit_one(d, "y", x, c("unit"), "unit", "unit", "time")
  ), extra)
}

SYN <- "synthetic: simulated in scripts/oracle/fe_oracle.R with a fixed seed (not real data)"

# 1. balanced
d <- sim_panel(30, 8, 101)
write_fixture("balanced", "balanced panel, 30 units x 8 periods", SYN, d, models_for(d, c("x1", "x2", "x3")))

# 2. unbalanced with gaps (random 75% of rows kept)
d <- sim_panel(40, 10, 202, keep = 0.75)
write_fixture("unbalanced", "unbalanced panel with gaps, 40 units x up to 10 periods", SYN, d, models_for(d, c("x1", "x2", "x3")))

# 3. singletons: units 1-5 keep one row only
d <- sim_panel(25, 6, 303)
d <- d[!(d$unit <= 5 & d$time > 1), ]
rownames(d) <- NULL
write_fixture("singletons", "25 units x 6 periods, units 1-5 observed once (singletons)", SYN, d,
  models_for(d, c("x1", "x2"), list(fit_one(d, "y", c("x1", "x2"), c("unit", "time"), "unit", "unit", "time", drop_singletons = TRUE))))

# 4. collinear: x4 = x1 + 2 x2 exactly (plm drops x4)
d <- sim_panel(20, 7, 404)
d$x4 <- d$x1 + 2 * d$x2
write_fixture("collinear", "20 units x 7 periods, x4 = x1 + 2*x2 (collinear, dropped)", SYN, d, models_for(d, c("x1", "x2", "x4")))

# 5. real panel: Grunfeld (10 US firms, 1935-1954), shipped with plm
data("Grunfeld", package = "plm")
g <- Grunfeld[, c("firm", "year", "inv", "value", "capital")]
gm <- list(
  fit_one(g, "inv", c("value", "capital"), c("firm", "year"), "firm", "firm", "year"),
  fit_one(g, "inv", c("value", "capital"), c("firm"), "firm", "firm", "year")
)
write_fixture("grunfeld", "Grunfeld investment data, 10 firms x 20 years (balanced)",
  "real: Grunfeld (1958) data as shipped with R package plm (data(Grunfeld))",
  g, gm)

# 6. the project's own panel: estimation sample of model (7), outcome huawei_stance
#    (written by scripts/oracle/exportPanelSample.ts from data/panel.csv; run.sh passes its path)
ps <- Sys.getenv("PANEL_SAMPLE")
if (nzchar(ps)) {
  pd7 <- read.csv(ps, stringsAsFactors = FALSE)
  x7 <- c("asym", "ideal", "ICTtrade", "exchange", "ID_us", "ID_ch", "ED_us", "ED_ch", "GD_us", "ICTtrade_us")
  write_fixture("panel_huawei", "the project's panel (data/panel.csv): model (7) on the Huawei 5G stance, 26 allies x 2017-2020, regressors lagged, winsorized 1/99 and standardized",
    "derived: data/panel.csv via lib/replication/prepare.ts (scripts/oracle/exportPanelSample.ts), rounded to 10 decimals",
    pd7, list(
      fit_one(pd7, "huawei_stance", x7, c("iso3", "year"), "iso3", "iso3", "year"),
      fit_one(pd7, "huawei_stance", x7, c("iso3"), "iso3", "iso3", "year")
    ))
} else {
  cat("PANEL_SAMPLE not set: skipping the panel fixture (run through scripts/oracle/run.sh)\n")
}

# Leave-one-cluster-out coefficients on the balanced two-way model
d <- sim_panel(30, 8, 101)
jk <- t(sapply(sort(unique(d$unit)), function(u) {
  s <- d[d$unit != u, ]
  coef(plm(y ~ x1 + x2 + x3, data = pdata.frame(s, index = c("unit", "time")), model = "within", effect = "twoways"))
}))
write_json(list(dataset = "balanced", model = "y ~ x1 + x2 + x3 | unit + time", omitted = sort(unique(d$unit)),
                coef = as.data.frame(jk)), file.path(out_dir, "jackknife_balanced.json"), digits = NA, auto_unbox = TRUE)
cat("wrote jackknife_balanced\n")

# Three fixed effects (not possible in plm): LSDV with lm and sandwich.
# unit + time + sector, unbalanced; the slope block of the LSDV sandwich equals the
# within one (Frisch-Waugh-Lovell), so these are golden values for the iterative
# (three-FE) demeaning path.
d <- sim_panel(30, 8, 505, keep = 0.8)
set.seed(506)
d$sector <- sample(1:5, nrow(d), replace = TRUE)
d$y <- round(d$y + 0.7 * d$sector, 6)
l <- lm(y ~ x1 + x2 + x3 + factor(unit) + factor(time) + factor(sector), data = d)
terms <- c("x1", "x2", "x3")
n <- nrow(d); k <- 3; rank <- l$rank; dof_fe <- rank - k
G <- length(unique(d$unit))
c0 <- vcovCL(l, cluster = ~unit, type = "HC0", cadjust = FALSE)[terms, terms]
three <- list(
  y = "y", x = I(terms), fe = I(c("unit", "time", "sector")), cluster = "unit",
  nobs = n, dof_fe = dof_fe, coef = as.list(coef(l)[terms]),
  se = list(
    iid = as.list(sqrt(diag(vcov(l)))[terms]),
    `cluster:plm` = as.list(sqrt(diag(c0))),
    `cluster:full` = as.list(sqrt(diag(c0 * G / (G - 1) * (n - 1) / (n - rank))))
  ),
  rss = sum(residuals(l)^2), r2 = summary(l)$r.squared
)
write_fixture("threefe", "unbalanced 30 units x 8 periods (80% of rows) with a third FE, sector (5 levels, varies within unit)", SYN, d, list(three))

# The example of fixest's vignette "On standard-errors" (section "Replicating
# standard-errors from other methods"): the vignette prints Stata's
# `xtreg y x i.time, fe vce(cluster id)` standard error of x, 0.165385, and shows
# that fixest's default equals it. Same data: set.seed(0), 20 rows.
set.seed(0)
N <- 20; n_id <- N / 5; n_time <- N / n_id
base <- data.frame(y = rnorm(N), x = rnorm(N), id = rep(1:n_id, n_time), time = rep(1:n_time, each = n_id))
base$y <- round(base$y, 15); base$x <- round(base$x, 15)
obj <- list(name = "stata_published", generated_by = "scripts/oracle/fe_oracle.R", r_version = R.version.string,
  description = "fixest vignette 'On standard-errors' example (set.seed(0)); Stata xtreg y x i.time, fe vce(cluster id) SE as printed there",
  source = "https://cran.r-project.org/package=fixest/vignettes/standard_errors.html (fixest >= 0.8.0)",
  data = as.list(base), y = "y", x = "x", fe = I(c("id", "time")), cluster = "id",
  stata_se = list(x = 0.165385), digits = 6)
write_json(obj, file.path(out_dir, "stata_published.json"), auto_unbox = TRUE, digits = NA, pretty = FALSE)
cat("wrote stata_published\n")
