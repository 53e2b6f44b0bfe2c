"""Two-sided p-values of correlation coefficients, as scipy.stats computes them.

gensim's evaluate_word_pairs returns scipy's pearsonr and spearmanr results;
w2v computes the coefficients in C++ and their p-values here, without scipy.
"""

import math
from typing import NamedTuple


class Correlation(NamedTuple):
    """A correlation coefficient and its two-sided p-value, unpacked as (statistic, pvalue) like scipy's results."""

    statistic: float
    pvalue: float

    @property
    def correlation(self):
        """The coefficient (scipy's older name for it)."""
        return self.statistic


def correlation(coefficient, pairs):
    """`coefficient` over `pairs` pairs, with the p-value of the hypothesis that the true correlation is 0."""
    return Correlation(coefficient, correlation_p_value(coefficient, pairs))


def correlation_p_value(r, n):
    """Two-sided p-value of a correlation r over n pairs (Student's t with n - 2 degrees of freedom).

    With t = r·sqrt((n-2)/(1-r²)), P(|T| >= |t|) is the regularised incomplete beta function
    I_x(df/2, 1/2) at x = df/(df + t²) = 1 - r²: scipy's spearmanr computes it from t, and its
    pearsonr from the equivalent beta distribution of r.
    """
    df = n - 2
    if df <= 0 or math.isnan(r):
        return math.nan
    x = max(0.0, 1.0 - r * r)
    return _regularized_incomplete_beta(df / 2, 0.5, x)


def _regularized_incomplete_beta(a, b, x):
    """I_x(a, b), by the continued fraction of Numerical Recipes (6.4), on the side where it converges fast."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1) / (a + b + 2):
        return math.exp(log_front) * _beta_continued_fraction(a, b, x) / a
    return 1.0 - math.exp(log_front) * _beta_continued_fraction(b, a, 1.0 - x) / b


def _beta_continued_fraction(a, b, x):
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 100000):
        for numerator in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                          -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= d * c
        if abs(d * c - 1.0) < 1e-16:
            break
    return result
