#!/usr/bin/env python3
"""The independent computation behind casemix.test.ts: statsmodels' GLM and numpy, on a fixed
fixture, written to casemix.fixture.json, which the test reads and compares with casemix.ts to
1e-6. Nothing runs this in CI; run it again after changing the fixture or the method:

    apt-get install python3-statsmodels    # Debian's, on the system Python
    /usr/bin/python3 packages/core/src/figure/casemix.fixture.py

The fixture: three characteristics (age band, 4 levels; who completed the form, 3; how it was
collected, 2), England's responses grouped by every combination, and 14 areas, each with its
own mix of respondents and its own positive answers, some drawn with an area effect so that
the funnel is overdispersed.
"""
import itertools
import json
import os

import numpy as np
import statsmodels.api as sm
from scipy.stats import norm

rng = np.random.default_rng(20261207)
LEVELS = [4, 3, 2]
# True log-odds: intercept, age bands 2-4, completed with help / on behalf, collected by review.
TRUE = np.array([0.6, 0.15, 0.3, -0.2, -0.35, -0.8, 0.25])


def design(levels):
    row = [1.0]
    for value, count in zip(levels, LEVELS):
        row += [1.0 if value == k else 0.0 for k in range(1, count)]
    return row


strata = list(itertools.product(*[range(n) for n in LEVELS]))
X = np.array([design(s) for s in strata])
truth = 1 / (1 + np.exp(-X @ TRUE))

# England: every stratum, 40 to 400 respondents each.
england_total = rng.integers(40, 400, size=len(strata))
england_positive = rng.binomial(england_total, truth)

# Areas: a mix tilted towards some strata, and an area effect on the log-odds for some.
areas = []
for a in range(14):
    tilt = rng.dirichlet(np.full(len(strata), 0.6))
    n = int(rng.integers(60, 900))
    total = rng.multinomial(n, tilt)
    effect = [0.0, 0.0, 0.5, -0.5, 0.0, 0.3, 0.0, -0.35, 0.0, 0.0, 0.7, 0.0, -0.6, 0.0][a]
    p = 1 / (1 + np.exp(-(X @ TRUE + effect)))
    positive = rng.binomial(total, p)
    areas.append({"total": total, "positive": positive})

# statsmodels: a binomial GLM on grouped counts, [successes, failures].
endog = np.column_stack([england_positive, england_total - england_positive])
fit = sm.GLM(endog, X, family=sm.families.Binomial()).fit(tol=1e-14, maxiter=200)
beta = fit.params
p_hat = fit.predict(X)
p0 = england_positive.sum() / england_total.sum()

units = []
for area in areas:
    keep = area["total"] > 0
    expected = float((area["total"] * p_hat)[keep].sum())
    variance = float((area["total"] * p_hat * (1 - p_hat))[keep].sum())
    observed = int(area["positive"].sum())
    ratio = observed / expected
    adjusted = ratio * p0
    s = np.sqrt(variance) / expected * p0
    units.append({"observed": observed, "n": int(area["total"].sum()), "expected": expected, "variance": variance, "ratio": ratio, "adjusted": adjusted, "s": s, "z": (adjusted - p0) / s})

# Spiegelhalter (2005): winsorise the z-scores at their 10th and 90th percentiles (numpy's
# default, linear interpolation), phi their mean square, tau² when I·phi > I - 1.
z = np.array([u["z"] for u in units])
lo, hi = np.percentile(z, [10, 90])
phi = float(np.mean(np.clip(z, lo, hi) ** 2))
I = len(units)
w = np.array([1 / u["s"] ** 2 for u in units])
tau2 = (I * phi - (I - 1)) / (w.sum() - (w**2).sum() / w.sum()) if I * phi > I - 1 else 0.0
z95, z998 = norm.ppf(0.975), norm.ppf(0.999)


def band(zz):
    if zz > z998:
        return "MUCH_BETTER"
    if zz > z95:
        return "BETTER"
    if zz < -z998:
        return "MUCH_WORSE"
    if zz < -z95:
        return "WORSE"
    return "ABOUT_AS_EXPECTED"


for u in units:
    u["zWithRandomEffect"] = (u["adjusted"] - p0) / np.sqrt(u["s"] ** 2 + tau2)
    u["band"] = band(u["zWithRandomEffect"])

limits = []
for n in [50, 100, 200, 500, 1000]:
    sd = np.sqrt(p0 * (1 - p0) / n + tau2)
    limits.append({"n": n, "lower95": p0 - z95 * sd, "upper95": p0 + z95 * sd, "lower998": p0 - z998 * sd, "upper998": p0 + z998 * sd})

out = {
    "about": "Written by casemix.fixture.py (statsmodels %s, numpy %s); do not edit by hand." % (sm.__version__, np.__version__),
    "levels": LEVELS,
    "england": [{"levels": list(map(int, s)), "positive": int(y), "total": int(n)} for s, y, n in zip(strata, england_positive, england_total)],
    "areas": [{"total": list(map(int, a["total"])), "positive": list(map(int, a["positive"]))} for a in areas],
    "expected": {
        "coefficients": list(map(float, beta)),
        "deviance": float(fit.deviance),
        "p0": float(p0),
        "units": [{k: (float(v) if isinstance(v, (float, np.floating)) else v) for k, v in u.items()} for u in units],
        "phi": phi,
        "bounds": [float(lo), float(hi)],
        "tau2": float(tau2),
        "z95": float(z95),
        "z998": float(z998),
        "limits": [{k: float(v) for k, v in l.items()} for l in limits],
    },
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "casemix.fixture.json")
with open(path, "w") as f:
    json.dump(out, f)
    f.write("\n")
print("wrote", path, "phi", phi, "tau2", tau2, "bands", [u["band"] for u in units])
